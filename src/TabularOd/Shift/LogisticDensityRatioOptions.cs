namespace TabularOd.Shift;

/// <summary>Options of <see cref="LogisticDensityRatio"/>.</summary>
public sealed record LogisticDensityRatioOptions
{
    /// <summary>scikit-learn's default inverse regularisation strength.</summary>
    public const double DefaultC = 1.0;

    /// <summary>Default basis [ours]: per-feature location and spread.</summary>
    public const LogisticBasis DefaultBasis = LogisticBasis.Quadratic;

    /// <summary>C &gt; 0: the log-loss is multiplied by C against a penalty ½‖w‖² (scikit-learn's convention).</summary>
    public double C { get; init; } = DefaultC;

    /// <summary>The classifier's features.</summary>
    public LogisticBasis Basis { get; init; } = DefaultBasis;

    /// <summary>B, the clip on the ratio before it is rescaled, ≥ 1 (SPEC §6: 1000).</summary>
    public double Bound { get; init; } = KernelMeanMatchingOptions.DefaultBound;
}
