namespace TabularOd.Benchmarking.Reports.Svg;

/// <summary>
/// What a plot renders when there is nothing to draw: a small framed message instead of an exception or an
/// empty file, so a report over a half-finished benchmark still opens and says what is missing.
/// </summary>
internal static class EmptyPlot
{
    public static string Render(string title, string message)
    {
        double width = Math.Max(320, TextMeasure.Width(message) + 40);
        var svg = new SvgBuilder(width, 60, title);
        svg.Rect(0.5, 0.5, width - 1, 59, "#fafafa", "#ccc", cssClass: "empty-frame");
        svg.Text(width / 2, 30, message, TextAnchor.Middle, 12, fill: "#555", cssClass: "empty-message");
        return svg.Build();
    }
}
