namespace TabularOd.Detectors.Proximity;

/// <summary>How the k neighbour distances of a row become its score.</summary>
public enum KNearestMethod
{
    /// <summary>Distance to the k-th nearest neighbour (PyOD's default).</summary>
    Largest,

    /// <summary>Mean distance to the k nearest neighbours.</summary>
    Mean,

    /// <summary>Median distance to the k nearest neighbours.</summary>
    Median,
}

/// <summary>Options of <see cref="KNearestDetector"/>.</summary>
public sealed record KNearestOptions : DetectorOptions
{
    /// <summary>PyOD's default neighbour count.</summary>
    public const int DefaultK = 5;

    /// <summary>Neighbours per row, ≥ 1; capped at the training rows less one (the learned <c>KEffective</c>).</summary>
    public int K { get; init; } = DefaultK;

    /// <summary>How the k distances are combined.</summary>
    public KNearestMethod Method { get; init; } = KNearestMethod.Largest;
}
