namespace TabularOd.Benchmarking.Reports.Svg;

/// <summary>A linear axis whose ends are nice tick values enclosing the data.</summary>
public sealed class LinearScale : AxisScale
{
    private LinearScale(double domainMin, double domainMax, double rangeStart, double rangeEnd, IReadOnlyList<Tick> ticks)
        : base(domainMin, domainMax, rangeStart, rangeEnd, ticks)
    {
    }

    /// <summary>
    /// A scale over the finite values in <paramref name="values"/> (NaN and infinities are ignored; no finite
    /// value gives [0, 1]), widened to nice ticks, mapped onto [<paramref name="rangeStart"/>, <paramref name="rangeEnd"/>].
    /// </summary>
    public static LinearScale Nice(IEnumerable<double> values, double rangeStart, double rangeEnd, int targetTicks = 5)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double v in values)
        {
            if (double.IsFinite(v))
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        }
        var (lo, hi, _, ticks) = NiceTicks.Linear(min, max, targetTicks);
        return new LinearScale(lo, hi, rangeStart, rangeEnd, ticks);
    }

    /// <summary>A scale over exactly [<paramref name="domainMin"/>, <paramref name="domainMax"/>] with the given ticks (e.g. ranks 1…k).</summary>
    public static LinearScale Exact(double domainMin, double domainMax, double rangeStart, double rangeEnd, IReadOnlyList<Tick> ticks)
    {
        if (!double.IsFinite(domainMin) || !double.IsFinite(domainMax) || !(domainMax > domainMin))
        {
            throw new ArgumentException($"The domain [{domainMin}, {domainMax}] must be finite and non-empty.");
        }
        return new LinearScale(domainMin, domainMax, rangeStart, rangeEnd, ticks);
    }

    /// <inheritdoc/>
    public override bool CanMap(double value) => double.IsFinite(value);

    /// <inheritdoc/>
    public override double Map(double value)
    {
        // Halves first, so that value − DomainMin cannot overflow for extreme data outside a saturated domain.
        double t = (value / 2 - DomainMin / 2) / (DomainMax / 2 - DomainMin / 2);
        return RangeStart + t * (RangeEnd - RangeStart);
    }
}
