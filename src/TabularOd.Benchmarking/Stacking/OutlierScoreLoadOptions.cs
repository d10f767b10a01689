namespace TabularOd.Benchmarking.Stacking;

/// <summary>Options of <see cref="OutlierScoreLoader"/>.</summary>
public sealed record OutlierScoreLoadOptions
{
    /// <summary>Default <see cref="MinCoverage"/>.</summary>
    public const double DefaultMinCoverage = 0.9;

    /// <summary>
    /// A configuration becomes a column only if it has usable scores on at least this share of the datasets with
    /// labels of both classes; the datasets that then miss a kept configuration are dropped. The design needs every
    /// column on every row, and one configuration that failed on many datasets would otherwise take them all with it.
    /// </summary>
    public double MinCoverage { get; init; } = DefaultMinCoverage;

    /// <summary>How several seeds of one configuration become one column.</summary>
    public SeedPolicy Seeds { get; init; } = SeedPolicy.Mean;
}
