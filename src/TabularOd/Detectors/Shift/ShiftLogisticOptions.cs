using TabularOd.Shift;

namespace TabularOd.Detectors.Shift;

/// <summary>Options of <see cref="ShiftLogisticDetector"/>.</summary>
public sealed record ShiftLogisticOptions : DetectorOptions
{
    /// <summary>scikit-learn's default C.</summary>
    public const double DefaultC = LogisticDensityRatioOptions.DefaultC;

    /// <summary>Default basis: each feature and its square.</summary>
    public const LogisticBasis DefaultBasis = LogisticDensityRatioOptions.DefaultBasis;

    /// <summary>C &gt; 0, the inverse L2 regularisation strength of the train-versus-batch classifier.</summary>
    public double C { get; init; } = DefaultC;

    /// <summary>The classifier's features.</summary>
    public LogisticBasis Basis { get; init; } = DefaultBasis;
}
