using TabularOd.Benchmarking.Reports.Svg;

namespace TabularOd.Benchmarking.Tests.Reports;

public class BoxStatisticsTests
{
    // Expected values are numpy.percentile(values, [25, 50, 75]) with the default linear method.
    [Theory]
    [InlineData(new[] { 1.0, 2, 3, 4 }, 1.75, 2.5, 3.25)]
    [InlineData(new[] { 3.0, 1, 4, 1, 5, 9, 2, 6 }, 1.75, 3.5, 5.25)]
    [InlineData(new[] { 0.1, 0.7, 0.2 }, 0.15, 0.2, 0.45)]
    [InlineData(new[] { 7.0 }, 7.0, 7.0, 7.0)]
    public void QuartilesInterpolateLikeNumpy(double[] values, double q1, double median, double q3)
    {
        var s = BoxStatistics.Compute(values);

        Assert.Equal(q1, s.LowerQuartile, 12);
        Assert.Equal(median, s.Median, 12);
        Assert.Equal(q3, s.UpperQuartile, 12);
    }

    [Fact]
    public void WhiskersStopAtTheLastDatumWithinOneAndAHalfIqr()
    {
        var s = BoxStatistics.Compute([-50, 1, 2, 3, 4, 5, 6, 7, 8, 9, 100]);

        // Q1 = 2.5, Q3 = 7.5, IQR = 5: fences at −5 and 15.
        Assert.Equal((2.5, 7.5), (s.LowerQuartile, s.UpperQuartile));
        Assert.Equal((1.0, 9.0), (s.LowerWhisker, s.UpperWhisker));
        Assert.Equal([-50.0, 100.0], s.Outliers);
        Assert.Equal(95.0 / 11, s.Mean, 12);
    }

    [Fact]
    public void NonFiniteValuesAreIgnoredAndCounted()
    {
        var s = BoxStatistics.Compute([1, double.NaN, 2, double.PositiveInfinity, 3]);

        Assert.Equal((3, 2), (s.Count, s.Ignored));
        Assert.Equal(2, s.Median);
    }

    [Fact]
    public void NoFiniteValueGivesNaNStatistics()
    {
        var s = BoxStatistics.Compute([double.NaN]);

        Assert.Equal((0, 1), (s.Count, s.Ignored));
        Assert.True(double.IsNaN(s.Median));
        Assert.Empty(s.Outliers);
    }
}
