using TabularOd.Data;
using TabularOd.Tests.Support;

namespace TabularOd.Tests.Data.Npy;

public class NpzDatasetReaderTests
{
    private static string Fixture(string name) => Path.Combine(TestPaths.Fixtures, "npy", name);

    [Theory]
    [InlineData("macrodata_stored.npz")]
    [InlineData("macrodata_compressed.npz")]
    public void MacrODataLayoutReadsAsAPair(string name)
    {
        var file = DataReader.Read(Fixture(name));
        var pair = file.Pair!;
        Assert.Null(file.Table);
        Assert.Equal(Path.GetFileNameWithoutExtension(name), pair.Name);
        Assert.Equal((4, 3), (pair.Train.Rows, pair.Train.Columns));
        Assert.Equal((3, 3), (pair.Test.Rows, pair.Test.Columns));
        Assert.Equal(["alpha", "beta", "gamma"], pair.Train.FeatureNames);
        Assert.Equal(["alpha", "beta", "gamma"], pair.Test.FeatureNames);
        Assert.Equal(new int[] { 0, 0, 0, 0 }, pair.Train.Labels);
        Assert.Equal(new int[] { 0, 1, 0 }, pair.Test.Labels);
        Assert.Equal(new long[] { 0, 0, 1, 1 }, pair.Train.Groups);
        Assert.Equal(new long[] { 0, 1, 1 }, pair.Test.Groups);
        Assert.Equal([40.0, 50, 60], pair.Test.Features.Row(1).ToArray());
        Assert.Same(pair.Train.Metadata, pair.Test.Metadata);
    }

    [Fact]
    public void FloatAndIntegerFeaturesBothWidenToDouble()
    {
        Assert.Equal([1.5, 2, 3], DataReader.Read(Fixture("macrodata_stored.npz")).Pair!.Train.Features.Row(0).ToArray());
        // The compressed fixture stores int64 features (truncated from the same values).
        Assert.Equal([1.0, 2, 3], DataReader.Read(Fixture("macrodata_compressed.npz")).Pair!.Train.Features.Row(0).ToArray());
    }

    [Fact]
    public void OtherArraysBecomeTypedMetadata()
    {
        var metadata = DataReader.Read(Fixture("macrodata_stored.npz")).Pair!.Metadata;
        Assert.Equal("ovo", metadata["dataset_type"]);
        Assert.Equal(1L, metadata["anomaly_count"]);
        Assert.Equal(6L, metadata["normal_count"]);
        Assert.Equal(1.0 / 7, (double)metadata["anomaly_fraction"], 15);
        Assert.Equal(new[] { "low_dimensional", "oddbench" }, metadata["tags"]);
        Assert.Equal(Array.Empty<double>(), metadata["llm_keywords"]);
        Assert.Equal(true, metadata["is_public"]);
        Assert.Equal(new[] { true, false }, metadata["flags"]);
        Assert.Equal(new long[] { 1, -2, 3 }, metadata["small_ints"]);
        foreach (string layoutArray in new[] { "train", "test", "train_labels", "test_labels", "train_groups", "test_groups", "feature_names" })
        {
            Assert.False(metadata.ContainsKey(layoutArray), layoutArray);
        }
    }

    [Fact]
    public void ObjectAndMatrixMetadataAreSkippedWithWarnings()
    {
        var file = DataReader.Read(Fixture("macrodata_stored.npz"));
        Assert.Contains("skipped 'meta_info': object arrays are not read", file.Warnings);
        Assert.Contains(file.Warnings, w => w.StartsWith("skipped 'matrix2d'", StringComparison.Ordinal));
        Assert.False(file.Pair!.Metadata.ContainsKey("meta_info"));
        Assert.False(file.Pair.Metadata.ContainsKey("matrix2d"));
    }

    [Fact]
    public void StoredTypesListEveryArrayInFileOrder()
    {
        var stored = DataReader.Read(Fixture("macrodata_stored.npz")).StoredTypes;
        Assert.Equal("train", stored[0].Key);
        Assert.Equal("<f8 (4, 3), C order", stored[0].Value);
        Assert.Contains(stored, kv => kv.Key == "meta_info" && kv.Value == "|O (), not read");
        Assert.Contains(stored, kv => kv.Key == "feature_names" && kv.Value == "<U5 (3,)");
    }

    [Fact]
    public void AdbenchFortranLayoutReadsAsATable()
    {
        var file = DataReader.Read(Fixture("adbench_fortran.npz"));
        var table = file.Table!;
        Assert.Null(file.Pair);
        Assert.Equal((5, 3), (table.Rows, table.Columns));
        Assert.Equal([0.5, 1, 2], table.Features.Row(0).ToArray());
        Assert.Equal([12, 13, 14.5], table.Features.Row(4).ToArray());
        Assert.Equal(new int[] { 0, 0, 1, 0, 1 }, table.Labels);
        Assert.Equal(["x0", "x1", "x2"], table.FeatureNames);
        Assert.Equal("<f8 (5, 3), Fortran order", file.StoredTypes.Single(kv => kv.Key == "X").Value);
    }

    [Fact]
    public void CompressedUnsignedByteFeatures()
    {
        var table = DataReader.Read(Fixture("adbench_u1.npz")).Table!;
        Assert.Equal([1.0, 2, 3, 4, 5, 6], table.Features.AsSpan().ToArray());
        Assert.Equal(new int[] { 0, 1, 0 }, table.Labels);
    }

    [Fact]
    public void Zip64ArchivesRead()
    {
        var table = DataReader.Read(Fixture("zip64.npz")).Table!;
        Assert.Equal([1.0, -2, 3, 4, 5, 6], table.Features.AsSpan().ToArray());
        Assert.Equal(new int[] { 1, 0, 0 }, table.Labels);
    }

    [Theory]
    [InlineData("not_a_zip.npz", "not a readable .npz file")]
    [InlineData("truncated.npz", "not a readable .npz file", "truncated")]
    [InlineData("object_train.npz", "array 'train'", "object array")]
    [InlineData("complex_train.npz", "array 'train'", "'<c16'")]
    [InlineData("width_mismatch.npz", "'train' has 3 columns but 'test' has 2")]
    [InlineData("label_two.npz", "array 'test_labels'", "holds 2 at position 1", "0 (inlier) or 1 (outlier)")]
    [InlineData("no_layout.npz", "neither 'train' and 'test'", "'X'", "'foo'", "'bar'")]
    [InlineData("missing_test.npz", "no 'test'")]
    [InlineData("fractional_groups.npz", "array 'train_groups'", "0.5", "whole numbers")]
    [InlineData("names_mismatch.npz", "array 'feature_names'", "2 names", "3 columns")]
    [InlineData("damaged_entry.npz", "array 'X'", "damaged")]
    public void BadArchivesAreRefusedWithTheReason(string name, params string[] fragments)
    {
        DataFileAssert.ReadFails(Fixture(name), fragments);
    }

    [Fact]
    public void ReadingDirectlyAlsoWrapsEveryFailure()
    {
        string path = Fixture("not_a_zip.npz");
        var error = Assert.Throws<DataFileException>(() => NpzDatasetReader.Read(path));
        DataFileAssert.IsUserFacing(error, path);
    }

    [Fact]
    public void AnEmptyArchiveNamesTheLayouts()
    {
        string path = Path.Combine(TestPaths.NewTempFolder(), "empty.npz");
        using (var archive = new System.IO.Compression.ZipArchive(File.Create(path), System.IO.Compression.ZipArchiveMode.Create))
        {
        }
        DataFileAssert.ReadFails(path, "holds no arrays");
    }
}
