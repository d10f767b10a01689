using TabularOd.Evaluation;
using Xunit.Abstractions;

namespace TabularOd.Tests.Evaluation;

/// <summary>Every metric against scikit-learn (and PyOD's precision@n in NumPy) on the committed fixture cases.</summary>
public sealed class OutlierMetricFixtureTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-12;

    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in MetricFixtures.Cases.Keys)
        {
            data.Add(name);
        }
        return data;
    }

    [Fact]
    public void FixtureFile_RecordsPeerVersion_AndCoversTheRequiredShapes()
    {
        Assert.False(string.IsNullOrWhiteSpace(MetricFixtures.SklearnVersion));
        Assert.True(new FileInfo(MetricFixtures.FilePath).Length < 1_000_000, "metric fixtures should stay under 1 MB");
        var cases = MetricFixtures.Cases.Values;
        Assert.Contains(cases, c => c.Labels.Length >= 20_000);
        Assert.Contains(cases, c => c.Labels.Length == 2);
        Assert.Contains(cases, c => c.Labels.Length == 3);
        Assert.Contains(cases, c => c.Auroc is null);
        Assert.Contains(cases, c => c.Scores.Distinct().Count() == 1 && c.Auroc is not null);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void SingleMetricMethods_MatchPeer(string name)
    {
        var c = MetricFixtures.Cases[name];

        AssertClose(c.Auroc, OutlierMetrics.Auroc(c.Labels, c.Scores), "AUROC");
        AssertClose(c.Auprc, OutlierMetrics.Auprc(c.Labels, c.Scores), "AUPRC");
        AssertClose(c.PrecisionAtN, OutlierMetrics.PrecisionAtN(c.Labels, c.Scores, c.N), "precision@n");
        AssertClose(c.F1AtThreshold, OutlierMetrics.F1AtThreshold(c.Labels, c.Scores, c.Threshold), "F1 at threshold");
        AssertClose(c.BestF1, OutlierMetrics.BestF1(c.Labels, c.Scores), "best F1");
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Compute_MatchesPeer(string name)
    {
        var c = MetricFixtures.Cases[name];

        var set = OutlierMetrics.Compute(c.Labels, c.Scores, c.Threshold, c.N);

        Assert.Equal(c.Labels.Length, set.Count);
        Assert.Equal(c.Labels.Sum(), set.OutlierCount);
        AssertClose(c.Auroc, set.Auroc, "AUROC");
        AssertClose(c.Auprc, set.Auprc, "AUPRC");
        AssertClose(c.PrecisionAtN, set.PrecisionAtN, "precision@n");
        AssertClose(c.F1AtThreshold, set.F1AtThreshold, "F1 at threshold");
        AssertClose(c.BestF1, set.BestF1, "best F1");
    }

    [Fact]
    public void AllCases_LargestDifferenceFromPeer_IsReported()
    {
        var worst = new Dictionary<string, (double Difference, string Case)>();
        foreach (var c in MetricFixtures.Cases.Values)
        {
            var set = OutlierMetrics.Compute(c.Labels, c.Scores, c.Threshold, c.N);
            Track("auroc", c.Auroc, set.Auroc, c.Name);
            Track("auprc", c.Auprc, set.Auprc, c.Name);
            Track("precision_at_n", c.PrecisionAtN, set.PrecisionAtN, c.Name);
            Track("f1_at_threshold", c.F1AtThreshold, set.F1AtThreshold, c.Name);
            Track("best_f1", c.BestF1, set.BestF1, c.Name);
        }
        foreach (var (metric, (difference, where)) in worst.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{metric}: max |ours - sklearn {MetricFixtures.SklearnVersion}| = {difference:R} ({where})");
        }
        Assert.All(worst.Values, w => Assert.True(w.Difference <= Tolerance, $"{w.Case}: {w.Difference:R}"));

        void Track(string metric, double? expected, double? actual, string name)
        {
            if (expected is double e && actual is double a)
            {
                double d = Math.Abs(e - a);
                if (!worst.TryGetValue(metric, out var w) || d > w.Difference)
                {
                    worst[metric] = (d, name);
                }
            }
        }
    }

    private static void AssertClose(double? expected, double? actual, string metric)
    {
        if (expected is null)
        {
            Assert.True(actual is null, $"{metric}: expected undefined (null), got {actual:R}");
            return;
        }
        Assert.True(actual is not null, $"{metric}: expected {expected:R}, got null");
        double difference = Math.Abs(expected.Value - actual.Value);
        Assert.True(difference <= Tolerance, $"{metric}: expected {expected:R}, got {actual:R} (|diff| = {difference:R})");
    }
}
