namespace TabularOd.Stacking;

/// <summary>Options of <see cref="HillClimbingSelector"/> and its bagged form (SPEC §9; Caruana et al., ICML 2004).</summary>
public sealed record HillClimbingOptions
{
    /// <summary>Default <see cref="Iterations"/>.</summary>
    public const int DefaultIterations = 100;

    /// <summary>Default <see cref="Bags"/>: SPEC §9's 20.</summary>
    public const int DefaultBags = 20;

    /// <summary>Default <see cref="BagFraction"/>: SPEC §9's random halves.</summary>
    public const double DefaultBagFraction = 0.5;

    /// <summary>Greedy additions T after the initialisation (repeats allowed).</summary>
    public int Iterations { get; init; } = DefaultIterations;

    /// <summary>
    /// Whether to start from the N best single models, N chosen on the hold-out: Caruana's guard against the first
    /// few greedy steps overfitting the hold-out set.
    /// </summary>
    public bool SortedInitialization { get; init; } = true;

    /// <summary>The largest N sorted initialisation may choose; 0 means the whole library.</summary>
    public int MaxInitialModels { get; init; }

    /// <summary>The loss minimised; default root mean squared error.</summary>
    public PredictionLoss Loss { get; init; } = PredictionLosses.Rmse;

    /// <summary>Bags of the bagged variant.</summary>
    public int Bags { get; init; } = DefaultBags;

    /// <summary>The share of the library each bag sees (rounded up, at least one model).</summary>
    public double BagFraction { get; init; } = DefaultBagFraction;

    /// <summary>
    /// Threads that score a step's candidates; 0 means one per processor. The result is the same for every value:
    /// each candidate's loss is computed on one thread and the losses are compared in index order.
    /// </summary>
    public int MaxDegreeOfParallelism { get; init; }

    /// <summary>Seed of the bags' model subsets.</summary>
    public long Seed { get; init; }

    internal void Check(string owner)
    {
        StackingArguments.AtLeast(Iterations, 0, nameof(Iterations), owner);
        StackingArguments.AtLeast(MaxInitialModels, 0, nameof(MaxInitialModels), owner);
        StackingArguments.AtLeast(Bags, 1, nameof(Bags), owner);
        StackingArguments.AtLeast(MaxDegreeOfParallelism, 0, nameof(MaxDegreeOfParallelism), owner);
        if (!(BagFraction > 0 && BagFraction <= 1))
        {
            throw StackingArguments.Invalid(nameof(BagFraction), owner, "in (0, 1]", BagFraction);
        }
        if (Loss is null)
        {
            throw new ArgumentException($"The '{nameof(Loss)}' parameter of {owner} must be set.", nameof(Loss));
        }
        if (!SortedInitialization && Iterations == 0)
        {
            throw new ArgumentException($"{owner} with no sorted initialisation needs at least one iteration.", nameof(Iterations));
        }
    }
}
