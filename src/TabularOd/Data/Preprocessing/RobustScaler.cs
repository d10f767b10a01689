namespace TabularOd.Data.Preprocessing;

/// <summary>
/// Centers each column on its training median and divides by its interquartile range, as scikit-learn's
/// <c>RobustScaler</c>: percentiles use NumPy's linear interpolation; a zero range gives scale 1.
/// Outliers in the training rows barely move either statistic, which is why detectors prefer it.
/// </summary>
public sealed class RobustScaler : IScaler
{
    /// <summary>The lower percentile of the range, in [0, 100). Default 25 (the first quartile).</summary>
    public double LowerPercentile { get; init; } = 25.0;

    /// <summary>The upper percentile of the range, in (<see cref="LowerPercentile"/>, 100]. Default 75.</summary>
    public double UpperPercentile { get; init; } = 75.0;

    /// <inheritdoc/>
    /// <exception cref="ArgumentOutOfRangeException">The percentiles are not 0 ≤ lower &lt; upper ≤ 100.</exception>
    public FittedScaler Fit(DataMatrix train)
    {
        if (!(LowerPercentile >= 0 && LowerPercentile < UpperPercentile && UpperPercentile <= 100))
        {
            throw new ArgumentOutOfRangeException(
                nameof(LowerPercentile),
                $"The percentile range must satisfy 0 ≤ lower < upper ≤ 100; it is ({LowerPercentile}, {UpperPercentile}).");
        }
        ColumnStatistics.RequireFittable(train, nameof(train));
        var center = new double[train.Columns];
        var scale = new double[train.Columns];
        var buffer = new double[train.Rows];
        for (int j = 0; j < train.Columns; j++)
        {
            var sorted = ColumnStatistics.SortedWithoutNaN(train, j, buffer);
            center[j] = ColumnStatistics.MedianOfSorted(sorted);
            scale[j] = ColumnStatistics.PercentileOfSorted(sorted, UpperPercentile)
                - ColumnStatistics.PercentileOfSorted(sorted, LowerPercentile);
        }
        ColumnStatistics.ReplaceZeroScales(scale);
        return FittedScaler.Wrap(center, scale);
    }
}
