using TabularOd.Data;
using static TabularOd.Tests.Data.Preprocessing.PreprocessingFixtures;

namespace TabularOd.Tests.Data.Preprocessing;

public class MedianImputerTests
{
    [Fact]
    public void MatchesNumpyNanMedianOnTheFixture()
    {
        var fixture = Load("median_imputer_nan_pattern");
        var imputer = MedianImputer.Fit(Matrix(fixture.GetProperty("train")));

        AssertClose(Vector(fixture.GetProperty("medians")), imputer.Medians, 0, "medians");
        AssertClose(Matrix(fixture.GetProperty("test_imputed")), imputer.Transform(Matrix(fixture.GetProperty("test"))), 0, "test");
    }

    [Fact]
    public void IgnoresNaNAndAveragesTheTwoMiddleValues()
    {
        var train = DataMatrix.FromRowMajor(5, 1, [4, double.NaN, 1, 3, 10]);
        Assert.Equal(3.5, MedianImputer.Fit(train).Medians[0]);
    }

    [Fact]
    public void AllNaNColumnImputesZero()
    {
        var train = DataMatrix.FromRowMajor(2, 2, [1, double.NaN, 3, double.NaN]);
        var imputer = MedianImputer.Fit(train);
        Assert.Equal([2.0, 0.0], imputer.Medians);
        Assert.Equal([1.0, 0, 3, 0], imputer.Transform(train).AsSpan().ToArray());
    }

    [Fact]
    public void TransformCopiesAndLeavesInfinityAlone()
    {
        var x = DataMatrix.FromRowMajor(2, 2, [double.NaN, double.PositiveInfinity, 2, 5]);
        var imputer = MedianImputer.Fit(x);
        var result = imputer.Transform(x);
        Assert.Equal([2.0, double.PositiveInfinity, 2, 5], result.AsSpan().ToArray());
        Assert.True(double.IsNaN(x[0, 0]));
    }

    [Fact]
    public void WidthMismatchNamesBothWidths()
    {
        var imputer = MedianImputer.Fit(new DataMatrix(3, 2));
        var error = Assert.Throws<ArgumentException>(() => imputer.Transform(new DataMatrix(1, 3)));
        Assert.Contains("2 columns", error.Message);
        Assert.Contains("has 3", error.Message);
    }

    [Fact]
    public void NoTrainingRowsImputesZero()
    {
        var imputer = MedianImputer.Fit(new DataMatrix(0, 2));
        Assert.Equal([0.0, 0.0], imputer.Medians);
    }
}
