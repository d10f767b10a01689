namespace TabularOd.Shift;

/// <summary>Options of <see cref="DoubleWeighting"/>; defaults from SPEC §6.</summary>
public sealed record DoubleWeightingOptions
{
    /// <summary>SPEC §6's default D: test rows may lose weight, training weights are capped at B/2.</summary>
    public const double DefaultD = 4;

    /// <summary>D ≥ 1: 1 is KMM (α ≡ 1); larger values let α move further from 1 (‖α − 1‖₂ ≤ (1 − 1/√D)√t).</summary>
    public double D { get; init; } = DefaultD;

    /// <summary>B: training weights are capped at B/√D; must be ≥ √D so that β ≡ 1 stays feasible.</summary>
    public double Bound { get; init; } = KernelMeanMatchingOptions.DefaultBound;

    /// <summary>ε of |Σβ/n − Σα/t| ≤ ε, in [0, 1]; null = 1 − 1/√n.</summary>
    public double? Epsilon { get; init; }

    /// <summary>The Gaussian kernel width σ; null = <see cref="KernelBandwidth"/>'s k-NN rule on the pooled rows.</summary>
    public double? Sigma { get; init; }

    /// <summary>Seed of the row sample behind σ (used only when more than 1000 rows are pooled).</summary>
    public int Seed { get; init; }

    /// <summary>The QP solver and its stopping rule.</summary>
    public ProjectedGradientSolver Solver { get; init; } = new();
}
