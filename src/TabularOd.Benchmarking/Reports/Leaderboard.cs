using TabularOd.Benchmarking.Store;
using TabularOd.Evaluation.Statistics;

namespace TabularOd.Benchmarking.Reports;

/// <summary>
/// The leaderboard of a results store: one row per configuration with its mean and median test AUROC over the
/// datasets it finished, mean AUPRC, average rank, failures and time; sorted by mean AUROC.
/// </summary>
public sealed record Leaderboard(IReadOnlyList<LeaderboardRow> Rows, int Datasets, int CompleteDatasets)
{
    /// <summary>Builds the leaderboard from recorded cells.</summary>
    public static Leaderboard Build(IReadOnlyList<CellRecord> cells)
    {
        var matrix = ResultMatrix.From(cells);
        return From(matrix, ResultStatistics.Compute(matrix.Configurations, matrix.Auroc).Result);
    }

    /// <summary>
    /// The leaderboard of a metric matrix whose AUROC statistics are already computed (null when undefined), so a
    /// report that needs both computes them once.
    /// </summary>
    public static Leaderboard From(ResultMatrix matrix, BenchmarkStatisticsResult? statistics)
    {
        var ranks = statistics?.Methods.ToDictionary(m => m.Method, m => m.AverageRank, StringComparer.Ordinal) ?? [];
        int complete = statistics?.CompleteDatasets ?? 0;
        var rows = matrix.Configurations.Select((configuration, i) =>
        {
            double[] auroc = ResultMatrix.Row(matrix.Auroc, i).Where(double.IsFinite).ToArray();
            double[] auprc = ResultMatrix.Row(matrix.Auprc, i).Where(double.IsFinite).ToArray();
            var totals = matrix.Totals[configuration];
            return new LeaderboardRow(configuration, totals.Detector, auroc.Length, totals.Failures,
                auroc.Length > 0 ? auroc.Average() : double.NaN, Median(auroc), auprc.Length > 0 ? auprc.Average() : double.NaN,
                ranks.GetValueOrDefault(configuration, double.NaN), totals.Seconds, totals.PeakMemoryMib);
        })
        .OrderByDescending(r => double.IsNaN(r.MeanAuroc) ? double.NegativeInfinity : r.MeanAuroc)
        .ThenBy(r => r.Configuration, StringComparer.Ordinal)
        .ToArray();
        return new Leaderboard(rows, matrix.Datasets.Count, complete);
    }

    private static double Median(double[] values)
    {
        if (values.Length == 0)
        {
            return double.NaN;
        }
        var sorted = values.Order().ToArray();
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}

/// <summary>One configuration on the leaderboard.</summary>
/// <param name="Configuration">Configuration id.</param>
/// <param name="Detector">Detector name.</param>
/// <param name="Datasets">Datasets with a finished AUROC.</param>
/// <param name="Failures">Cells failed, timed out or crashed.</param>
/// <param name="MeanAuroc">Mean test AUROC over those datasets.</param>
/// <param name="MedianAuroc">Median test AUROC.</param>
/// <param name="MeanAuprc">Mean test AUPRC.</param>
/// <param name="AverageRank">Average AUROC rank over the datasets every configuration finished (1 = best); NaN if none.</param>
/// <param name="Seconds">Fit + score seconds over all its cells.</param>
/// <param name="PeakMemoryMib">Largest peak memory of one of its cells.</param>
public sealed record LeaderboardRow(string Configuration, string Detector, int Datasets, int Failures, double MeanAuroc, double MedianAuroc,
    double MeanAuprc, double AverageRank, double Seconds, double PeakMemoryMib);
