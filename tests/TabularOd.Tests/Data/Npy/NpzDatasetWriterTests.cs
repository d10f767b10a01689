using TabularOd.Data;
using TabularOd.Tests.Support;

namespace TabularOd.Tests.Data.Npy;

public class NpzDatasetWriterTests
{
    private static readonly Dictionary<string, object> Metadata = new()
    {
        ["dataset_type"] = "ovr",
        ["anomaly_count"] = 2L,
        ["anomaly_fraction"] = 0.25,
        ["is_public"] = true,
        ["tags"] = new[] { "low_dimensional", "ünïcode \U0001F642" },
        ["aucs"] = new[] { 0.5, 0.75 },
        ["sizes"] = new long[] { 3, 4 },
        ["mask"] = new[] { true, false, true },
        ["empty"] = Array.Empty<string>(),
    };

    private static TrainTestPair Pair(bool testLabels = true, bool groups = true) => new(
        new Dataset("toy", DataMatrix.FromRowMajor(3, 2, [1, 2.5, -3, 4, 5e300, -0.0]), ["a", "b"],
            labels: null, groups: groups ? [1, 1, 2] : null, metadata: Metadata),
        new Dataset("toy", DataMatrix.FromRowMajor(2, 2, [7, 8, double.Epsilon, 10]), ["a", "b"],
            labels: testLabels ? [0, 1] : null, groups: groups ? [2, 3] : null, metadata: Metadata));

    private static string NewPath(string name = "toy.npz") => Path.Combine(TestPaths.NewTempFolder(), name);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void PairRoundTrips(bool compress)
    {
        string path = NewPath();
        var written = Pair();
        NpzDatasetWriter.Write(DataFile.OfPair(path, written), path, compress);
        var read = DataReader.Read(path);
        var pair = read.Pair!;
        AssertSameTable(written.Train, pair.Train, expectedLabels: [0, 0, 0]);
        AssertSameTable(written.Test, pair.Test, expectedLabels: written.Test.Labels);
        AssertSameMetadata(Metadata, pair.Metadata);
        Assert.Empty(read.Warnings);
    }

    [Fact]
    public void PairWithoutTestLabelsOrGroupsRoundTrips()
    {
        string path = NewPath();
        DataWriter.Write(DataFile.OfPair(path, Pair(testLabels: false, groups: false)), path);
        var pair = DataReader.Read(path).Pair!;
        Assert.Null(pair.Test.Labels);
        Assert.Null(pair.Train.Groups);
        Assert.Null(pair.Test.Groups);
        Assert.Equal(new int[] { 0, 0, 0 }, pair.Train.Labels);
    }

    [Fact]
    public void TableRoundTripsInTheAdbenchLayout()
    {
        string path = NewPath("table.npz");
        var table = new Dataset("table", DataMatrix.FromRowMajor(2, 3, [1, 2, 3, 4, 5, 6]), ["x", "y coordinate", "z"],
            labels: [1, 0], groups: [5, 6], metadata: new Dictionary<string, object> { ["origin"] = "test" });
        DataWriter.Write(DataFile.OfTable(path, table), path);
        var read = DataReader.Read(path);
        AssertSameTable(table, read.Table!, expectedLabels: [1, 0]);
        Assert.Equal("test", read.Table!.Metadata["origin"]);
        Assert.Equal(["X", "y", "groups", "feature_names", "origin"], read.StoredTypes.Select(kv => kv.Key));
    }

    [Fact]
    public void SameDataGivesTheSameBytes()
    {
        string first = NewPath(), second = NewPath();
        NpzDatasetWriter.Write(DataFile.OfPair(first, Pair()), first);
        NpzDatasetWriter.Write(DataFile.OfPair(second, Pair()), second);
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
    }

    [Fact]
    public void HeadersAreAlignedAndStorageUncompressed()
    {
        string path = NewPath();
        NpzDatasetWriter.Write(DataFile.OfPair(path, Pair()), path);
        using var archive = System.IO.Compression.ZipFile.OpenRead(path);
        foreach (var entry in archive.Entries)
        {
            Assert.Equal(entry.Length, entry.CompressedLength);
            using var stream = entry.Open();
            var header = NpyHeader.Read(stream, path, entry.Name);
            int preamble = 10 + System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(ReadPrefix(entry).AsSpan(8, 2));
            Assert.Equal(0, preamble % 64);
            Assert.False(header.FortranOrder);
        }
    }

    [Fact]
    public void UnwritableMetadataIsRefusedBeforeTheFileIsCreated()
    {
        string path = NewPath();
        var table = new Dataset("t", new DataMatrix(1, 1), metadata: new Dictionary<string, object> { ["when"] = DateTime.UnixEpoch });
        var error = Assert.Throws<DataFileException>(() => NpzDatasetWriter.Write(DataFile.OfTable(path, table), path));
        DataFileAssert.IsUserFacing(error, path, "metadata 'when'", "DateTime");
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void MetadataNamedLikeALayoutArrayIsRefused()
    {
        string path = NewPath();
        var table = new Dataset("t", new DataMatrix(1, 1), metadata: new Dictionary<string, object> { ["y"] = 1.0 });
        var error = Assert.Throws<DataFileException>(() => NpzDatasetWriter.Write(DataFile.OfTable(path, table), path));
        DataFileAssert.IsUserFacing(error, path, "metadata 'y'");
    }

    [Fact]
    public void HeaderFormatMatchesNumPyAndSwitchesToVersionTwoWhenLong()
    {
        byte[] small = NpyHeader.Format("<f8", false, [3]);
        Assert.Equal(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, 118, 0 }, small[..10]);
        Assert.Equal("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", System.Text.Encoding.Latin1.GetString(small, 10, 118).TrimEnd());
        Assert.Equal(128, small.Length); // as NumPy: 64-byte aligned data
        Assert.Equal((byte)'\n', small[^1]);
        // Only an absurd shape makes the dict outgrow version 1's 16-bit length.
        byte[] large = NpyHeader.Format("<f8", false, Enumerable.Repeat(1L, 30_000).ToArray());
        Assert.Equal(2, large[6]);
        Assert.Equal(0, large.Length % 64);
        using var stream = new MemoryStream(NpyHeader.Format("<f8", true, [2, 5]));
        var header = NpyHeader.Read(stream, "memory", "the array");
        Assert.True(header.FortranOrder);
        Assert.Equal([2L, 5], header.Shape);
        Assert.Equal(stream.Length, stream.Position);
    }

    private static byte[] ReadPrefix(System.IO.Compression.ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        var prefix = new byte[10];
        stream.ReadExactly(prefix);
        return prefix;
    }

    private static void AssertSameTable(Dataset expected, Dataset actual, int[]? expectedLabels)
    {
        Assert.Equal(expected.Rows, actual.Rows);
        Assert.Equal(expected.Columns, actual.Columns);
        // Bit-for-bit, including -0.0 and subnormals.
        Assert.Equal(
            expected.Features.AsSpan().ToArray().Select(BitConverter.DoubleToInt64Bits),
            actual.Features.AsSpan().ToArray().Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(expected.FeatureNames, actual.FeatureNames);
        Assert.Equal(expectedLabels, actual.Labels);
        Assert.Equal(expected.Groups, actual.Groups);
    }

    private static void AssertSameMetadata(IReadOnlyDictionary<string, object> expected, IReadOnlyDictionary<string, object> actual)
    {
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach ((string key, object value) in expected)
        {
            Assert.Equal(value.GetType(), actual[key].GetType());
            Assert.Equal(value, actual[key]);
        }
    }
}
