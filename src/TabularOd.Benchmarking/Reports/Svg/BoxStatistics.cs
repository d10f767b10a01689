namespace TabularOd.Benchmarking.Reports.Svg;

/// <summary>
/// The five numbers, mean and outliers a box plot draws for one series, computed as numpy and matplotlib do:
/// quartiles by linear interpolation between order statistics (<c>numpy.percentile</c>'s default), whiskers at
/// the most extreme data within 1.5 IQR of the box, and everything beyond them as outliers.
/// </summary>
/// <param name="Count">Finite values used.</param>
/// <param name="Ignored">NaN and infinite values left out.</param>
/// <param name="LowerQuartile">25th percentile.</param>
/// <param name="Median">50th percentile.</param>
/// <param name="UpperQuartile">75th percentile.</param>
/// <param name="LowerWhisker">Smallest value ≥ Q1 − 1.5 IQR.</param>
/// <param name="UpperWhisker">Largest value ≤ Q3 + 1.5 IQR.</param>
/// <param name="Mean">Arithmetic mean.</param>
/// <param name="Outliers">Values beyond the whiskers, ascending.</param>
public sealed record BoxStatistics(int Count, int Ignored, double LowerQuartile, double Median, double UpperQuartile,
    double LowerWhisker, double UpperWhisker, double Mean, IReadOnlyList<double> Outliers)
{
    /// <summary>Statistics of the finite values in <paramref name="values"/>; with none, every statistic is NaN.</summary>
    public static BoxStatistics Compute(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = new List<double>();
        int ignored = 0;
        foreach (double v in values)
        {
            if (double.IsFinite(v))
            {
                sorted.Add(v);
            }
            else
            {
                ignored++;
            }
        }
        if (sorted.Count == 0)
        {
            return new BoxStatistics(0, ignored, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, []);
        }
        sorted.Sort();
        double q1 = Percentile(sorted, 25);
        double median = Percentile(sorted, 50);
        double q3 = Percentile(sorted, 75);
        double reach = 1.5 * (q3 - q1);
        double lowFence = q1 - reach, highFence = q3 + reach;
        // The whiskers end at data points, never at the fences themselves, so they show where the data stop.
        double lowWhisker = sorted.First(v => v >= lowFence);
        double highWhisker = sorted.Last(v => v <= highFence);
        var outliers = sorted.Where(v => v < lowWhisker || v > highWhisker).ToList();
        // Mean as a running average of the sorted values: no overflow for values near double.MaxValue.
        double mean = 0;
        for (int i = 0; i < sorted.Count; i++)
        {
            mean += (sorted[i] - mean) / (i + 1);
        }
        return new BoxStatistics(sorted.Count, ignored, q1, median, q3, lowWhisker, highWhisker, mean, outliers);
    }

    /// <summary>
    /// The <paramref name="percent"/>-th percentile (0–100) of ascending <paramref name="sorted"/> values by linear
    /// interpolation: position p/100 · (n − 1) between the neighbouring order statistics.
    /// </summary>
    public static double Percentile(IReadOnlyList<double> sorted, double percent)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            throw new ArgumentException("Percentile of no values.", nameof(sorted));
        }
        if (!(percent >= 0 && percent <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(percent), percent, "Percent must lie in [0, 100].");
        }
        double position = percent / 100 * (sorted.Count - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Count - 1);
        double fraction = position - below;
        double lo = sorted[below], hi = sorted[above];
        // Interpolating from the nearer end mirrors numpy's lerp and keeps equal neighbours exactly equal.
        return fraction < 0.5 ? lo + (hi - lo) * fraction : hi - (hi - lo) * (1 - fraction);
    }
}
