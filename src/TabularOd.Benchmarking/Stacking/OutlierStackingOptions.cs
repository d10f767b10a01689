using TabularOd.Stacking;

namespace TabularOd.Benchmarking.Stacking;

/// <summary>Options of <see cref="OutlierStackingExperiment"/>.</summary>
public sealed record OutlierStackingOptions
{
    /// <summary>Default <see cref="Folds"/>.</summary>
    public const int DefaultFolds = 5;

    /// <summary>Default <see cref="CvSeed"/>: SPEC §8's outer-CV seed.</summary>
    public const long DefaultCvSeed = 42;

    /// <summary>Seed of the train/evaluation split of the datasets.</summary>
    public long SplitSeed { get; init; }

    /// <summary>Share of the datasets (of each suite) the methods are fitted on; the rest evaluate them.</summary>
    public double TrainFraction { get; init; } = 0.5;

    /// <summary>The stack's candidate meta-models; the one with the best grouped-CV score becomes the stack.</summary>
    public IReadOnlyList<MetaModelKind> Models { get; init; } = [MetaModelKind.Ridge, MetaModelKind.Lasso, MetaModelKind.ElasticNet];

    /// <summary>Folds of the grouped cross-validation that chooses each meta-model's penalty (whole datasets per fold).</summary>
    public int Folds { get; init; } = DefaultFolds;

    /// <summary>Seed of those folds.</summary>
    public long CvSeed { get; init; } = DefaultCvSeed;

    /// <summary>What the penalties and the meta-models are compared by in that cross-validation.</summary>
    public MetaModelCriterion Criterion { get; init; } = MetaModelCriterion.Auroc;

    /// <summary>How the pooled training rows are weighted in the meta-models' fits.</summary>
    public RowWeighting Weighting { get; init; } = RowWeighting.Balanced;

    /// <summary>Whether near-duplicate columns are removed before the meta-models (SPEC §8 step 1).</summary>
    public bool Deduplicate { get; init; } = true;

    /// <summary>
    /// Whether de-duplication visits the configurations by their mean AUROC on the training datasets (best first), so
    /// that of two near-duplicates the better ranker survives; false visits them by RMSE against the 0/1 label, SPEC
    /// §8's order for regression, which for rank columns mostly measures how the inliers' ranks spread and can drop the
    /// best configuration in favour of a worse copy.
    /// </summary>
    public bool DeduplicateByAuroc { get; init; } = true;

    /// <summary>The de-duplication thresholds.</summary>
    public DeduplicationOptions Deduplication { get; init; } = new();

    /// <summary>Whether SPEC §8's per-row meta-features (mean, std, median, range, …) are appended to the stack's design.</summary>
    public bool UseMetaFeatures { get; init; }

    /// <summary>Greedy steps of hill climbing after its sorted initialisation.</summary>
    public int HillClimbingIterations { get; init; } = HillClimbingOptions.DefaultIterations;

    /// <summary>Threads for hill climbing's candidates and the penalties of a fold; 0 means one per processor.</summary>
    public int MaxDegreeOfParallelism { get; init; }
}
