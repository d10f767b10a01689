namespace TabularOd.Stacking;

/// <summary>Options of <see cref="GroupedMetaModelCv"/>.</summary>
public sealed record GroupedMetaModelCvOptions
{
    /// <summary>The meta-model: Ridge, Lasso or ElasticNet.</summary>
    public MetaModelKind Kind { get; init; } = MetaModelKind.Ridge;

    /// <summary>
    /// The penalties tried, per unit of sample weight (see <see cref="GroupedMetaModelCv"/>); null for the kind's
    /// default: <see cref="DefaultRidgeAlphas"/> for Ridge, SPEC §8's logspace(−5, 1, 30) for Lasso and ElasticNet.
    /// </summary>
    public IReadOnlyList<double>? Alphas { get; init; }

    /// <summary>The ElasticNet mixings ρ tried, in order; null for SPEC §8's {0.1, 0.5, 0.7, 0.9, 0.95, 0.99, 1}. Ridge and Lasso ignore it.</summary>
    public IReadOnlyList<double>? L1Ratios { get; init; }

    /// <summary>What the held-out predictions are scored by.</summary>
    public MetaModelCriterion Criterion { get; init; } = MetaModelCriterion.Auroc;

    /// <summary>Coordinate-descent sweep budget (Lasso, ElasticNet). Default: SPEC §8's 10000.</summary>
    public int MaxIterations { get; init; } = ElasticNetOptions.StackingMaxIterations;

    /// <summary>Coordinate-descent tolerance (see <see cref="ElasticNetOptions.Tolerance"/>).</summary>
    public double Tolerance { get; init; } = ElasticNetOptions.DefaultTolerance;

    /// <summary>
    /// Whether the Lasso and ElasticNet descents take exact active-set steps (<see cref="ElasticNetOptions.ActiveSetSolve"/>),
    /// as <see cref="StackingPipelineOptions.ActiveSetSolve"/> does. Default true: detector scores are strongly
    /// correlated columns, on which plain coordinate descent needs thousands of sweeps at small α. False gives
    /// scikit-learn's coordinate-descent iterates.
    /// </summary>
    public bool ActiveSetSolve { get; init; } = true;

    /// <summary>
    /// Threads that score a fold's penalties; 0 means one per processor. The result is the same for every value: each
    /// penalty is scored on one thread and the scores are compared in a fixed order.
    /// </summary>
    public int MaxDegreeOfParallelism { get; init; }

    /// <summary>
    /// Ridge's default grid per unit weight, logspace(−6, 2, 50): SPEC §8's logspace(−3, 5, 50) is a sum-form penalty
    /// meant for designs of about a thousand rows, which this grid matches on that scale while staying meaningful for
    /// pooled designs of a million rows.
    /// </summary>
    public static double[] DefaultRidgeAlphas() => AlphaGrid.Logspace(-6, 2, 50);

    internal double[] ResolvedAlphas(string owner) => StackingArguments.PositiveGrid(
        Alphas ?? (Kind == MetaModelKind.Ridge ? DefaultRidgeAlphas() : AlphaGrid.Sparse()), nameof(Alphas), owner);

    internal double[] ResolvedL1Ratios(string owner)
    {
        double[] ratios = Kind switch
        {
            MetaModelKind.Ridge => [0.0],
            MetaModelKind.Lasso => [1.0],
            _ => [.. L1Ratios ?? AlphaGrid.L1Ratios()],
        };
        if (ratios.Length == 0)
        {
            throw new ArgumentException($"The '{nameof(L1Ratios)}' parameter of {owner} must hold at least one value.", nameof(L1Ratios));
        }
        foreach (double r in ratios)
        {
            StackingArguments.InRange(r, 0, 1, nameof(L1Ratios), owner);
        }
        return ratios;
    }

    internal void Check(string owner)
    {
        if (!Enum.IsDefined(Kind))
        {
            throw StackingArguments.Invalid(nameof(Kind), owner, "a defined meta-model kind", Kind);
        }
        if (!Enum.IsDefined(Criterion))
        {
            throw StackingArguments.Invalid(nameof(Criterion), owner, "a defined criterion", Criterion);
        }
        StackingArguments.AtLeast(MaxIterations, 1, nameof(MaxIterations), owner);
        StackingArguments.Positive(Tolerance, nameof(Tolerance), owner);
        StackingArguments.AtLeast(MaxDegreeOfParallelism, 0, nameof(MaxDegreeOfParallelism), owner);
    }
}
