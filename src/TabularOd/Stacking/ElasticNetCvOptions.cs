namespace TabularOd.Stacking;

/// <summary>
/// Options of <see cref="ElasticNetCvRegressor"/>. The defaults are SPEC §8's Lasso meta-model (ρ = 1); set
/// <see cref="L1Ratios"/> to <see cref="AlphaGrid.L1Ratios"/> for its ElasticNet.
/// </summary>
public sealed record ElasticNetCvOptions
{
    /// <summary>Default <see cref="Folds"/>: SPEC §8's inner 3-fold CV.</summary>
    public const int DefaultFolds = 3;

    /// <summary>The α grid (any order; searched largest first). Default: logspace(−5, 1, 30).</summary>
    public IReadOnlyList<double> Alphas { get; init; } = AlphaGrid.Sparse();

    /// <summary>The ρ values tried, in order; on an exact tie of the CV error the earlier one wins. Default: {1} (Lasso).</summary>
    public IReadOnlyList<double> L1Ratios { get; init; } = [1.0];

    /// <summary>Folds of the inner cross-validation, when the caller does not pass a <see cref="FoldAssignment"/>.</summary>
    public int Folds { get; init; } = DefaultFolds;

    /// <summary>
    /// Whether those folds are a seeded random permutation (<see cref="KFold"/>); the default, unshuffled, is what
    /// scikit-learn's <c>LassoCV(cv=3)</c> does.
    /// </summary>
    public bool Shuffle { get; init; }

    /// <summary>Seed of the shuffled folds.</summary>
    public long Seed { get; init; }

    /// <summary>Sweep budget of every descent. Default: SPEC §8's 10000.</summary>
    public int MaxIterations { get; init; } = ElasticNetOptions.StackingMaxIterations;

    /// <summary>
    /// Threads for the independent (ρ, fold) paths; 0 means one per processor. The result is the same for every
    /// value: each path runs on one thread and the errors are combined in a fixed order.
    /// </summary>
    public int MaxDegreeOfParallelism { get; init; }

    /// <summary>
    /// Whether the fold paths sweep over XᵀX (<see cref="GramMode"/>). Default <see cref="GramMode.Auto"/>, as
    /// scikit-learn's <c>LassoCV</c>: the Gram form whenever a fold has more rows than columns. The final refit follows
    /// the same rule; scikit-learn refits without the Gram matrix under <c>'auto'</c>, which gives the same weights to
    /// rounding at a cost per sweep n/p times higher.
    /// </summary>
    public GramMode Precompute { get; init; } = GramMode.Auto;

    /// <summary>Whether every descent tries exact support solutions (see <see cref="ElasticNetOptions.ActiveSetSolve"/>).</summary>
    public bool ActiveSetSolve { get; init; }

    /// <summary>Stopping tolerance of every descent (see <see cref="ElasticNetOptions.Tolerance"/>).</summary>
    public double Tolerance { get; init; } = ElasticNetOptions.DefaultTolerance;
}
