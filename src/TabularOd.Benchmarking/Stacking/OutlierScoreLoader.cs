using TabularOd.Benchmarking.Runner;
using TabularOd.Benchmarking.Store;
using TabularOd.Data;

namespace TabularOd.Benchmarking.Stacking;

/// <summary>
/// Reads a results store with kept scores (<c>tabod bench run --keep-scores</c>) into an
/// <see cref="OutlierScoreMatrix"/>: configurations as columns, each rank-normalised within its dataset
/// (<see cref="RankNormalization"/>), the test labels as target.
/// </summary>
/// <remarks>
/// <para>
/// A cell's scores are usable when it finished ("ok"), kept its scores and had no non-finite score. A dataset takes
/// part when the store holds its test labels and they hold both classes (otherwise it has no AUROC to learn from).
/// A configuration becomes a column when it has usable scores on at least
/// <see cref="OutlierScoreLoadOptions.MinCoverage"/> of those datasets; a dataset that then lacks one of the columns
/// is dropped, and so is one whose kept scores do not match its labels' length. Every drop is counted in the
/// <see cref="OutlierScoreLoadSummary"/>.
/// </para>
/// <para>
/// Several seeds of one configuration are combined as <see cref="OutlierScoreLoadOptions.Seeds"/> says: by default
/// their rank-normalised scores are averaged and ranked again. Datasets are ordered by id and configurations by
/// ordinal id, so the matrix does not depend on the order the store recorded cells in.
/// </para>
/// </remarks>
public static class OutlierScoreLoader
{
    /// <summary>The one-line problem of a store that kept no scores.</summary>
    public const string NoKeptScores = "holds no kept scores; run bench run with --keep-scores";

    /// <summary>Loads the store at <paramref name="path"/> (which must exist).</summary>
    public static OutlierScoreMatrix Load(string path, OutlierScoreLoadOptions? options = null)
    {
        using var store = ResultsStore.Open(path, create: false);
        return Load(store, options, path);
    }

    /// <summary>Loads an open store; errors name <paramref name="displayPath"/> (the store's path when null).</summary>
    public static OutlierScoreMatrix Load(ResultsStore store, OutlierScoreLoadOptions? options = null, string? displayPath = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        options ??= new OutlierScoreLoadOptions();
        if (!(options.MinCoverage > 0 && options.MinCoverage <= 1))
        {
            throw new ArgumentException($"The minimum coverage must be in (0, 1]. Got {options.MinCoverage}.", nameof(options));
        }
        string path = displayPath ?? store.Path;
        var withScores = store.ReadCells().Where(c => c.HasScores).ToList();
        if (withScores.Count == 0)
        {
            throw new DataFileException(path, NoKeptScores);
        }

        var suites = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var cell in withScores)
        {
            suites.TryAdd(cell.Dataset, cell.Suite);
        }
        string[] datasetIds = [.. suites.Keys.Order(StringComparer.Ordinal)];
        var labels = new Dictionary<string, int[]>(StringComparer.Ordinal);
        int withoutLabels = 0, oneClass = 0;
        foreach (string id in datasetIds)
        {
            var y = store.ReadLabels(id);
            if (y is null || y.Length == 0)
            {
                withoutLabels++;
                continue;
            }
            int outliers = y.Count(v => v == 1);
            if (outliers == 0 || outliers == y.Length || y.Any(v => v is not (0 or 1)))
            {
                oneClass++;
                continue;
            }
            labels[id] = y;
        }

        // (dataset, configuration) → usable cells, lowest seed first.
        var usable = withScores
            .Where(c => c.Status == CellStatus.Ok && c.NonFiniteScores == 0 && labels.ContainsKey(c.Dataset))
            .GroupBy(c => (c.Dataset, c.Configuration))
            .ToDictionary(g => g.Key, g => g.OrderBy(c => c.Seed).ToList());
        int eligible = labels.Count;
        var coverage = usable.Keys.GroupBy(k => k.Configuration, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (double)g.Count() / eligible, StringComparer.Ordinal);
        // A tiny tolerance so that "0.9 of 10 datasets" keeps a configuration that covers exactly 9.
        string[] configurations = [.. coverage.Where(p => p.Value >= options.MinCoverage - 1e-12).Select(p => p.Key).Order(StringComparer.Ordinal)];
        var dropped = coverage.Where(p => p.Value < options.MinCoverage - 1e-12).OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => (p.Key, p.Value)).ToList();
        if (configurations.Length == 0)
        {
            throw new DataFileException(path, $"no configuration has usable kept scores on {options.MinCoverage:P0} of the {eligible} datasets with labels of both classes.");
        }

        var datasets = new List<OutlierScoreDataset>();
        int missing = 0, bad = 0;
        var seeded = new HashSet<string>(StringComparer.Ordinal);
        foreach (string id in datasetIds.Where(labels.ContainsKey))
        {
            if (configurations.Any(c => !usable.ContainsKey((id, c))))
            {
                missing++;
                continue;
            }
            var y = labels[id];
            int n = y.Length, m = configurations.Length;
            var ranks = new double[n * m];
            bool ok = true;
            for (int c = 0; c < m && ok; c++)
            {
                var cells = usable[(id, configurations[c])];
                if (options.Seeds == SeedPolicy.First)
                {
                    cells = [cells[0]];
                }
                else if (cells.Count > 1)
                {
                    seeded.Add(configurations[c]);
                }
                var column = ReadColumn(store, cells, n);
                if (column is null)
                {
                    ok = false;
                    break;
                }
                for (int i = 0; i < n; i++)
                {
                    ranks[(i * m) + c] = column[i];
                }
            }
            if (!ok)
            {
                bad++;
                continue;
            }
            datasets.Add(new OutlierScoreDataset(id, suites[id], y, ranks, m));
        }
        if (datasets.Count < 2)
        {
            throw new DataFileException(path,
                $"only {datasets.Count} dataset(s) have usable kept scores for all {configurations.Length} configurations; stacking needs at least 2.");
        }
        var summary = new OutlierScoreLoadSummary
        {
            CellsWithScores = withScores.Count,
            DatasetsWithScores = datasetIds.Length,
            DatasetsWithoutLabels = withoutLabels,
            DatasetsOneClass = oneClass,
            ConfigurationsDropped = dropped,
            DatasetsMissingConfiguration = missing,
            DatasetsWithBadScores = bad,
            ConfigurationsWithSeveralSeeds = seeded.Count,
            Seeds = options.Seeds,
            MinCoverage = options.MinCoverage,
        };
        return new OutlierScoreMatrix(configurations, datasets, summary);
    }

    /// <summary>
    /// The rank-normalised column of one configuration on one dataset from its seeds' cells: one seed as is, several
    /// averaged and ranked again. Null when a score vector is missing, of the wrong length or not finite.
    /// </summary>
    private static double[]? ReadColumn(ResultsStore store, List<CellRecord> cells, int rows)
    {
        double[]? sum = null;
        foreach (var cell in cells)
        {
            var scores = store.ReadScores(cell.Key);
            if (scores is null || scores.Length != rows || scores.Any(s => !double.IsFinite(s)))
            {
                return null;
            }
            var ranks = RankNormalization.Normalize(scores);
            if (sum is null)
            {
                sum = ranks;
                continue;
            }
            for (int i = 0; i < rows; i++)
            {
                sum[i] += ranks[i];
            }
        }
        // The mean of ranks is itself ordered like the sum, so ranking the sum gives the re-ranked mean.
        return cells.Count == 1 ? sum : RankNormalization.Normalize(sum);
    }
}
