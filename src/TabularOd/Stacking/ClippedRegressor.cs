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
    public static (double[] Lower, double[] Upper) Bounds(DataMatrix x, double quantile)
    {
        ArgumentNullException.ThrowIfNull(x);
        CheckQuantile(quantile, nameof(ClippedRegressor));
        if (x.Rows < 1)
        {
            throw new ArgumentException("Clipping bounds need at least one row.", nameof(x));
        }
        int n = x.Rows, p = x.Columns;
        var lower = new double[p];
        var upper = new double[p];
        var column = new double[n];
        for (int j = 0; j < p; j++)
        {
            for (int i = 0; i < n; i++)
            {
                column[i] = x[i, j];
            }
            Array.Sort(column);
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

    private static double Interpolate(double[] sorted, double q)
    {
        double position = q * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        double fraction = position - below;
        return fraction == 0 ? sorted[below] : sorted[below] + (fraction * (sorted[above] - sorted[below]));
    }
}
