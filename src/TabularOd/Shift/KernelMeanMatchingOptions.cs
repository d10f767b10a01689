namespace TabularOd.Shift;

/// <summary>Options of <see cref="KernelMeanMatching"/>; defaults from SPEC §6 (Huang et al.'s choices).</summary>
public sealed record KernelMeanMatchingOptions
{
    /// <summary>The upper bound on each weight (SPEC §6).</summary>
    public const double DefaultBound = 1000;

    /// <summary>B, the upper bound on each β_i, ≥ 1.</summary>
    public double Bound { get; init; } = DefaultBound;

    /// <summary>ε of |Σβ/n − 1| ≤ ε, in [0, 1]; null = 1 − 1/√n.</summary>
    public double? Epsilon { get; init; }

    /// <summary>The Gaussian kernel width σ; null = <see cref="KernelBandwidth"/>'s k-NN rule on the pooled rows.</summary>
    public double? Sigma { get; init; }

    /// <summary>Seed of the row sample behind σ (used only when more than 1000 rows are pooled).</summary>
    public int Seed { get; init; }

    /// <summary>The QP solver and its stopping rule.</summary>
    public ProjectedGradientSolver Solver { get; init; } = new();
}
