namespace TabularOd.Detectors.Probabilistic;

/// <summary>Options of <see cref="HbosDetector"/>, with PyOD's defaults.</summary>
public sealed record HbosOptions : DetectorOptions
{
    /// <summary>PyOD's default number of equal-width bins per feature.</summary>
    public const int DefaultBins = 10;

    /// <summary>PyOD's default density regulariser.</summary>
    public const double DefaultAlpha = 0.1;

    /// <summary>PyOD's default tolerance, in bin widths, for values just outside the outer edges.</summary>
    public const double DefaultTolerance = 0.5;

    /// <summary>Equal-width bins per feature, ≥ 1, spanning the training column's range.</summary>
    public int Bins { get; init; } = DefaultBins;

    /// <summary>Added to every bin's density before the log, in (0, 1]; keeps empty bins finite.</summary>
    public double Alpha { get; init; } = DefaultAlpha;

    /// <summary>
    /// A value at most this many outer-bin widths outside the training range scores as the outer bin; further out it
    /// scores as the emptiest bin. In [0, 1].
    /// </summary>
    public double Tolerance { get; init; } = DefaultTolerance;
}
