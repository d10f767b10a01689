using System.Runtime.InteropServices;

namespace TabularOd.Evaluation.Statistics;

/// <summary>
/// The cross-dataset statistics of a benchmark comparison in one call: per-method mean, median, bootstrap
/// interval, average rank and win rate; the Friedman test; Nemenyi critical differences; and pairwise
/// Wilcoxon signed-rank tests with Holm-adjusted p-values. Missing scores are handled as
/// <see cref="ScoreTable"/> describes.
/// </summary>
/// <remarks>
/// Each piece is also available on its own (<see cref="MethodRanks"/>, <see cref="FriedmanTest"/>,
/// <see cref="NemenyiCriticalDifference"/>, <see cref="WilcoxonSignedRank"/>, <see cref="HolmBonferroni"/>,
/// <see cref="BootstrapInterval"/>). Every method's bootstrap stream starts from the same seed, so a method's
/// interval does not change when other methods are added to or removed from the table.
/// </remarks>
public static class BenchmarkStatistics
{
    private const string Method = "BenchmarkStatistics.Compute";

    /// <summary>Computes the full set of statistics for <paramref name="table"/>.</summary>
    /// <param name="table">Scores, higher = better, one row per method.</param>
    /// <param name="options">Bootstrap and comparison settings; null takes the defaults.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static BenchmarkStatisticsResult Compute(ScoreTable table, BenchmarkStatisticsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        options ??= new BenchmarkStatisticsOptions();
        CheckOptions(options);

        int k = table.MethodCount;
        int n = table.CompleteDatasets.Count;
        double[] averageRanks = MethodRanks.Average(table);
        int[] wins = CountStrictWins(table);

        var summaries = new MethodSummary[k];
        for (int m = 0; m < k; m++)
        {
            double[] own = OwnValues(table.Row(m));
            var interval = BootstrapInterval.Compute(own, options.Seed, options.Resamples, options.ConfidenceLevel);
            summaries[m] = new MethodSummary(
                table.Methods[m], own.Length, Mean(own), Median(own), interval, averageRanks[m], wins[m] / (double)n);
        }

        int best = 0;
        for (int m = 1; m < k; m++)
        {
            if (averageRanks[m] < averageRanks[best])
            {
                best = m;
            }
        }

        FriedmanResult? friedman = k >= 3 ? FriedmanTest.Compute(table) : null;
        double cd05 = NemenyiCriticalDifference.Compute(k, n, 0.05);
        double cd10 = NemenyiCriticalDifference.Compute(k, n, 0.10);
        var comparisons = Compare(table, Pairs(k, best, options.Comparisons));
        return new BenchmarkStatisticsResult(
            summaries, n, friedman, cd05, cd10, table.Methods[best], options.Comparisons, comparisons);
    }

    private static void CheckOptions(BenchmarkStatisticsOptions options)
    {
        StatisticsArguments.CheckAtLeast(options.Resamples, 1, nameof(options.Resamples), Method);
        StatisticsArguments.CheckOpenUnit(options.ConfidenceLevel, nameof(options.ConfidenceLevel), Method);
        if (!Enum.IsDefined(options.Comparisons))
        {
            StatisticsArguments.Throw(nameof(options.Comparisons), Method, $"must be a defined ComparisonFamily. Got {(int)options.Comparisons}.");
        }
    }

    private static List<(int First, int Second)> Pairs(int k, int best, ComparisonFamily family)
    {
        var pairs = new List<(int, int)>();
        if (family == ComparisonFamily.VersusBest)
        {
            for (int m = 0; m < k; m++)
            {
                if (m != best)
                {
                    pairs.Add((best, m));
                }
            }
            return pairs;
        }
        for (int a = 0; a < k; a++)
        {
            for (int b = a + 1; b < k; b++)
            {
                pairs.Add((a, b));
            }
        }
        return pairs;
    }

    private static PairwiseComparison[] Compare(ScoreTable table, List<(int First, int Second)> pairs)
    {
        var tests = new (int Datasets, int FirstWins, int Ties, int SecondWins, WilcoxonResult Wilcoxon)[pairs.Count];
        var rawP = new double[pairs.Count];
        var x = new List<double>(table.DatasetCount);
        var y = new List<double>(table.DatasetCount);
        for (int p = 0; p < pairs.Count; p++)
        {
            var first = table.Row(pairs[p].First);
            var second = table.Row(pairs[p].Second);
            x.Clear();
            y.Clear();
            int firstWins = 0, ties = 0, secondWins = 0;
            for (int d = 0; d < first.Length; d++)
            {
                if (double.IsNaN(first[d]) || double.IsNaN(second[d]))
                {
                    continue;
                }
                x.Add(first[d]);
                y.Add(second[d]);
                if (first[d] > second[d])
                {
                    firstWins++;
                }
                else if (first[d] < second[d])
                {
                    secondWins++;
                }
                else
                {
                    ties++;
                }
            }
            // Every pair shares at least the complete datasets (ScoreTable guarantees one), so x is never empty.
            var wilcoxon = WilcoxonSignedRank.Test(CollectionsMarshal.AsSpan(x), CollectionsMarshal.AsSpan(y));
            tests[p] = (x.Count, firstWins, ties, secondWins, wilcoxon);
            rawP[p] = wilcoxon.PValue;
        }

        double[] adjusted = HolmBonferroni.Adjust(rawP);
        var comparisons = new PairwiseComparison[pairs.Count];
        for (int p = 0; p < pairs.Count; p++)
        {
            var t = tests[p];
            comparisons[p] = new PairwiseComparison(
                table.Methods[pairs[p].First], table.Methods[pairs[p].Second],
                t.Datasets, t.FirstWins, t.Ties, t.SecondWins, t.Wilcoxon, adjusted[p]);
        }
        return comparisons;
    }

    private static int[] CountStrictWins(ScoreTable table)
    {
        var wins = new int[table.MethodCount];
        foreach (int d in table.CompleteDatasetSpan)
        {
            int leader = 0, atTop = 1;
            for (int m = 1; m < table.MethodCount; m++)
            {
                double score = table[m, d], top = table[leader, d];
                if (score > top)
                {
                    leader = m;
                    atTop = 1;
                }
                else if (score == top)
                {
                    atTop++;
                }
            }
            if (atTop == 1)
            {
                wins[leader]++;
            }
        }
        return wins;
    }

    private static double[] OwnValues(ReadOnlySpan<double> row)
    {
        var values = new List<double>(row.Length);
        foreach (double v in row)
        {
            if (!double.IsNaN(v))
            {
                values.Add(v);
            }
        }
        return values.ToArray();
    }

    private static double Mean(double[] values)
    {
        var sum = new CompensatedSum();
        foreach (double v in values)
        {
            sum.Add(v);
        }
        return sum.Value / values.Length;
    }

    private static double Median(double[] values)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
