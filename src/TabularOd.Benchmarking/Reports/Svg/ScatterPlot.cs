using System.Globalization;

namespace TabularOd.Benchmarking.Reports.Svg;

/// <summary>
/// A scatter plot of named points with a label beside each, e.g. one point per method at (runtime, mean AUROC).
/// The x axis can be log10, since runtimes of detectors span several orders of magnitude.
/// </summary>
public static class ScatterPlot
{
    private const double Margin = 12;
    private const double LabelSize = 11;
    private const double MaxLabelWidth = 170;
    private const double Radius = 4;
    private const double Inset = 10;

    // Eight hues that stay apart for common colour-vision deficiencies; colour only helps, the labels identify.
    private static readonly string[] Palette =
        ["#2b6cb0", "#dd6b20", "#2f855a", "#c53030", "#6b46c1", "#975a16", "#b83280", "#4a5568"];

    /// <summary>
    /// Renders the points as a standalone SVG document.
    /// </summary>
    /// <param name="points">Names and coordinates. Points with a non-finite coordinate, or x ≤ 0 on a log axis, are
    /// left out and counted in a note.</param>
    /// <param name="xLabel">Title of the x axis, e.g. "runtime (s)".</param>
    /// <param name="yLabel">Title of the y axis, e.g. "mean AUROC".</param>
    /// <param name="logX">Whether the x axis is log10.</param>
    public static string Render(IReadOnlyList<(string Name, double X, double Y)> points, string xLabel, string yLabel, bool logX)
    {
        ArgumentNullException.ThrowIfNull(points);
        xLabel ??= string.Empty;
        yLabel ??= string.Empty;
        var shown = points
            .Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y) && (!logX || p.X > 0))
            .Select(p => (Name: p.Name ?? string.Empty, p.X, p.Y))
            .ToList();
        int omitted = points.Count - shown.Count;
        string title = string.Create(CultureInfo.InvariantCulture,
            $"Scatter plot of {yLabel} against {xLabel}{(logX ? " (log scale)" : string.Empty)} for {shown.Count} points");
        if (shown.Count == 0)
        {
            return EmptyPlot.Render(title, omitted == 0 ? "No points to plot." : "No point has plottable coordinates.");
        }

        // More points get more room, so their labels can find free space; capped to stay on a page.
        double plotWidth = Math.Clamp(440 + 8 * shown.Count, 480, 1000);
        double plotHeight = Math.Clamp(300 + 5 * shown.Count, 320, 640);
        var yTicks = LinearScale.Nice(shown.Select(p => p.Y), 0, 1);
        double plotLeft = Margin + Axis.LeftMargin(Axis.MaxLabelWidth(yTicks));
        double plotTop = Margin + 8;
        double plotRight = plotLeft + plotWidth;
        double plotBottom = plotTop + plotHeight;
        double width = plotRight + 24 + Margin;
        double height = plotBottom + Axis.BottomMargin + Margin + (omitted > 0 ? 18 : 0);

        // The axes start a little inside the frame, so points on a nice bound (AUROC 1.0, the fastest runtime
        // on a decade) are not cut in half by the frame and their labels have room.
        AxisScale xScale = logX
            ? Log10Scale.Nice(shown.Select(p => p.X), plotLeft + Inset, plotRight - Inset)
            : LinearScale.Nice(shown.Select(p => p.X), plotLeft + Inset, plotRight - Inset);
        var yScale = LinearScale.Nice(shown.Select(p => p.Y), plotBottom - Inset, plotTop + Inset);

        var svg = new SvgBuilder(width, height, title);
        svg.Rect(plotLeft, plotTop, plotWidth, plotHeight, "none", "#bbb", 1, "frame");
        Axis.Bottom(svg, xScale, plotBottom, plotTop, xLabel);
        Axis.Left(svg, yScale, plotLeft, plotRight, yLabel);

        var placer = new LabelPlacer(plotLeft, plotTop, plotRight + 20, plotBottom);
        var positions = shown.Select(p => (X: xScale.Map(p.X), Y: yScale.Map(p.Y))).ToList();
        foreach (var (x, y) in positions)
        {
            placer.AddObstacle(x, y, Radius + 1);
        }
        for (int i = 0; i < shown.Count; i++)
        {
            var p = shown[i];
            var (x, y) = positions[i];
            string colour = Palette[i % Palette.Length];
            string label = TextMeasure.Truncate(p.Name, MaxLabelWidth, LabelSize);
            string tooltip = string.Create(CultureInfo.InvariantCulture, $"{p.Name}: {xLabel} = {p.X:G4}, {yLabel} = {p.Y:G4}");
            svg.BeginGroup("point", p.Name);
            var at = placer.Place(x, y, TextMeasure.Width(label, LabelSize), LabelSize + 2, Radius + 3);
            if (at.LeaderEnd is var (lx, ly))
            {
                // Drawn before the marker, so the marker covers the line's start.
                svg.Line(x, y, lx, ly, "#999", 0.7, "leader");
            }
            svg.Circle(x, y, Radius, colour, "#fff", 1, "marker", tooltip);
            svg.Text(at.X, at.Y, label, at.Anchor, LabelSize, fill: "#222", cssClass: "point-label",
                tooltip: label == p.Name ? null : p.Name);
            svg.EndGroup();
        }

        if (omitted > 0)
        {
            string reason = logX ? "a non-finite coordinate or x ≤ 0" : "a non-finite coordinate";
            svg.Text(Margin, height - Margin - 4,
                $"{omitted.ToString(CultureInfo.InvariantCulture)} point(s) with {reason} not shown.",
                TextAnchor.Start, 11, fill: "#a00", cssClass: "note");
        }
        return svg.Build();
    }
}
