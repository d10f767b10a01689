namespace TabularOd.Detectors.Linear;

/// <summary>Options of <see cref="MahalanobisDetector"/>.</summary>
public sealed record MahalanobisOptions : DetectorOptions
{
    /// <summary>No shrinkage: scikit-learn's <c>EmpiricalCovariance</c>.</summary>
    public const double DefaultShrinkage = 0.0;

    /// <summary>Ridge added to each column's variance, relative to that variance.</summary>
    public const double DefaultRidge = 1e-6;

    /// <summary>The plain (non-robust) covariance by default.</summary>
    public const bool DefaultUseMcd = false;

    /// <summary>0: the MCD support is ⌈(n + d + 1)/2⌉ rows, scikit-learn's default.</summary>
    public const double DefaultSupportFraction = 0.0;

    /// <summary>
    /// Shrinkage α in [0, 1] towards a scaled identity, as scikit-learn's <c>ShrunkCovariance</c>:
    /// (1 − α)·S + α·(tr S / d)·I.
    /// </summary>
    public double Shrinkage { get; init; } = DefaultShrinkage;

    /// <summary>
    /// Ridge ≥ 0 added to the covariance diagonal, relative to each column's own variance (so per-column rescaling
    /// leaves the scores unchanged); a constant column gets it relative to the mean variance instead.
    /// </summary>
    public double Ridge { get; init; } = DefaultRidge;

    /// <summary>Whether the location and covariance come from the robust Minimum Covariance Determinant (FastMCD).</summary>
    public bool UseMcd { get; init; } = DefaultUseMcd;

    /// <summary>
    /// Share of rows in the MCD support, in [0, 1]; 0 means ⌈(n + d + 1)/2⌉ rows. Used only with <see cref="UseMcd"/>.
    /// </summary>
    public double SupportFraction { get; init; } = DefaultSupportFraction;
}
