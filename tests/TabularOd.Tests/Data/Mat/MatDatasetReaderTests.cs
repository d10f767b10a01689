using TabularOd.Data;
using TabularOd.Tests.Data.Npy;
using TabularOd.Tests.Support;

namespace TabularOd.Tests.Data.Mat;

public class MatDatasetReaderTests
{
    private static readonly double[] OddsFeatures = [1, 2.5, -3, 4, 5, 6, 7, 8, 9, 0.25, 11, 12, 13, 14, 15, 16, 17, 18];
    private static readonly int[] OddsLabels = [0, 0, 1, 0, 0, 1];

    private static string Fixture(string name) => Path.Combine(TestPaths.Fixtures, "mat", name);

    [Theory]
    [InlineData("odds_v5.mat")]
    [InlineData("odds_v5_compressed.mat")]
    public void ScipyFilesReadAsALabelledTable(string name)
    {
        var file = DataReader.Read(Fixture(name));
        var table = file.Table!;
        Assert.Equal(Path.GetFileNameWithoutExtension(name), table.Name);
        Assert.Equal((6, 3), (table.Rows, table.Columns));
        Assert.Equal(OddsFeatures, table.Features.AsSpan().ToArray());
        Assert.Equal(OddsLabels, table.Labels);
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void CompressionShowsInTheStoredTypes()
    {
        var stored = DataReader.Read(Fixture("odds_v5_compressed.mat")).StoredTypes;
        Assert.Equal(new KeyValuePair<string, string>("X", "double (6, 3), compressed"), stored[0]);
    }

    [Fact]
    public void ScalarAndTextVariablesBecomeMetadata()
    {
        var metadata = DataReader.Read(Fixture("odds_v5.mat")).Table!.Metadata;
        Assert.Equal("six rows", metadata["note"]);
        Assert.Equal(2.5, metadata["scale"]);
    }

    [Theory]
    [InlineData("narrowed_le.mat")]
    [InlineData("narrowed_be.mat")]
    public void NarrowedStorageWidensToTheDoubleClassInBothByteOrders(string name)
    {
        var file = DataReader.Read(Fixture(name));
        var table = file.Table!;
        Assert.Equal([1.0, -200, 3, 4, 5, 600, 7, 8, 9, 10, 11, 12], table.Features.AsSpan().ToArray());
        Assert.Equal(new int[] { 0, 1, 0, 1 }, table.Labels);
        // 'k' was written in the small data element format.
        Assert.Equal(7.0, table.Metadata["k"]);
        Assert.Equal("double (4, 3), stored as int16", file.StoredTypes.Single(kv => kv.Key == "X").Value);
        Assert.Equal("double (4, 1), stored as uint8", file.StoredTypes.Single(kv => kv.Key == "y").Value);
    }

    [Fact]
    public void SparseFeaturesAreMadeDense()
    {
        var table = DataReader.Read(Fixture("sparse.mat")).Table!;
        Assert.Equal(OddsFeatures.Select(v => v > 5 ? v : 0), table.Features.AsSpan().ToArray());
        Assert.Equal(OddsLabels, table.Labels);
    }

    [Fact]
    public void StructVariablesAreSkippedWithAWarning()
    {
        var file = DataReader.Read(Fixture("with_struct.mat"));
        Assert.Equal(OddsLabels, file.Table!.Labels);
        Assert.Equal("skipped 'info': struct variables are not read", Assert.Single(file.Warnings));
        Assert.False(file.Table.Metadata.ContainsKey("info"));
    }

    [Fact]
    public void Version73IsRefusedWithAHint()
    {
        var error = DataFileAssert.ReadFails(Fixture("v73.mat"));
        Assert.Equal(
            Fixture("v73.mat") + ": MATLAB v7.3 (HDF5) files are not supported; re-save it as v5 (save -v7 or scipy.io.savemat)",
            error.Message);
    }

    [Theory]
    [InlineData("label_two.mat", "variable 'y'", "holds 2 at position 2", "0 (inlier) or 1 (outlier)")]
    [InlineData("no_x.mat", "no variable 'X'", "'features'")]
    [InlineData("truncated.mat", "truncated")]
    [InlineData("not_mat.mat", "not a MATLAB v5 .mat file")]
    public void BadFilesAreRefusedWithTheReason(string name, params string[] fragments)
    {
        DataFileAssert.ReadFails(Fixture(name), fragments);
    }

    [Fact]
    public void ATinyFileIsRefused()
    {
        string path = Path.Combine(TestPaths.NewTempFolder(), "tiny.mat");
        File.WriteAllText(path, "MATLAB 5.0");
        DataFileAssert.ReadFails(path, "too short");
    }

    [Fact]
    public void DamagedCompressedDataIsRefused()
    {
        string path = Path.Combine(TestPaths.NewTempFolder(), "damaged.mat");
        byte[] bytes = File.ReadAllBytes(Fixture("odds_v5_compressed.mat"));
        // Past the 128-byte header and the first 8-byte tag and 2-byte zlib header lies deflate data.
        for (int i = 140; i < 170; i++)
        {
            bytes[i] ^= 0x5A;
        }
        File.WriteAllBytes(path, bytes);
        DataFileAssert.ReadFails(path);
    }
}
