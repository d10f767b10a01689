using System.Globalization;

namespace TabularOd.Benchmarking.Reports.Svg;

/// <summary>
/// Chooses "nice" axis ticks: steps of 1, 2 or 5 times a power of ten on linear axes (0, 0.2, … 1), and whole
/// powers of ten on log10 axes, so that a reader can interpolate between labels in their head.
/// </summary>
public static class NiceTicks
{
    /// <summary>The nice step (1, 2 or 5 × 10^k) nearest to splitting <paramref name="span"/> into about <paramref name="target"/> parts.</summary>
    public static double Step(double span, int target = 5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(target, 1);
        if (!(span > 0) || !double.IsFinite(span))
        {
            return 1;
        }
        double rough = span / target;
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        double residual = rough / magnitude;
        // The thresholds are the geometric midpoints between 1, 2, 5 and 10, so the chosen step is the one
        // nearest to the rough step on a log scale and the tick count stays within about 0.6–1.6 × target.
        double nice = residual < 1.41 ? 1 : residual < 3.16 ? 2 : residual < 7.07 ? 5 : 10;
        return nice * magnitude;
    }

    /// <summary>
    /// Widens [min, max] outward to multiples of a nice step and returns the bounds, the step and the ticks.
    /// Degenerate input still gives a usable axis: non-finite bounds give [0, 1], and equal bounds are widened
    /// by 10% of their magnitude (or ±1 around zero), so a plot of all-equal values draws a flat, centred line,
    /// and bounds so far apart that their difference overflows are clamped to ±<see cref="double.MaxValue"/>/4.
    /// </summary>
    public static (double Min, double Max, double Step, IReadOnlyList<Tick> Ticks) Linear(double min, double max, int target = 5)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max))
        {
            (min, max) = (0, 1);
        }
        if (min > max)
        {
            (min, max) = (max, min);
        }
        if (!double.IsFinite(max - min))
        {
            // A span beyond double range (data near ±1.8e308, surely a bug upstream) would make every tick
            // computation overflow; saturating the axis keeps the plot drawable and the outliers visible at its ends.
            (min, max) = (Math.Max(min, -double.MaxValue / 4), Math.Min(max, double.MaxValue / 4));
        }
        if (max - min <= Math.Abs(max) * 1e-12)
        {
            double pad = min == 0 ? 1 : Math.Abs(min) * 0.1;
            (min, max) = (min - pad, max + pad);
        }
        double step = Step(max - min, target);
        // Integer tick indices, not repeated addition, so 0.1 + 0.2 never shows up as 0.30000000000000004.
        long first = (long)Math.Floor(min / step + 1e-9);
        long last = (long)Math.Ceiling(max / step - 1e-9);
        int decimals = Decimals(step);
        var ticks = new List<Tick>((int)(last - first + 1));
        for (long i = first; i <= last; i++)
        {
            double value = Math.Round(i * step, decimals + 1);
            ticks.Add(new Tick(value, SvgFormat.Fixed(value, decimals)));
        }
        return (ticks[0].Value, ticks[^1].Value, step, ticks);
    }

    /// <summary>
    /// Whole decades covering [min, max] of positive values, with at most <paramref name="maxLabels"/> labelled
    /// decades (every second or fifth decade is labelled when the data span more). Returns the decade exponents
    /// at the two ends and the ticks; invalid input (non-positive or non-finite) gives the decade 1–10.
    /// </summary>
    public static (int LowDecade, int HighDecade, IReadOnlyList<Tick> Ticks) Log10(double min, double max, int maxLabels = 8)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLabels, 2);
        if (!(min > 0) || !(max > 0) || !double.IsFinite(min) || !double.IsFinite(max))
        {
            (min, max) = (1, 10);
        }
        if (min > max)
        {
            (min, max) = (max, min);
        }
        int low = (int)Math.Floor(Math.Log10(min) + 1e-9);
        int high = (int)Math.Ceiling(Math.Log10(max) - 1e-9);
        if (high <= low)
        {
            high = low + 1;
        }
        int stride = (int)Math.Ceiling((high - low) / (double)(maxLabels - 1));
        high = low + stride * (int)Math.Ceiling((high - low) / (double)stride);
        var ticks = new List<Tick>();
        for (int k = low; k <= high; k += stride)
        {
            ticks.Add(new Tick(Math.Pow(10, k), PowerOfTen(k)));
        }
        return (low, high, ticks);
    }

    /// <summary>Decimals needed to print multiples of <paramref name="step"/> exactly (0 for steps ≥ 1).</summary>
    public static int Decimals(double step) =>
        step > 0 && double.IsFinite(step) ? Math.Clamp(-(int)Math.Floor(Math.Log10(step) + 1e-9), 0, 6) : 0;

    /// <summary>10^k as a reader expects it: "0.001", "1", "1000" near one, "1e-6" and "1e6" beyond.</summary>
    public static string PowerOfTen(int exponent) => exponent switch
    {
        >= 0 and <= 4 => Math.Pow(10, exponent).ToString("0", CultureInfo.InvariantCulture),
        < 0 and >= -4 => "0." + new string('0', -exponent - 1) + "1",
        _ => "1e" + exponent.ToString(CultureInfo.InvariantCulture),
    };
}
