using TabularOd.Sampling;

namespace TabularOd.Benchmarking.Stacking;

/// <summary>
/// A seeded split of datasets into a training half and an evaluation half. Whole datasets go to one side: the
/// meta-learner is judged on datasets it has never seen a row of, which is the question outlier-score stacking asks
/// (does what was learnt on some datasets transfer to new ones?).
/// </summary>
/// <remarks>
/// The split is stratified by suite: within each suite (suites in ordinal order) the datasets, in the order given,
/// are put in a random order by one <see cref="SeededRandom"/> and the first round(f·count) go to training (halves
/// rounded away from zero). A store that mixes suites then has each in both halves in proportion. The same datasets,
/// fraction and seed always give the same split.
/// </remarks>
public sealed class DatasetSplit
{
    private DatasetSplit(int[] train, int[] evaluation, long seed, double fraction)
    {
        Train = train;
        Evaluation = evaluation;
        Seed = seed;
        TrainFraction = fraction;
    }

    /// <summary>Indices of the training datasets, ascending.</summary>
    public IReadOnlyList<int> Train { get; }

    /// <summary>Indices of the evaluation datasets, ascending.</summary>
    public IReadOnlyList<int> Evaluation { get; }

    /// <summary>The seed of the split.</summary>
    public long Seed { get; }

    /// <summary>The share of each suite sent to training.</summary>
    public double TrainFraction { get; }

    /// <summary>Splits datasets with the given suites (one per dataset, the strata) by <paramref name="trainFraction"/>.</summary>
    public static DatasetSplit Create(IReadOnlyList<string> suiteOfDataset, double trainFraction, long seed)
    {
        ArgumentNullException.ThrowIfNull(suiteOfDataset);
        if (!(trainFraction > 0 && trainFraction < 1))
        {
            throw new ArgumentException($"The training fraction must be in (0, 1). Got {trainFraction}.", nameof(trainFraction));
        }
        var random = new SeededRandom(seed);
        var train = new List<int>();
        var evaluation = new List<int>();
        foreach (var stratum in Enumerable.Range(0, suiteOfDataset.Count).GroupBy(i => suiteOfDataset[i], StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            int[] members = [.. stratum];
            random.Shuffle<int>(members);
            int take = (int)Math.Round(trainFraction * members.Length, MidpointRounding.AwayFromZero);
            train.AddRange(members[..take]);
            evaluation.AddRange(members[take..]);
        }
        if (train.Count == 0 || evaluation.Count == 0)
        {
            throw new ArgumentException(
                $"A split of {suiteOfDataset.Count} datasets with training fraction {trainFraction} leaves one side empty; both need at least one dataset.",
                nameof(suiteOfDataset));
        }
        return new DatasetSplit([.. train.Order()], [.. evaluation.Order()], seed, trainFraction);
    }

    /// <summary>Splits the datasets of <paramref name="matrix"/>.</summary>
    public static DatasetSplit Create(OutlierScoreMatrix matrix, double trainFraction, long seed)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        return Create([.. matrix.Datasets.Select(d => d.Suite)], trainFraction, seed);
    }
}
