namespace TabularOd.Detectors.Proximity;

/// <summary>Options of <see cref="LocalOutlierFactorDetector"/>.</summary>
public sealed record LocalOutlierFactorOptions : DetectorOptions
{
    /// <summary>scikit-learn's default neighbour count (<c>n_neighbors=20</c>).</summary>
    public const int DefaultK = 20;

    /// <summary>Neighbours per row, ≥ 1; capped at the training rows less one (scikit-learn's <c>n_neighbors_</c>).</summary>
    public int K { get; init; } = DefaultK;
}
