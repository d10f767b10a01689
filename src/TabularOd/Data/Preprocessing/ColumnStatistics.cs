namespace TabularOd.Data.Preprocessing;

/// <summary>Column summaries shared by the scalers and the imputer, defined as NumPy defines them.</summary>
internal static class ColumnStatistics
{
    /// <summary>The gap between 1 and the next double (NumPy's <c>finfo(float64).eps</c>), not <see cref="double.Epsilon"/>.</summary>
    public const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>Refuses what no scaler can fit: no rows, or a NaN/∞ that would poison every statistic.</summary>
    public static void RequireFittable(DataMatrix train, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(train, parameterName);
        if (train.Rows == 0)
        {
            throw new ArgumentException("A scaler cannot be fitted on a matrix with no rows.", parameterName);
        }
        if (train.TryFindNonFinite(out int row, out int column))
        {
            throw new ArgumentException(
                $"Row {row}, column {column} holds {train[row, column]}; impute or drop non-finite values before fitting a scaler.",
                parameterName);
        }
    }

    /// <summary>Copies column <paramref name="column"/> into <paramref name="buffer"/>, leaves out NaN, sorts, and returns the filled part.</summary>
    public static Span<double> SortedWithoutNaN(DataMatrix matrix, int column, double[] buffer)
    {
        var view = matrix.Column(column);
        int count = 0;
        for (int i = 0; i < view.Count; i++)
        {
            double value = view[i];
            if (!double.IsNaN(value))
            {
                buffer[count++] = value;
            }
        }
        var sorted = buffer.AsSpan(0, count);
        sorted.Sort();
        return sorted;
    }

    /// <summary>The median of sorted values: the mean of the two middle ones for an even count, as <c>numpy.median</c>.</summary>
    public static double MedianOfSorted(ReadOnlySpan<double> sorted)
    {
        if (sorted.IsEmpty)
        {
            throw new ArgumentException("The median of no values is undefined.", nameof(sorted));
        }
        int middle = sorted.Length / 2;
        if (sorted.Length % 2 == 1)
        {
            return sorted[middle];
        }
        double mean = (sorted[middle - 1] + sorted[middle]) / 2;
        // The sum can overflow for two huge values of one sign; halving first cannot.
        return double.IsInfinity(mean) ? (sorted[middle - 1] / 2) + (sorted[middle] / 2) : mean;
    }

    /// <summary>
    /// The <paramref name="percent"/>-th percentile of sorted values with NumPy's default "linear" method
    /// (virtual index (n − 1)·q), including NumPy's two-sided interpolation, which computes the upper half
    /// from the right neighbour so results are bit-for-bit NumPy's.
    /// </summary>
    public static double PercentileOfSorted(ReadOnlySpan<double> sorted, double percent)
    {
        if (sorted.IsEmpty)
        {
            throw new ArgumentException("The percentile of no values is undefined.", nameof(sorted));
        }
        double virtualIndex = (sorted.Length - 1) * (percent / 100);
        int below = (int)Math.Floor(virtualIndex);
        int above = Math.Min(below + 1, sorted.Length - 1);
        double gamma = virtualIndex - below;
        double a = sorted[below], b = sorted[above];
        double difference = b - a;
        return gamma >= 0.5 ? b - (difference * (1 - gamma)) : a + (difference * gamma);
    }

    /// <summary>
    /// Replaces scales scikit-learn treats as zero (below 10 machine epsilons) by 1, so constant columns are
    /// centred but not blown up.
    /// </summary>
    public static void ReplaceZeroScales(Span<double> scale)
    {
        for (int j = 0; j < scale.Length; j++)
        {
            if (scale[j] < 10 * MachineEpsilon)
            {
                scale[j] = 1.0;
            }
        }
    }
}
