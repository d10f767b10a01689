using TabularOd.Data;

namespace TabularOd.Tests.Data;

public class DatasetTests
{
    private static Dataset Labelled() => new(
        "toy",
        DataMatrix.FromRowMajor(4, 2, [1, 2, 3, 4, 5, 6, 7, 8]),
        ["a", "b"],
        labels: [0, 1, 0, 1],
        groups: [10, 10, 20, 20]);

    [Fact]
    public void SelectRowsCarriesLabelsAndGroups()
    {
        var subset = Labelled().SelectRows([3, 0]);
        Assert.Equal([7.0, 8.0, 1.0, 2.0], subset.Features.AsSpan().ToArray());
        Assert.Equal([1, 0], subset.Labels!);
        Assert.Equal([20L, 10L], subset.Groups!);
        Assert.Equal(["a", "b"], subset.FeatureNames);
    }

    [Fact]
    public void CountsOutliers()
    {
        Assert.Equal(2, Labelled().OutlierCount);
        Assert.Null(new Dataset("u", new DataMatrix(3, 1)).OutlierCount);
    }

    [Fact]
    public void DefaultFeatureNamesAreNumbered()
    {
        Assert.Equal(["x0", "x1", "x2"], new Dataset("u", new DataMatrix(1, 3)).FeatureNames);
    }

    [Fact]
    public void MismatchedPartsAreRefused()
    {
        var features = new DataMatrix(2, 2);
        Assert.Throws<ArgumentException>(() => new Dataset("d", features, ["only one"]));
        Assert.Throws<ArgumentException>(() => new Dataset("d", features, labels: [0]));
        Assert.Throws<ArgumentException>(() => new Dataset("d", features, labels: [0, 2]));
        Assert.Throws<ArgumentException>(() => new Dataset("d", features, groups: [1, 2, 3]));
    }

    [Fact]
    public void APairNeedsOneWidth()
    {
        var train = new Dataset("t", new DataMatrix(2, 3));
        var test = new Dataset("t", new DataMatrix(2, 4));
        var error = Assert.Throws<ArgumentException>(() => new TrainTestPair(train, test));
        Assert.Contains("3 columns", error.Message);
    }
}
