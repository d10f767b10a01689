namespace TabularOd.Evaluation;

/// <summary>
/// <c>np.percentile(a, q)</c> with its default "linear" method, transcribed operation by operation so the
/// result is bit-identical to NumPy's. PyOD derives its thresholds from it and then compares scores with a
/// strict '&gt;', so a threshold one ulp off would move rows across the cut.
/// </summary>
internal static class NumpyPercentile
{
    /// <summary>The linear-interpolation percentile of values already sorted ascending.</summary>
    /// <param name="ascending">The sample, sorted ascending, non-empty.</param>
    /// <param name="percent">The percentile in [0, 100].</param>
    public static double OfSorted(ReadOnlySpan<double> ascending, double percent)
    {
        var (lower, upper, gamma) = Locate(ascending.Length, percent);
        return Lerp(ascending[lower], ascending[upper], gamma);
    }

    /// <summary>
    /// The two ascending-order positions to interpolate between and the interpolation weight, as NumPy's
    /// <c>_quantile</c>/<c>_get_indexes</c>/<c>_get_gamma</c> compute them.
    /// </summary>
    public static (int Lower, int Upper, double Gamma) Locate(int count, double percent)
    {
        double quantile = percent / 100;
        double virtualIndex = (count - 1) * quantile;
        if (virtualIndex >= count - 1)
        {
            // NumPy points both neighbours at index -1 and leaves gamma measured from that -1.
            return (count - 1, count - 1, virtualIndex + 1);
        }
        if (virtualIndex < 0)
        {
            return (0, 0, virtualIndex);
        }
        double floor = Math.Floor(virtualIndex);
        int lower = (int)floor;
        return (lower, lower + 1, virtualIndex - floor);
    }

    /// <summary>
    /// NumPy's <c>_lerp</c>: interpolates from the nearer end so that t = 1 returns b exactly.
    /// </summary>
    public static double Lerp(double a, double b, double t)
    {
        double difference = b - a;
        return t >= 0.5 ? b - (difference * (1 - t)) : a + (difference * t);
    }
}
