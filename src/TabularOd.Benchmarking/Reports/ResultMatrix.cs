using TabularOd.Benchmarking.Runner;
using TabularOd.Benchmarking.Store;

namespace TabularOd.Benchmarking.Reports;

/// <summary>
/// Recorded cells arranged as configurations × datasets: a metric per cell averaged over seeds (NaN where a
/// configuration has no finished value for a dataset), with each configuration's failures and time beside it.
/// The common input of the leaderboard, the statistics and the plots.
/// </summary>
public sealed class ResultMatrix
{
    private ResultMatrix(IReadOnlyList<string> configurations, IReadOnlyList<string> datasets, double[,] auroc, double[,] auprc,
        IReadOnlyDictionary<string, ConfigurationTotals> totals, IReadOnlyDictionary<string, IReadOnlyList<string>> tags)
    {
        Configurations = configurations;
        Datasets = datasets;
        Auroc = auroc;
        Auprc = auprc;
        Totals = totals;
        DatasetTags = tags;
    }

    /// <summary>Configuration ids, in first-seen order of the sorted cells.</summary>
    public IReadOnlyList<string> Configurations { get; }

    /// <summary>Dataset ids, sorted.</summary>
    public IReadOnlyList<string> Datasets { get; }

    /// <summary>Mean test AUROC over seeds, [configuration, dataset]; NaN where missing.</summary>
    public double[,] Auroc { get; }

    /// <summary>Mean test AUPRC over seeds, [configuration, dataset]; NaN where missing.</summary>
    public double[,] Auprc { get; }

    /// <summary>Per configuration: cells, failures, time.</summary>
    public IReadOnlyDictionary<string, ConfigurationTotals> Totals { get; }

    /// <summary>Tags of each dataset (its suite first).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> DatasetTags { get; }

    /// <summary>Builds the matrix from recorded cells; <paramref name="datasetFilter"/> keeps a subset (a tag breakdown).</summary>
    public static ResultMatrix From(IReadOnlyList<CellRecord> cells, Func<CellRecord, bool>? datasetFilter = null)
    {
        var kept = datasetFilter is null ? cells : cells.Where(datasetFilter).ToArray();
        var configurations = kept.Select(c => c.Configuration).Distinct(StringComparer.Ordinal).ToArray();
        var datasets = kept.Select(c => c.Dataset).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var ci = configurations.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        var di = datasets.Select((d, i) => (d, i)).ToDictionary(p => p.d, p => p.i, StringComparer.Ordinal);
        var auroc = Mean(kept, configurations.Length, datasets.Length, ci, di, c => c.Auroc);
        var auprc = Mean(kept, configurations.Length, datasets.Length, ci, di, c => c.Auprc);
        var totals = kept.GroupBy(c => c.Configuration, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => new ConfigurationTotals(g.First().Detector, g.Count(), g.Count(c => c.Status != CellStatus.Ok),
                g.Sum(c => c.FitSeconds + c.ScoreSeconds), g.Max(c => c.PeakMemoryMib ?? 0)),
            StringComparer.Ordinal);
        var tags = kept.GroupBy(c => c.Dataset, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.First().Tags.Prepend(g.First().Suite).Distinct().ToArray(), StringComparer.Ordinal);
        return new ResultMatrix(configurations, datasets, auroc, auprc, totals, tags);
    }

    /// <summary>The row of a configuration, or −1 when it has no cell here.</summary>
    public int IndexOf(string configuration)
    {
        for (int i = 0; i < Configurations.Count; i++)
        {
            if (Configurations[i] == configuration)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>One configuration's row of a metric matrix.</summary>
    public static double[] Row(double[,] matrix, int configuration) =>
        Enumerable.Range(0, matrix.GetLength(1)).Select(d => matrix[configuration, d]).ToArray();

    private static double[,] Mean(IEnumerable<CellRecord> cells, int rows, int columns, Dictionary<string, int> ci, Dictionary<string, int> di,
        Func<CellRecord, double?> metric)
    {
        var sum = new double[rows, columns];
        var count = new int[rows, columns];
        foreach (var cell in cells)
        {
            if (cell.Status == CellStatus.Ok && metric(cell) is { } value && double.IsFinite(value))
            {
                sum[ci[cell.Configuration], di[cell.Dataset]] += value;
                count[ci[cell.Configuration], di[cell.Dataset]]++;
            }
        }
        var mean = new double[rows, columns];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                mean[r, c] = count[r, c] > 0 ? sum[r, c] / count[r, c] : double.NaN;
            }
        }
        return mean;
    }
}

/// <summary>A configuration's cells, failures (failed, timeout, crashed), fit+score seconds and largest peak memory.</summary>
public sealed record ConfigurationTotals(string Detector, int Cells, int Failures, double Seconds, double PeakMemoryMib);
