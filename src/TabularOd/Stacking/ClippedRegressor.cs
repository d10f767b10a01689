using MathNet.Numerics.Statistics;
using TabularOd.Data;

namespace TabularOd.Stacking;

/// <summary>
/// Winsorises the columns to bounds fitted on the rows it is fitted on, then fits <paramref name="inner"/> on the
/// clipped design; predicting clips each row to the same bounds first. Used through <see cref="OutOfFold"/>, the
/// bounds of each fold come from that fold's training rows only, so a held-out row with extreme base predictions
/// (and hence extreme meta-features and interactions) cannot drive the meta-model beyond what the training rows
/// span, and nothing about the held-out rows leaks into the bounds.
/// </summary>
/// <remarks>
/// Per column, the bounds are the <paramref name="quantile"/> and 1 − <paramref name="quantile"/> quantiles of the
/// fitted rows, linearly interpolated between order statistics (NumPy's default <c>np.quantile</c>, position
/// q·(n − 1) in the sorted column). <paramref name="quantile"/> must be in [0, 0.5); 0 gives the columns' minimum and
/// maximum, i.e. it only stops extrapolation beyond the training rows. The bounds ignore the sample weights (every
/// fitted row counts once), so a zero-weight row still widens them.
/// </remarks>
public sealed class ClippedRegressor(IRegressor inner, double quantile) : IRegressor
{
    /// <inheritdoc />
    public string Name => inner.Name;

    /// <summary>The regressor fitted on the clipped design.</summary>
    public IRegressor Inner => inner;

    /// <summary>The lower quantile of the bounds (the upper is 1 − this).</summary>
    public double Quantile => quantile;

    /// <summary>Fits the bounds, then the inner regressor on the clipped design.</summary>
    public ClippedModel Fit(DataMatrix x, ReadOnlySpan<double> y, ReadOnlySpan<double> sampleWeight)
    {
        ArgumentNullException.ThrowIfNull(inner);
        CheckQuantile(quantile, nameof(ClippedRegressor));
        StackingArguments.Regression(x, y, sampleWeight, nameof(ClippedRegressor));
        var (lower, upper) = Bounds(x, quantile);
        var model = inner.Fit(ClippedModel.Transform(x, lower, upper), y, sampleWeight);
        return new ClippedModel(lower, upper, model);
    }

    IRegressionModel IRegressor.Fit(DataMatrix x, ReadOnlySpan<double> y, ReadOnlySpan<double> sampleWeight) => Fit(x, y, sampleWeight);

    /// <summary>
    /// The per-column <paramref name="quantile"/> and 1 − <paramref name="quantile"/> quantiles of the rows of
    /// <paramref name="x"/> (linear interpolation between order statistics).
    /// </summary>
    public static (double[] Lower, double[] Upper) Bounds(DataMatrix x, double quantile) => Bounds(x, null, quantile);

    /// <summary>The bounds of the given rows of <paramref name="x"/> (null: every row), without copying them out first.</summary>
    internal static (double[] Lower, double[] Upper) Bounds(DataMatrix x, int[]? rows, double quantile)
    {
        ArgumentNullException.ThrowIfNull(x);
        CheckQuantile(quantile, nameof(ClippedRegressor));
        int n = rows?.Length ?? x.Rows, p = x.Columns;
        if (n < 1)
        {
            throw new ArgumentException("Clipping bounds need at least one row.", nameof(x));
        }
        var lower = new double[p];
        var upper = new double[p];
        var column = new double[n];
        for (int j = 0; j < p; j++)
        {
            for (int i = 0; i < n; i++)
            {
                column[i] = x[rows is null ? i : rows[i], j];
            }
            lower[j] = Interpolate(column, quantile);
            upper[j] = Interpolate(column, 1 - quantile);
            // Interpolation rounding must never invert the bounds.
            if (upper[j] < lower[j])
            {
                upper[j] = lower[j];
            }
        }
        return (lower, upper);
    }

    internal static void CheckQuantile(double quantile, string owner)
    {
        if (!(quantile >= 0 && quantile < 0.5))
        {
            throw StackingArguments.Invalid("ClipQuantile", owner, "in [0, 0.5)", quantile);
        }
    }

    // Ranks this close to either end are found in one pass that keeps the extremes; others by quickselect.
    private const int ExtremeRanks = 64;

    // NumPy's default ('linear') quantile. Only the two order statistics it needs are found, not the whole column
    // sorted: the pipeline clips every outer fold, and its quantiles (0.1 % and 99.9 %) sit at the ends.
    private static double Interpolate(double[] values, double q)
    {
        double position = q * (values.Length - 1);
        int below = (int)Math.Floor(position);
        double fraction = position - below;
        var (low, high) = AdjacentOrderStatistics(values, below);
        return fraction == 0 ? low : low + (fraction * (high - low));
    }

    // The values of 0-based ranks r and min(r + 1, n − 1) in sorted order; may reorder the array.
    private static (double Low, double High) AdjacentOrderStatistics(double[] values, int rank)
    {
        int n = values.Length, next = Math.Min(rank + 1, n - 1);
        if (next < ExtremeRanks)
        {
            var smallest = Extremes(values, next + 1, largest: false);
            return (smallest[rank], smallest[next]);
        }
        if (n - 1 - rank < ExtremeRanks)
        {
            // largest[t] has rank n − 1 − t.
            var largest = Extremes(values, n - rank, largest: true);
            return (largest[n - 1 - rank], largest[n - 1 - next]);
        }
        // MathNet's quickselect (one-based order) reorders the array in place.
        return (ArrayStatistics.OrderStatisticInplace(values, rank + 1), ArrayStatistics.OrderStatisticInplace(values, next + 1));
    }

    // The `count` smallest (or largest) values, from the extreme inwards: one pass with a small sorted buffer, where
    // almost every value is turned away by one comparison.
    private static double[] Extremes(double[] values, int count, bool largest)
    {
        var kept = new double[count];
        int size = 0;
        foreach (double value in values)
        {
            double key = largest ? -value : value;
            if (size == count && key >= kept[count - 1])
            {
                continue;
            }
            int at = size == count ? count - 1 : size++;
            while (at > 0 && kept[at - 1] > key)
            {
                kept[at] = kept[at - 1];
                at--;
            }
            kept[at] = key;
        }
        if (largest)
        {
            for (int i = 0; i < count; i++)
            {
                kept[i] = -kept[i];
            }
        }
        return kept;
    }
}
