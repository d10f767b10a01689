namespace TabularOd.Benchmarking.Reports.Svg;

/// <summary>
/// Maps data values on one axis to pixel positions and carries the ticks that label it. Pixel ranges may run
/// backwards (a vertical axis grows upwards while SVG y grows downwards).
/// </summary>
public abstract class AxisScale
{
    /// <summary>Creates a scale from the data interval [<paramref name="domainMin"/>, <paramref name="domainMax"/>] to pixels.</summary>
    protected AxisScale(double domainMin, double domainMax, double rangeStart, double rangeEnd, IReadOnlyList<Tick> ticks)
    {
        DomainMin = domainMin;
        DomainMax = domainMax;
        RangeStart = rangeStart;
        RangeEnd = rangeEnd;
        Ticks = ticks;
    }

    /// <summary>Smallest data value on the axis.</summary>
    public double DomainMin { get; }

    /// <summary>Largest data value on the axis.</summary>
    public double DomainMax { get; }

    /// <summary>Pixel position of <see cref="DomainMin"/>.</summary>
    public double RangeStart { get; }

    /// <summary>Pixel position of <see cref="DomainMax"/>.</summary>
    public double RangeEnd { get; }

    /// <summary>Labelled ticks, in increasing data order.</summary>
    public IReadOnlyList<Tick> Ticks { get; }

    /// <summary>Unlabelled ticks between the labelled ones (e.g. 2…9 × 10^k on a log axis); empty by default.</summary>
    public virtual IReadOnlyList<double> MinorTicks => [];

    /// <summary>Whether <paramref name="value"/> has a position on this scale (finite; positive on a log scale).</summary>
    public abstract bool CanMap(double value);

    /// <summary>The pixel position of <paramref name="value"/>; callers check <see cref="CanMap"/> first.</summary>
    public abstract double Map(double value);
}
