using TabularOd.Evaluation;

namespace TabularOd.Tests.Evaluation;

/// <summary>Every public metric rejects bad input up front with a one-line message naming the parameter.</summary>
public sealed class OutlierMetricArgumentTests
{
    public delegate void MetricCall(int[] labels, double[] scores);

    public static TheoryData<string> Metrics() => new(Calls.Keys);

    private static readonly Dictionary<string, MetricCall> Calls = new(StringComparer.Ordinal)
    {
        ["Auroc"] = (l, s) => OutlierMetrics.Auroc(l, s),
        ["Auprc"] = (l, s) => OutlierMetrics.Auprc(l, s),
        ["PrecisionAtN"] = (l, s) => OutlierMetrics.PrecisionAtN(l, s),
        ["F1AtThreshold"] = (l, s) => OutlierMetrics.F1AtThreshold(l, s, 0.5),
        ["BestF1"] = (l, s) => OutlierMetrics.BestF1(l, s),
        ["Compute"] = (l, s) => OutlierMetrics.Compute(l, s, 0.5),
    };

    [Theory]
    [MemberData(nameof(Metrics))]
    public void EmptyInput_IsRejected(string metric) =>
        AssertRejected(metric, [], [], "labels", "must not be empty");

    [Theory]
    [MemberData(nameof(Metrics))]
    public void LengthMismatch_IsRejected(string metric) =>
        AssertRejected(metric, [0, 1, 0], [0.1, 0.2], "scores", "one score per label (3). Got 2.");

    [Theory]
    [MemberData(nameof(Metrics))]
    public void LabelOutsideZeroOne_IsRejected(string metric)
    {
        AssertRejected(metric, [0, 1, 2], [0.1, 0.2, 0.3], "labels", "Got 2 at index 2.");
        AssertRejected(metric, [-1, 1, 0], [0.1, 0.2, 0.3], "labels", "Got -1 at index 0.");
    }

    [Theory]
    [MemberData(nameof(Metrics))]
    public void NaNScore_IsRejected(string metric) =>
        AssertRejected(metric, [0, 1, 0], [0.1, double.NaN, 0.3], "scores", "Got NaN at index 1.");

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(4)]
    public void TopCountOutsideOneToLength_IsRejected(int n)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => OutlierMetrics.PrecisionAtN([0, 1, 0], [0.1, 0.2, 0.3], n));
        AssertMessage(error, "n", $"must be in [1, 3] (the number of rows). Got {n}.");
        error = Assert.ThrowsAny<ArgumentException>(() => OutlierMetrics.Compute([0, 1, 0], [0.1, 0.2, 0.3], n: n));
        AssertMessage(error, "n", $"Got {n}.");
    }

    [Fact]
    public void NaNThreshold_IsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => OutlierMetrics.F1AtThreshold([0, 1], [0.1, 0.2], double.NaN));
        AssertMessage(error, "threshold", "Got NaN.");
        error = Assert.Throws<ArgumentException>(() => OutlierMetrics.Compute([0, 1], [0.1, 0.2], double.NaN));
        AssertMessage(error, "threshold", "Got NaN.");
    }

    private static void AssertRejected(string metric, int[] labels, double[] scores, string parameter, string fragment)
    {
        var error = Assert.Throws<ArgumentException>(() => Calls[metric](labels, scores));
        AssertMessage(error, parameter, fragment);
        Assert.Contains($"OutlierMetrics.{metric}", error.Message, StringComparison.Ordinal);
    }

    private static void AssertMessage(ArgumentException error, string parameter, string fragment)
    {
        Assert.Equal(parameter, error.ParamName);
        Assert.StartsWith($"The '{parameter}' parameter of OutlierMetrics.", error.Message, StringComparison.Ordinal);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }
}
