using TabularOd.Benchmarking.Reports.Svg;

namespace TabularOd.Benchmarking.Tests.Reports;

public class NiceTicksTests
{
    [Fact]
    public void UnitIntervalGetsTicksEveryFifth()
    {
        var (min, max, step, ticks) = NiceTicks.Linear(0, 1);

        Assert.Equal((0.0, 1.0, 0.2), (min, max, step));
        Assert.Equal(["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"], ticks.Select(t => t.Label));
        Assert.Equal([0, 0.2, 0.4, 0.6, 0.8, 1.0], ticks.Select(t => t.Value));
    }

    [Fact]
    public void RangesWidenOutwardToNiceBoundsWithoutFloatingPointNoise()
    {
        var (min, max, step, ticks) = NiceTicks.Linear(0.53, 0.97);

        Assert.Equal((0.5, 1.0, 0.1), (min, max, step));
        Assert.Equal(["0.5", "0.6", "0.7", "0.8", "0.9", "1.0"], ticks.Select(t => t.Label));
        Assert.Contains(ticks, t => t.Value == 0.7);
    }

    [Theory]
    [InlineData(3.0, 3.0)]
    [InlineData(0.0, 0.0)]
    [InlineData(double.NaN, 1.0)]
    [InlineData(double.NegativeInfinity, double.PositiveInfinity)]
    [InlineData(5.0, -5.0)]
    public void DegenerateRangesStillGiveAnAxis(double a, double b)
    {
        var (min, max, step, ticks) = NiceTicks.Linear(a, b);

        Assert.True(max > min && step > 0 && ticks.Count >= 2, $"[{min}, {max}] step {step}");
        Assert.All(ticks, t => Assert.True(double.IsFinite(t.Value)));
    }

    [Fact]
    public void LogTicksAreWholeDecadesWithPlainLabelsNearOne()
    {
        var (low, high, ticks) = NiceTicks.Log10(0.003, 42);

        Assert.Equal((-3, 2), (low, high));
        Assert.Equal(["0.001", "0.01", "0.1", "1", "10", "100"], ticks.Select(t => t.Label));
    }

    [Fact]
    public void ManyDecadesAreLabelledSparsely()
    {
        var (low, high, ticks) = NiceTicks.Log10(1e-6, 1e9, maxLabels: 6);

        Assert.Equal(-6, low);
        Assert.True(ticks.Count <= 6);
        Assert.Equal(high, -6 + 3 * (ticks.Count - 1));
        Assert.Equal("1e-6", ticks[0].Label);
    }

    [Fact]
    public void ScalesMapDomainEndsToRangeEnds()
    {
        var linear = LinearScale.Nice([0.1, 0.9], 100, 0);
        var log = Log10Scale.Nice([0.5, 50, -1, double.NaN], 0, 300);

        Assert.Equal(100, linear.Map(0), 9);
        Assert.Equal(0, linear.Map(1), 9);
        Assert.Equal(0, log.Map(0.1), 9);
        Assert.Equal(300, log.Map(100), 9);
        Assert.Equal(200, log.Map(10), 9);
        Assert.False(log.CanMap(0));
        Assert.Equal(3 * 8, log.MinorTicks.Count);
    }
}
