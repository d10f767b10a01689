using System.Collections.ObjectModel;

namespace TabularOd.Evaluation.Statistics;

/// <summary>
/// Everything a benchmark report states about a score table, computed by
/// <see cref="BenchmarkStatistics.Compute"/>. Immutable.
/// </summary>
/// <remarks>
/// Reading it: the Friedman test says whether the methods differ at all; if they do, two methods whose
/// average ranks differ by at least <see cref="CriticalDifference05"/> differ significantly (Nemenyi); the
/// pairwise Wilcoxon tests with Holm-adjusted p-values support claims about specific pairs.
/// </remarks>
public sealed class BenchmarkStatisticsResult
{
    internal BenchmarkStatisticsResult(
        MethodSummary[] methods,
        int completeDatasets,
        FriedmanResult? friedman,
        double criticalDifference05,
        double criticalDifference10,
        string bestMethod,
        ComparisonFamily family,
        PairwiseComparison[] comparisons)
    {
        Methods = Array.AsReadOnly(methods);
        CompleteDatasets = completeDatasets;
        Friedman = friedman;
        CriticalDifference05 = criticalDifference05;
        CriticalDifference10 = criticalDifference10;
        BestMethod = bestMethod;
        Family = family;
        Comparisons = Array.AsReadOnly(comparisons);
    }

    /// <summary>One summary row per method, in the table's order.</summary>
    public ReadOnlyCollection<MethodSummary> Methods { get; }

    /// <summary>N: datasets on which every method has a score; ranks, win rates, Friedman and CD use these.</summary>
    public int CompleteDatasets { get; }

    /// <summary>The Friedman test; null with two methods, where it is not defined (compare the pair instead).</summary>
    public FriedmanResult? Friedman { get; }

    /// <summary>Nemenyi critical difference of average ranks at α = 0.05.</summary>
    public double CriticalDifference05 { get; }

    /// <summary>Nemenyi critical difference of average ranks at α = 0.10.</summary>
    public double CriticalDifference10 { get; }

    /// <summary>The method with the lowest average rank (the first in table order on a tie).</summary>
    public string BestMethod { get; }

    /// <summary>Which pairs <see cref="Comparisons"/> holds, and so the family Holm's adjustment ran over.</summary>
    public ComparisonFamily Family { get; }

    /// <summary>
    /// The pairwise comparisons: for <see cref="ComparisonFamily.AllPairs"/> every (i, j) with i &lt; j in table
    /// order; for <see cref="ComparisonFamily.VersusBest"/> the best method against each other one, in table order.
    /// </summary>
    public ReadOnlyCollection<PairwiseComparison> Comparisons { get; }
}
