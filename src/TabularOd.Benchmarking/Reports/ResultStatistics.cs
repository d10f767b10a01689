using TabularOd.Evaluation.Statistics;

namespace TabularOd.Benchmarking.Reports;

/// <summary>
/// The cross-dataset statistics of a metric matrix, over the configurations that have at least one value. Null
/// when they are not defined: fewer than two such configurations, or no dataset every one of them finished.
/// </summary>
public static class ResultStatistics
{
    /// <summary>Statistics of <paramref name="metric"/> ([configuration, dataset], NaN = missing).</summary>
    public static (BenchmarkStatisticsResult? Result, IReadOnlyList<string> Configurations) Compute(
        IReadOnlyList<string> configurations, double[,] metric, ComparisonFamily family = ComparisonFamily.VersusBest)
    {
        var kept = Enumerable.Range(0, configurations.Count)
            .Where(c => Enumerable.Range(0, metric.GetLength(1)).Any(d => double.IsFinite(metric[c, d])))
            .ToArray();
        var names = kept.Select(c => configurations[c]).ToArray();
        if (kept.Length < 2)
        {
            return (null, names);
        }
        var table = new double[kept.Length, metric.GetLength(1)];
        bool anyComplete = false;
        for (int d = 0; d < metric.GetLength(1); d++)
        {
            bool complete = true;
            for (int i = 0; i < kept.Length; i++)
            {
                table[i, d] = metric[kept[i], d];
                complete &= double.IsFinite(table[i, d]);
            }
            anyComplete |= complete;
        }
        if (!anyComplete)
        {
            return (null, names);
        }
        var result = BenchmarkStatistics.Compute(ScoreTable.Create(names, table), new BenchmarkStatisticsOptions { Comparisons = family });
        return (result, names);
    }
}
