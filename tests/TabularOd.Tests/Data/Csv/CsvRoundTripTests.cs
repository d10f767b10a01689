using TabularOd.Data;
using TabularOd.Tests.Support;
using static TabularOd.Tests.Data.Csv.CsvTestFiles;

namespace TabularOd.Tests.Data.Csv;

public class CsvRoundTripTests
{
    private static DataFile WriteThenRead(DataFile file, string name = "round.csv")
    {
        string path = Path.Combine(TestPaths.NewTempFolder(), name);
        DataWriter.Write(file, path);
        return CsvDatasetReader.Read(path, DataReadOptions.Default);
    }

    /// <summary>Values that a lossy number format would change.</summary>
    private static readonly double[] Awkward =
    [
        0.1, 1.0 / 3, -2.5e-310, double.Epsilon, double.MaxValue, -double.MaxValue, 123456789.123456789,
        -0.0, 1e21, 9007199254740993, Math.PI, double.NaN,
    ];

    private static void AssertSameTable(Dataset expected, Dataset actual)
    {
        Assert.Equal(expected.FeatureNames, actual.FeatureNames);
        Assert.Equal(
            expected.Features.AsSpan().ToArray().Select(BitConverter.DoubleToInt64Bits),
            actual.Features.AsSpan().ToArray().Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(expected.Labels, actual.Labels);
        Assert.Equal(expected.Groups, actual.Groups);
    }

    [Fact]
    public void TableRoundTripsBitForBit()
    {
        var features = DataMatrix.FromRowMajor(Awkward.Length / 2, 2, Awkward);
        var table = new Dataset("t", features, ["first", "sec,ond \"quoted\""], labels: [0, 1, 0, 0, 1, 0]);
        var back = WriteThenRead(DataFile.OfTable("t.npz", table), "t.csv");
        Assert.NotNull(back.Table);
        AssertSameTable(table, back.Table);
        Assert.Equal("t", back.Table.Name);
    }

    [Fact]
    public void UnlabelledTableRoundTripsWithoutALabelColumn()
    {
        var table = new Dataset("u", DataMatrix.FromRowMajor(2, 1, [1, 2]), [" padded name "]);
        var back = WriteThenRead(DataFile.OfTable("u", table)).Table!;
        AssertSameTable(table, back);
    }

    [Fact]
    public void InfinityRoundTripsAtTheCsvLevel()
    {
        var table = new Dataset("i", DataMatrix.FromRowMajor(1, 2, [double.PositiveInfinity, double.NegativeInfinity]));
        AssertSameTable(table, WriteThenRead(DataFile.OfTable("i", table)).Table!);
    }

    [Fact]
    public void PairWithGroupsAndACategoricalColumnRoundTrips()
    {
        var original = Read(
            "x,color,label,split,group\n" +
            "0.5,red,0,train,1\n" +
            "1.25,blue,0,train,2\n" +
            "-3,red,0,train,2\n" +
            "7,green,1,test,1\n" +
            "2,blue,0,test,2\n" +
            ",red,1,test,3\n");
        var back = WriteThenRead(original);

        Assert.NotNull(back.Pair);
        AssertSameTable(original.Pair!.Train, back.Pair.Train);
        AssertSameTable(original.Pair.Test, back.Pair.Test);
        Assert.Equal(["x", "color=blue", "color=red"], back.Pair.Train.FeatureNames);
        // Once encoded, the indicator columns are plain numbers: nothing is left to one-hot encode.
        Assert.False(back.Pair.Metadata.ContainsKey(CsvDatasetReader.OneHotColumnsKey));
    }

    [Fact]
    public void WrittenFileHasTheDocumentedHeaderAndRowOrder()
    {
        var train = new Dataset("p", DataMatrix.FromRowMajor(1, 1, [0.1]), ["v"], labels: [0], groups: [4]);
        var test = new Dataset("p", DataMatrix.FromRowMajor(2, 1, [2, 3]), ["v"], labels: [1, 0], groups: [5, 4]);
        string path = Path.Combine(TestPaths.NewTempFolder(), "p.csv");
        CsvDatasetWriter.Write(DataFile.OfPair("p.npz", new TrainTestPair(train, test)), path);
        Assert.Equal("v,label,split,group\n0.1,0,train,4\n2,1,test,5\n3,0,test,4\n", File.ReadAllText(path));
    }

    [Fact]
    public void MetadataIsNotWritten()
    {
        var table = new Dataset("m", DataMatrix.FromRowMajor(1, 1, [1]), metadata: new Dictionary<string, object> { ["origin"] = "x" });
        Assert.Empty(WriteThenRead(DataFile.OfTable("m", table)).Table!.Metadata);
    }

    [Theory]
    [InlineData("label")]
    [InlineData("split")]
    [InlineData("group")]
    public void AFeatureNamedLikeAReservedColumnIsRefused(string name)
    {
        var table = new Dataset("r", DataMatrix.FromRowMajor(1, 2, [1, 2]), ["a", name]);
        string path = Path.Combine(TestPaths.NewTempFolder(), "r.csv");
        var error = Assert.Throws<DataFileException>(() => CsvDatasetWriter.Write(DataFile.OfTable("r", table), path));
        Assert.StartsWith($"{path}: feature '{name}' would read back as the {name} column", error.Message);
    }

    [Fact]
    public void DuplicateFeatureNamesAreRefused()
    {
        var table = new Dataset("d", DataMatrix.FromRowMajor(1, 2, [1, 2]), ["a", "a"]);
        string path = Path.Combine(TestPaths.NewTempFolder(), "d.csv");
        Assert.Throws<DataFileException>(() => CsvDatasetWriter.Write(DataFile.OfTable("d", table), path));
    }

    [Fact]
    public void APairWithAnEmptyPartIsRefused()
    {
        var train = new Dataset("p", DataMatrix.FromRowMajor(1, 1, [1]));
        var test = new Dataset("p", new DataMatrix(0, 1));
        string path = Path.Combine(TestPaths.NewTempFolder(), "p.csv");
        var error = Assert.Throws<DataFileException>(() => CsvDatasetWriter.Write(DataFile.OfPair("p", new TrainTestPair(train, test)), path));
        Assert.Equal($"{path}: test has no rows; a CSV without data rows cannot be read back.", error.Message);
    }

    [Fact]
    public void LabelsOnOnlyOnePartOfAPairAreRefused()
    {
        var train = new Dataset("p", DataMatrix.FromRowMajor(1, 1, [1]));
        var test = new Dataset("p", DataMatrix.FromRowMajor(1, 1, [2]), labels: [1]);
        string path = Path.Combine(TestPaths.NewTempFolder(), "p.csv");
        Assert.Throws<DataFileException>(() => CsvDatasetWriter.Write(DataFile.OfPair("p", new TrainTestPair(train, test)), path));
    }
}
