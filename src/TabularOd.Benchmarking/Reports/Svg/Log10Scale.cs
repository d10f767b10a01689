namespace TabularOd.Benchmarking.Reports.Svg;

/// <summary>
/// A base-10 logarithmic axis spanning whole decades, for quantities such as runtimes that range over several
/// orders of magnitude; zero and negative values have no position on it.
/// </summary>
public sealed class Log10Scale : AxisScale
{
    private readonly double _logMin;
    private readonly double _logMax;
    private readonly IReadOnlyList<double> _minor;

    private Log10Scale(int lowDecade, int highDecade, double rangeStart, double rangeEnd, IReadOnlyList<Tick> ticks)
        : base(Math.Pow(10, lowDecade), Math.Pow(10, highDecade), rangeStart, rangeEnd, ticks)
    {
        _logMin = lowDecade;
        _logMax = highDecade;
        // 2…9 × 10^k only while every decade is labelled and there are few of them: more would be a grey blur.
        var minor = new List<double>();
        if (highDecade - lowDecade <= 4 && ticks.Count == highDecade - lowDecade + 1)
        {
            for (int k = lowDecade; k < highDecade; k++)
            {
                for (int m = 2; m <= 9; m++)
                {
                    minor.Add(m * Math.Pow(10, k));
                }
            }
        }
        _minor = minor;
    }

    /// <summary>
    /// A scale over the positive finite values in <paramref name="values"/> (others are ignored; none gives the
    /// decade 1–10), widened to whole decades, mapped onto [<paramref name="rangeStart"/>, <paramref name="rangeEnd"/>].
    /// </summary>
    public static Log10Scale Nice(IEnumerable<double> values, double rangeStart, double rangeEnd, int maxLabels = 8)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double v in values)
        {
            if (v > 0 && double.IsFinite(v))
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        }
        var (low, high, ticks) = NiceTicks.Log10(min, max, maxLabels);
        return new Log10Scale(low, high, rangeStart, rangeEnd, ticks);
    }

    /// <inheritdoc/>
    public override IReadOnlyList<double> MinorTicks => _minor;

    /// <inheritdoc/>
    public override bool CanMap(double value) => value > 0 && double.IsFinite(value);

    /// <inheritdoc/>
    public override double Map(double value) =>
        RangeStart + (Math.Log10(value) - _logMin) / (_logMax - _logMin) * (RangeEnd - RangeStart);
}
