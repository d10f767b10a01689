using System.Globalization;

namespace TabularOd.Benchmarking.Reports.Svg;

/// <summary>
/// Box plots of several series on one shared value axis (e.g. AUROC per method over datasets): box from Q1 to
/// Q3, median line, whiskers to the last data within 1.5 IQR, outliers as open circles and the mean as a diamond
/// (<see cref="BoxStatistics"/>).
/// </summary>
public static class BoxPlot
{
    private const double Margin = 12;
    private const double FontSize = 12;
    private const double MaxNameWidth = 220;
    private const double Lane = 26;
    private const double BoxThickness = 14;
    private const double ValueLength = 520;
    private const string BoxFill = "#cfe0f1";
    private const string Ink = "#1f3b57";
    private const string MeanColour = "#c0392b";

    /// <summary>
    /// Renders the series as a standalone SVG document, in the order given.
    /// </summary>
    /// <param name="series">Names and values; NaN and infinite values are ignored, and a series with no finite
    /// value keeps its place with a "no data" note.</param>
    /// <param name="valueLabel">Title of the value axis, e.g. "AUROC".</param>
    /// <param name="orientation">Rows (default, best for many or long names) or columns.</param>
    public static string Render(IReadOnlyList<(string Name, IReadOnlyList<double> Values)> series, string valueLabel,
        BoxPlotOrientation orientation = BoxPlotOrientation.Horizontal)
    {
        ArgumentNullException.ThrowIfNull(series);
        valueLabel ??= string.Empty;
        string title = string.Create(CultureInfo.InvariantCulture, $"Box plots of {valueLabel} for {series.Count} series");
        if (series.Count == 0)
        {
            return EmptyPlot.Render(title, "No series to plot.");
        }

        var names = series.Select(s => s.Name ?? string.Empty).ToList();
        var stats = series.Select(s => BoxStatistics.Compute(s.Values ?? [])).ToList();
        var labels = names.Select(n => TextMeasure.Truncate(n, MaxNameWidth, FontSize)).ToList();
        double nameWidth = Math.Max(30, labels.Max(l => TextMeasure.Width(l, FontSize)));
        var allValues = series.SelectMany(s => s.Values ?? []);
        bool horizontal = orientation == BoxPlotOrientation.Horizontal;

        // Ticks depend only on the data, so they can be measured before the pixel range is known.
        double tickLabelWidth = Axis.MaxLabelWidth(LinearScale.Nice(allValues, 0, 1));
        double across0, valueStart, valueEnd, width, height;
        if (horizontal)
        {
            across0 = Margin;
            double plotLeft = Margin + nameWidth + 10;
            valueStart = plotLeft;
            valueEnd = plotLeft + ValueLength;
            width = valueEnd + Math.Max(20, tickLabelWidth / 2 + Margin);
            height = across0 + series.Count * Lane + Axis.BottomMargin + Margin;
        }
        else
        {
            across0 = Margin + Axis.LeftMargin(tickLabelWidth);
            double plotTop = Margin + 8;
            valueStart = plotTop + 320;
            valueEnd = plotTop;
            width = across0 + series.Count * Lane + Margin + 20;
            // Names slant at 45°, so each needs its width × sin 45° below the plot.
            height = valueStart + 14 + nameWidth * 0.71 + FontSize + Margin;
        }
        var scale = LinearScale.Nice(allValues, valueStart, valueEnd);
        var svg = new SvgBuilder(width, height, title);
        double acrossEnd = across0 + series.Count * Lane;

        // Point in (value pixel, across pixel) → SVG (x, y) for the chosen orientation.
        (double X, double Y) At(double value, double across) => horizontal ? (value, across) : (across, value);

        svg.BeginGroup("stripes");
        for (int i = 1; i < series.Count; i += 2)
        {
            var (x1, y1) = At(valueStart, across0 + i * Lane);
            var (x2, y2) = At(valueEnd, across0 + (i + 1) * Lane);
            svg.Rect(x1, y1, x2 - x1, y2 - y1, "#f6f6f6", cssClass: "stripe");
        }
        svg.EndGroup();
        if (horizontal)
        {
            Axis.Bottom(svg, scale, acrossEnd, across0, valueLabel);
        }
        else
        {
            Axis.Left(svg, scale, across0, acrossEnd, valueLabel);
        }

        for (int i = 0; i < series.Count; i++)
        {
            double centre = across0 + (i + 0.5) * Lane;
            var s = stats[i];
            svg.BeginGroup("series", names[i]);
            if (horizontal)
            {
                svg.Text(valueStart - 8, centre, labels[i], TextAnchor.End, FontSize, cssClass: "series-name", tooltip: Tooltip(names[i], labels[i]));
            }
            else
            {
                svg.Text(centre, valueStart + 10, labels[i], TextAnchor.End, FontSize, rotate: -45, cssClass: "series-name",
                    tooltip: Tooltip(names[i], labels[i]));
            }
            if (s.Count == 0)
            {
                var (nx, ny) = At(valueStart + 6 * Math.Sign(valueEnd - valueStart), centre);
                svg.Text(nx, ny, "no data", TextAnchor.Start, 11, rotate: horizontal ? 0 : -90,
                    fill: "#888", cssClass: "no-data");
            }
            else
            {
                DrawBox(svg, scale, s, centre, At, names[i]);
            }
            svg.EndGroup();
        }
        return svg.Build();
    }

    private static string? Tooltip(string name, string label) => name == label ? null : name;

    private static void DrawBox(SvgBuilder svg, LinearScale scale, BoxStatistics s, double centre,
        Func<double, double, (double X, double Y)> at, string name)
    {
        double half = BoxThickness / 2;
        void Segment(double v1, double a1, double v2, double a2, string colour, double strokeWidth, string cssClass)
        {
            var (x1, y1) = at(v1, a1);
            var (x2, y2) = at(v2, a2);
            svg.Line(x1, y1, x2, y2, colour, strokeWidth, cssClass);
        }

        double q1 = scale.Map(s.LowerQuartile), q3 = scale.Map(s.UpperQuartile);
        double lw = scale.Map(s.LowerWhisker), uw = scale.Map(s.UpperWhisker);
        Segment(lw, centre, q1, centre, Ink, 1, "whisker");
        Segment(q3, centre, uw, centre, Ink, 1, "whisker");
        Segment(lw, centre - half / 2, lw, centre + half / 2, Ink, 1, "whisker-cap");
        Segment(uw, centre - half / 2, uw, centre + half / 2, Ink, 1, "whisker-cap");

        // An all-equal series has Q1 = Q3; a box of at least 2 px keeps it visible instead of vanishing.
        double lowEdge = Math.Min(q1, q3), highEdge = Math.Max(q1, q3);
        if (highEdge - lowEdge < 2)
        {
            double mid = (lowEdge + highEdge) / 2;
            (lowEdge, highEdge) = (mid - 1, mid + 1);
        }
        var (bx1, by1) = at(lowEdge, centre - half);
        var (bx2, by2) = at(highEdge, centre + half);
        string summary = string.Create(CultureInfo.InvariantCulture,
            $"{name}: median {Label(s.Median)}, quartiles {Label(s.LowerQuartile)}–{Label(s.UpperQuartile)}, mean {Label(s.Mean)}, n = {s.Count}")
            + (s.Ignored > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({s.Ignored} non-finite ignored)") : string.Empty);
        svg.Rect(bx1, by1, bx2 - bx1, by2 - by1, BoxFill, Ink, 1, "box", summary);
        double median = scale.Map(s.Median);
        Segment(median, centre - half, median, centre + half, Ink, 2, "median");

        foreach (double outlier in s.Outliers)
        {
            var (ox, oy) = at(scale.Map(outlier), centre);
            svg.Circle(ox, oy, 2.5, "none", Ink, 1, "outlier");
        }
        var (mx, my) = at(scale.Map(s.Mean), centre);
        svg.Polygon([(mx, my - 4), (mx + 4, my), (mx, my + 4), (mx - 4, my)], MeanColour, cssClass: "mean");
    }

    private static string Label(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
