namespace TabularOd.Stacking;

/// <summary>
/// Options of <see cref="StackingPipeline"/> (SPEC §8). Every stage can be switched off on its own, so that an
/// ablation changes one option and nothing else.
/// </summary>
public sealed record StackingPipelineOptions
{
    /// <summary>Default <see cref="OuterFolds"/>: SPEC §8's 10.</summary>
    public const int DefaultOuterFolds = 10;

    /// <summary>Default <see cref="Seed"/>: SPEC §8's 42.</summary>
    public const long DefaultSeed = 42;

    /// <summary>Whether to de-duplicate the base models first (step 1).</summary>
    public bool Deduplicate { get; init; } = true;

    /// <summary>The thresholds τ_corr, τ_mse and τ_var of de-duplication.</summary>
    public DeduplicationOptions Deduplication { get; init; } = new();

    /// <summary>Whether to append the <see cref="MetaFeatures"/> to the kept columns (step 2).</summary>
    public bool UseMetaFeatures { get; init; } = true;

    /// <summary>Default <see cref="ClipQuantile"/>: winsorise at the 0.1% and 99.9% quantiles.</summary>
    public const double DefaultClipQuantile = 0.001;

    /// <summary>
    /// Winsorising of the meta-design (a robustness step beyond SPEC §8): inside each outer fold, and in the refit,
    /// every design column (kept base predictions and meta-features alike) is clipped to its q and 1 − q quantiles on
    /// the rows being fitted (<see cref="ClippedRegressor"/>), and the rows being predicted are clipped to the same
    /// bounds, which the <see cref="FittedStack"/> keeps. A row whose base predictions are extreme then cannot make
    /// the meta-features and their interactions extrapolate. 0 switches clipping off (SPEC §8 as written); otherwise
    /// q must be in (0, 0.5).
    /// </summary>
    public double ClipQuantile { get; init; } = DefaultClipQuantile;

    /// <summary>The meta-models fitted (step 3), in report order; at least one, no repeats.</summary>
    public IReadOnlyList<MetaModelKind> MetaModels { get; init; } = [MetaModelKind.Ridge, MetaModelKind.Lasso, MetaModelKind.ElasticNet];

    /// <summary>
    /// Whether to blend the meta-models with inverse-OOF-RMSE weights (step 4); when off, the stack is the meta-model
    /// with the lowest OOF RMSE (ties: the earlier in <see cref="MetaModels"/>).
    /// </summary>
    public bool Blend { get; init; } = true;

    /// <summary>Folds of the outer cross-validation that gives the meta-level OOF predictions.</summary>
    public int OuterFolds { get; init; } = DefaultOuterFolds;

    /// <summary>Seed of the shuffled outer folds.</summary>
    public long Seed { get; init; } = DefaultSeed;

    /// <summary>Folds of the inner cross-validation that chooses α (and ρ) of every meta-model.</summary>
    public int InnerFolds { get; init; } = ElasticNetCvOptions.DefaultFolds;

    /// <summary>
    /// Threads for the outer folds (each with its inner search); 0 means one per processor. The result is the same for
    /// every value.
    /// </summary>
    public int MaxDegreeOfParallelism { get; init; }

    /// <summary>
    /// Whether the Lasso and ElasticNet descents take exact active-set steps (<see cref="ElasticNetOptions.ActiveSetSolve"/>).
    /// Default true: on correlated base-model columns plain coordinate descent needs thousands of sweeps per small α
    /// and dominates the pipeline's time; the steps reach the same duality-gap tolerance in one or two sweeps. False
    /// gives scikit-learn's coordinate-descent iterates exactly.
    /// </summary>
    public bool ActiveSetSolve { get; init; } = true;

    internal void Check(string owner)
    {
        if (Deduplication is null)
        {
            throw new ArgumentException($"The '{nameof(Deduplication)}' parameter of {owner} must be set.", nameof(Deduplication));
        }
        Deduplication.Check(owner);
        if (MetaModels is null || MetaModels.Count == 0)
        {
            throw new ArgumentException($"The '{nameof(MetaModels)}' parameter of {owner} must hold at least one meta-model.", nameof(MetaModels));
        }
        foreach (var kind in MetaModels)
        {
            if (!Enum.IsDefined(kind))
            {
                throw StackingArguments.Invalid(nameof(MetaModels), owner, "defined meta-model kinds", kind);
            }
        }
        if (MetaModels.Distinct().Count() != MetaModels.Count)
        {
            throw new ArgumentException($"The '{nameof(MetaModels)}' parameter of {owner} must not repeat a meta-model.", nameof(MetaModels));
        }
        if (!(ClipQuantile >= 0 && ClipQuantile < 0.5))
        {
            throw StackingArguments.Invalid(nameof(ClipQuantile), owner, "in [0, 0.5) (0 = off)", ClipQuantile);
        }
        StackingArguments.AtLeast(OuterFolds, 2, nameof(OuterFolds), owner);
        StackingArguments.AtLeast(InnerFolds, 2, nameof(InnerFolds), owner);
        StackingArguments.AtLeast(MaxDegreeOfParallelism, 0, nameof(MaxDegreeOfParallelism), owner);
    }
}
