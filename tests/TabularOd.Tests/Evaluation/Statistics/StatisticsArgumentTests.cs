using TabularOd.Evaluation.Statistics;

namespace TabularOd.Tests.Evaluation.Statistics;

/// <summary>Every public entry point rejects bad input up front with a one-line message naming the parameter.</summary>
public sealed class StatisticsArgumentTests
{
    private static readonly double[,] Good = { { 0.9, 0.8 }, { 0.7, 0.6 } };

    public static TheoryData<string, string, string, Action> Cases() => new()
    {
        { "ScoreTable.Create", "methods", "at least 2 methods", () => ScoreTable.Create(["a"], new double[1, 2]) },
        { "ScoreTable.Create", "methods", "non-blank", () => ScoreTable.Create(["a", " "], Good) },
        { "ScoreTable.Create", "methods", "Got 'a' twice.", () => ScoreTable.Create(["a", "a"], Good) },
        { "ScoreTable.Create", "scores", "one row per method (3). Got 2.", () => ScoreTable.Create(["a", "b", "c"], Good) },
        { "ScoreTable.Create", "scores", "at least one dataset", () => ScoreTable.Create(["a", "b"], new double[2, 0]) },
        { "ScoreTable.Create", "scores", "Got Infinity at [1, 0].", () => ScoreTable.Create(["a", "b"], new double[,] { { 1, 2 }, { double.PositiveInfinity, 1 } }) },
        { "ScoreTable.Create", "scores", "Got none for 'b'.", () => ScoreTable.Create(["a", "b"], new double[,] { { 1, 2 }, { double.NaN, double.NaN } }) },
        { "ScoreTable.Create", "scores", "every method has a score. Got none of 2.", () => ScoreTable.Create(["a", "b"], new double[,] { { 1, double.NaN }, { double.NaN, 1 } }) },
        { "MethodRanks.RankDescending", "ranks", "one slot per score (2). Got 3.", () => MethodRanks.RankDescending([1, 2], new double[3]) },
        { "MethodRanks.RankDescending", "scores", "Got NaN at index 1.", () => MethodRanks.RankDescending([1, double.NaN], new double[2]) },
        { "FriedmanTest.Compute", "table", "at least 3 methods", () => FriedmanTest.Compute(ScoreTable.Create(["a", "b"], Good)) },
        { "WilcoxonSignedRank.Test", "x", "must not be empty", () => WilcoxonSignedRank.Test([], []) },
        { "WilcoxonSignedRank.Test", "y", "one value with each x (2). Got 1.", () => WilcoxonSignedRank.Test([1, 2], [1]) },
        { "WilcoxonSignedRank.Test", "x", "Got NaN at index 0.", () => WilcoxonSignedRank.Test([double.NaN], [1]) },
        { "WilcoxonSignedRank.Test", "y", "Got -Infinity at index 1.", () => WilcoxonSignedRank.Test([1, 2], [1, double.NegativeInfinity]) },
        { "HolmBonferroni.Adjust", "pValues", "Got NaN at index 1.", () => HolmBonferroni.Adjust([0.1, double.NaN]) },
        { "HolmBonferroni.Adjust", "pValues", "Got -0.1 at index 0.", () => HolmBonferroni.Adjust([-0.1]) },
        { "HolmBonferroni.Adjust", "pValues", "Got 1.5 at index 0.", () => HolmBonferroni.Adjust([1.5]) },
        { "BootstrapInterval.OfMean", "values", "must not be empty", () => BootstrapInterval.OfMean([], 0) },
        { "BootstrapInterval.OfMean", "values", "Got NaN at index 0.", () => BootstrapInterval.OfMean([double.NaN], 0) },
        { "BootstrapInterval.OfMean", "resamples", "must be ≥ 1. Got 0.", () => BootstrapInterval.OfMean([1.0], 0, resamples: 0) },
        { "BootstrapInterval.OfMean", "level", "must be in (0, 1). Got 1.", () => BootstrapInterval.OfMean([1.0], 0, level: 1) },
        { "NemenyiCriticalDifference.Compute", "methods", "must be in [2, 5000]. Got 1.", () => NemenyiCriticalDifference.Compute(1, 10) },
        { "NemenyiCriticalDifference.Compute", "datasets", "must be ≥ 1. Got 0.", () => NemenyiCriticalDifference.Compute(3, 0) },
        { "NemenyiCriticalDifference.Compute", "alpha", "must be in (0, 1). Got 0.", () => NemenyiCriticalDifference.Compute(3, 10, 0) },
        { "NemenyiCriticalDifference.CriticalValue", "methods", "Got 5001.", () => NemenyiCriticalDifference.CriticalValue(5001) },
        { "NemenyiCriticalDifference.CriticalValue", "alpha", "Got NaN.", () => NemenyiCriticalDifference.CriticalValue(3, double.NaN) },
        { "StudentizedRange.Quantile", "probability", "must be in (0, 1). Got 1.", () => StudentizedRange.Quantile(1, 3) },
        { "StudentizedRange.Quantile", "groups", "Got 1.", () => StudentizedRange.Quantile(0.5, 1) },
        { "StudentizedRange.Cdf", "q", "Got NaN.", () => StudentizedRange.Cdf(double.NaN, 3) },
        { "BenchmarkStatistics.Compute", "Resamples", "must be ≥ 1. Got 0.", () => BenchmarkStatistics.Compute(ScoreTable.Create(["a", "b"], Good), new BenchmarkStatisticsOptions { Resamples = 0 }) },
        { "BenchmarkStatistics.Compute", "ConfidenceLevel", "Got 1.5.", () => BenchmarkStatistics.Compute(ScoreTable.Create(["a", "b"], Good), new BenchmarkStatisticsOptions { ConfidenceLevel = 1.5 }) },
        { "BenchmarkStatistics.Compute", "Comparisons", "Got 7.", () => BenchmarkStatistics.Compute(ScoreTable.Create(["a", "b"], Good), new BenchmarkStatisticsOptions { Comparisons = (ComparisonFamily)7 }) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void InvalidInput_IsRejected_WithAOneLineMessageNamingTheParameter(string method, string parameter, string fragment, Action call)
    {
        var error = Assert.ThrowsAny<ArgumentException>(call);
        Assert.Equal(parameter, error.ParamName);
        Assert.StartsWith($"The '{parameter}' parameter of {method} must", error.Message, StringComparison.Ordinal);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void NullArguments_AreRejected()
    {
        Assert.Throws<ArgumentNullException>(() => ScoreTable.Create(null!, Good));
        Assert.Throws<ArgumentNullException>(() => ScoreTable.Create(["a", "b"], null!));
        Assert.Throws<ArgumentNullException>(() => BenchmarkStatistics.Compute(null!));
        Assert.Throws<ArgumentNullException>(() => FriedmanTest.Compute(null!));
        Assert.Throws<ArgumentNullException>(() => MethodRanks.Average(null!));
    }

    [Fact]
    public void Table_CopiesItsInput_AndExposesReadOnlyViews()
    {
        var scores = new double[,] { { 0.9, 0.8 }, { 0.7, 0.6 } };
        var table = ScoreTable.Create(["a", "b"], scores);
        scores[0, 0] = 0;
        Assert.Equal(0.9, table[0, 0]);
        Assert.Throws<NotSupportedException>(() => ((IList<string>)table.Methods)[0] = "z");
        Assert.Throws<ArgumentOutOfRangeException>(() => table[2, 0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => table.Row(-1).Length);
    }
}
