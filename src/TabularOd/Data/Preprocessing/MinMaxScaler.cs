namespace TabularOd.Data.Preprocessing;

/// <summary>
/// Maps each column's training range onto [0, 1], as scikit-learn's <c>MinMaxScaler</c>: center = minimum,
/// scale = maximum − minimum (1 for a constant column). Rows scored later may fall outside [0, 1].
/// </summary>
/// <remarks>
/// scikit-learn computes x·(1/range) − min/range; this computes (x − min)/range, which agrees to a few
/// ulps and loses less precision when a column's values are large next to its range.
/// </remarks>
public sealed class MinMaxScaler : IScaler
{
    /// <inheritdoc/>
    public FittedScaler Fit(DataMatrix train)
    {
        ColumnStatistics.RequireFittable(train, nameof(train));
        int d = train.Columns;
        var minimum = train.Row(0).ToArray();
        var maximum = train.Row(0).ToArray();
        for (int i = 1; i < train.Rows; i++)
        {
            var row = train.Row(i);
            for (int j = 0; j < d; j++)
            {
                minimum[j] = Math.Min(minimum[j], row[j]);
                maximum[j] = Math.Max(maximum[j], row[j]);
            }
        }
        var range = new double[d];
        for (int j = 0; j < d; j++)
        {
            range[j] = maximum[j] - minimum[j];
        }
        ColumnStatistics.ReplaceZeroScales(range);
        return FittedScaler.Wrap(minimum, range);
    }
}
