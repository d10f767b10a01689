using System.Numerics;
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
        double lowPosition = quantile * (n - 1), highPosition = (1 - quantile) * (n - 1);
        int lowRank = (int)Math.Floor(lowPosition), highRank = (int)Math.Floor(highPosition);
        int smallest = Math.Min(lowRank + 1, n - 1) + 1, largest = n - highRank;
        if (smallest <= ExtremeRanks && largest <= ExtremeRanks)
        {
            // Every rank needed sits near an end: one pass over the rows keeps each column's extremes.
            var extremes = new ColumnExtremes(p, smallest, largest);
            for (int i = 0; i < n; i++)
            {
                extremes.Add(x.Row(rows is null ? i : rows[i]));
            }
            for (int j = 0; j < p; j++)
            {
                lower[j] = Interpolate(lowPosition, extremes.Low(j, lowRank, n), extremes.Low(j, Math.Min(lowRank + 1, n - 1), n));
                upper[j] = Interpolate(highPosition, extremes.Low(j, highRank, n), extremes.Low(j, Math.Min(highRank + 1, n - 1), n));
            }
        }
        else
        {
            var column = new double[n];
            for (int j = 0; j < p; j++)
            {
                for (int i = 0; i < n; i++)
                {
                    column[i] = x[rows is null ? i : rows[i], j];
                }
                // MathNet's quickselect (one-based order) reorders the column in place.
                lower[j] = Interpolate(lowPosition, ArrayStatistics.OrderStatisticInplace(column, lowRank + 1),
                    ArrayStatistics.OrderStatisticInplace(column, Math.Min(lowRank + 1, n - 1) + 1));
                upper[j] = Interpolate(highPosition, ArrayStatistics.OrderStatisticInplace(column, highRank + 1),
                    ArrayStatistics.OrderStatisticInplace(column, Math.Min(highRank + 1, n - 1) + 1));
            }
        }
        for (int j = 0; j < p; j++)
        {
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

    // Ranks this close to either end are found in one pass that keeps each column's extremes; others by quickselect.
    // The pipeline's quantiles (0.1 % and 99.9 %) sit there for any fold under 64 000 rows.
    private const int ExtremeRanks = 64;

    // NumPy's default ('linear') quantile at a position between the order statistics of ranks ⌊position⌋ and the next.
    private static double Interpolate(double position, double low, double high)
    {
        double fraction = position - Math.Floor(position);
        return fraction == 0 ? low : low + (fraction * (high - low));
    }

    /// <summary>
    /// The few smallest and largest values of every column, kept while rows stream past in order (cache-friendly,
    /// where a column at a time strides through the matrix): small sorted buffers that turn almost every value away
    /// with one comparison.
    /// </summary>
    private sealed class ColumnExtremes(int columns, int smallest, int largest)
    {
        private readonly double[] _small = new double[columns * smallest];
        private readonly double[] _large = new double[columns * largest];
        private readonly int[] _smallSize = new int[columns];
        private readonly int[] _largeSize = new int[columns];
        // Once a column's lists are full, a value strictly between its largest kept small value and its smallest kept
        // large value changes neither, and after the first few hundred rows nearly every value is such a value: a row
        // whose values all are is skipped by a vector comparison. ±∞ until the list is full (nothing skipped).
        private readonly double[] _smallLimit = Enumerable.Repeat(double.PositiveInfinity, columns).ToArray();
        private readonly double[] _largeLimit = Enumerable.Repeat(double.NegativeInfinity, columns).ToArray();

        public void Add(ReadOnlySpan<double> row)
        {
            if (!Reaches(row))
            {
                return;
            }
            for (int j = 0; j < row.Length; j++)
            {
                var small = _small.AsSpan(j * smallest, smallest);
                if (Keep(small, ref _smallSize[j], row[j]))
                {
                    _smallLimit[j] = small[smallest - 1];
                }
                // The largest values are kept as the smallest of the negated ones.
                var large = _large.AsSpan(j * largest, largest);
                if (Keep(large, ref _largeSize[j], -row[j]))
                {
                    _largeLimit[j] = -large[largest - 1];
                }
            }
        }

        // Whether some value of the row is below its column's small limit or above its large limit.
        private bool Reaches(ReadOnlySpan<double> row)
        {
            int j = 0;
            if (Vector.IsHardwareAccelerated)
            {
                for (; j <= row.Length - Vector<double>.Count; j += Vector<double>.Count)
                {
                    var values = new Vector<double>(row[j..]);
                    if (Vector.LessThanAny(values, new Vector<double>(_smallLimit.AsSpan(j)))
                        || Vector.GreaterThanAny(values, new Vector<double>(_largeLimit.AsSpan(j))))
                    {
                        return true;
                    }
                }
            }
            for (; j < row.Length; j++)
            {
                if (row[j] < _smallLimit[j] || row[j] > _largeLimit[j])
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>The value of 0-based rank <paramref name="rank"/> in column <paramref name="column"/> of <paramref name="rows"/> values.</summary>
        public double Low(int column, int rank, int rows) =>
            rank < smallest ? _small[(column * smallest) + rank] : -_large[(column * largest) + (rows - 1 - rank)];

        // Inserts the value into the sorted list if it belongs there; returns whether the list is now full.
        private static bool Keep(Span<double> kept, ref int size, double value)
        {
            int count = kept.Length;
            if (size == count && value >= kept[count - 1])
            {
                return true;
            }
            int at = size == count ? count - 1 : size++;
            while (at > 0 && kept[at - 1] > value)
            {
                kept[at] = kept[at - 1];
                at--;
            }
            kept[at] = value;
            return size == count;
        }
    }
}
