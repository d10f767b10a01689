namespace TabularOd.Benchmarking.Reports.Svg;

/// <summary>Draws an axis line with its ticks, tick labels, light grid lines and a title.</summary>
public static class Axis
{
    private const string AxisColour = "#333";
    private const string GridColour = "#e3e3e3";
    private const double TickLength = 5;
    private const double LabelSize = 11;

    /// <summary>
    /// A horizontal axis at height <paramref name="y"/> with labels below it. Grid lines rise to
    /// <paramref name="gridTop"/> (pass <paramref name="y"/> for none).
    /// </summary>
    public static void Bottom(SvgBuilder svg, AxisScale scale, double y, double gridTop, string title)
    {
        svg.BeginGroup("axis x-axis");
        foreach (double minor in scale.MinorTicks)
        {
            double x = scale.Map(minor);
            svg.Line(x, y, x, y + TickLength * 0.6, AxisColour, 0.8);
        }
        foreach (var tick in scale.Ticks)
        {
            double x = scale.Map(tick.Value);
            if (gridTop < y)
            {
                svg.Line(x, gridTop, x, y, GridColour, 1, "grid");
            }
            svg.Line(x, y, x, y + TickLength, AxisColour);
            svg.Text(x, y + TickLength + 9, tick.Label, TextAnchor.Middle, LabelSize, cssClass: "tick-label");
        }
        svg.Line(Math.Min(scale.RangeStart, scale.RangeEnd), y, Math.Max(scale.RangeStart, scale.RangeEnd), y, AxisColour);
        if (title.Length > 0)
        {
            svg.Text((scale.RangeStart + scale.RangeEnd) / 2, y + TickLength + 30, title, TextAnchor.Middle, 12,
                cssClass: "axis-title");
        }
        svg.EndGroup();
    }

    /// <summary>
    /// A vertical axis at <paramref name="x"/> with labels to its left. Grid lines run right to
    /// <paramref name="gridRight"/> (pass <paramref name="x"/> for none). Returns the width taken by the tick labels,
    /// so callers can size the left margin.
    /// </summary>
    public static double Left(SvgBuilder svg, AxisScale scale, double x, double gridRight, string title)
    {
        svg.BeginGroup("axis y-axis");
        double labelWidth = MaxLabelWidth(scale);
        foreach (double minor in scale.MinorTicks)
        {
            double y = scale.Map(minor);
            svg.Line(x - TickLength * 0.6, y, x, y, AxisColour, 0.8);
        }
        foreach (var tick in scale.Ticks)
        {
            double y = scale.Map(tick.Value);
            if (gridRight > x)
            {
                svg.Line(x, y, gridRight, y, GridColour, 1, "grid");
            }
            svg.Line(x - TickLength, y, x, y, AxisColour);
            svg.Text(x - TickLength - 3, y, tick.Label, TextAnchor.End, LabelSize, cssClass: "tick-label");
        }
        svg.Line(x, Math.Min(scale.RangeStart, scale.RangeEnd), x, Math.Max(scale.RangeStart, scale.RangeEnd), AxisColour);
        if (title.Length > 0)
        {
            svg.Text(x - TickLength - labelWidth - 14, (scale.RangeStart + scale.RangeEnd) / 2, title, TextAnchor.Middle, 12,
                rotate: -90, cssClass: "axis-title");
        }
        svg.EndGroup();
        return labelWidth;
    }

    /// <summary>Widest tick label of <paramref name="scale"/> in pixels, for margin sizing.</summary>
    public static double MaxLabelWidth(AxisScale scale) =>
        scale.Ticks.Count == 0 ? 0 : scale.Ticks.Max(t => TextMeasure.Width(t.Label, LabelSize));

    /// <summary>Space a vertical axis needs left of its line: tick, widest label and rotated title.</summary>
    public static double LeftMargin(double maxLabelWidth) => TickLength + 3 + maxLabelWidth + 14 + 12;

    /// <summary>Space a horizontal axis needs below its line: tick, labels and title.</summary>
    public const double BottomMargin = TickLength + 30 + 12;
}
