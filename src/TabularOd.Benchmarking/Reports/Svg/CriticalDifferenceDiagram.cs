using System.Globalization;

namespace TabularOd.Benchmarking.Reports.Svg;

/// <summary>
/// Demšar's critical-difference diagram: average ranks on an axis from 1 (best, left) to k, each method hanging
/// from its rank to a label on the left (better half) or the right (worse half), a bar of length CD at the top,
/// and thick bars joining each maximal group of methods not significantly different
/// (<see cref="CriticalDifferenceGroups"/>).
/// </summary>
public static class CriticalDifferenceDiagram
{
    private const double Margin = 12;
    private const double FontSize = 12;
    private const double RowHeight = 20;
    private const double Stub = 24;
    private const double MaxNameWidth = 240;
    private const double CliqueGap = 8;
    private const double CliqueRowHeight = 8;
    private const string Ink = "#222";
    private const string CliqueColour = "#c0392b";

    /// <summary>
    /// Renders the diagram as a standalone SVG document.
    /// </summary>
    /// <param name="methods">Method names and average ranks (1 = best) in any order. Ties keep their input order;
    /// methods with a non-finite rank are left out and counted in a note.</param>
    /// <param name="criticalDifference">The Nemenyi (or other post-hoc) critical difference. NaN or ≤ 0 draws no CD bar
    /// and no groups.</param>
    /// <param name="datasets">Number of datasets the ranks were averaged over, shown in the caption.</param>
    public static string Render(IReadOnlyList<(string Name, double AverageRank)> methods, double criticalDifference, int datasets)
    {
        ArgumentNullException.ThrowIfNull(methods);
        var ranked = methods
            .Select((m, index) => (Name: m.Name ?? string.Empty, Rank: m.AverageRank, index))
            .Where(m => double.IsFinite(m.Rank))
            .OrderBy(m => m.Rank).ThenBy(m => m.index)
            .Select(m => (m.Name, m.Rank))
            .ToList();
        int omitted = methods.Count - ranked.Count;
        bool hasCd = criticalDifference > 0 && double.IsFinite(criticalDifference);
        string cdText = hasCd ? SvgFormat.Fixed(criticalDifference, 2) : "n/a";
        string title = string.Create(CultureInfo.InvariantCulture,
            $"Critical difference diagram: average ranks of {ranked.Count} methods over {datasets} datasets, CD = {cdText}");
        if (ranked.Count == 0)
        {
            return EmptyPlot.Render(title, "No methods with a finite average rank.");
        }

        int k = ranked.Count;
        double lowRank = Math.Min(1, Math.Floor(ranked[0].Rank));
        double highRank = Math.Max(Math.Max(k, lowRank + 1), Math.Ceiling(ranked[^1].Rank));
        if (hasCd)
        {
            // An axis shorter than the CD bar would misstate its length; a few extra rank units are more honest.
            highRank = Math.Max(highRank, Math.Ceiling(lowRank + criticalDifference));
        }

        var labels = ranked.Select(m => TextMeasure.Truncate(m.Name, MaxNameWidth, FontSize)).ToList();
        double sideWidth = Math.Max(40, labels.Max(l => TextMeasure.Width(l, FontSize))) + 8;
        // Wide enough that integer tick labels never touch, capped so 60 methods still fit a page width.
        double axisWidth = Math.Clamp(40 * (highRank - lowRank), 360, 1200);
        double leftLineEnd = Margin + sideWidth;
        double axisLeft = leftLineEnd + Stub;
        double axisRight = axisLeft + axisWidth;
        double rightLineEnd = axisRight + Stub;
        double width = rightLineEnd + sideWidth + Margin;

        double cdY = Margin + 22;
        double axisY = cdY + 34;
        var scale = LinearScale.Exact(lowRank, highRank, axisLeft, axisRight, RankTicks(lowRank, highRank, axisWidth));

        var groups = hasCd
            ? CriticalDifferenceGroups.Find(ranked.Select(m => m.Rank).ToList(), criticalDifference)
            : [];
        var cliqueRows = PackRows(groups, g => scale.Map(ranked[g.First].Rank) - 4, g => scale.Map(ranked[g.Last].Rank) + 4);
        int rowCount = cliqueRows.Count == 0 ? 0 : cliqueRows.Max() + 1;
        double cliqueTop = axisY + 14;
        double rowsTop = cliqueTop + rowCount * CliqueRowHeight + 14;
        int leftCount = (k + 1) / 2;
        int rows = Math.Max(leftCount, k - leftCount);
        double height = rowsTop + (rows - 1) * RowHeight + 12 + Margin + (omitted > 0 ? 18 : 0);

        var svg = new SvgBuilder(width, height, title);
        DrawRankAxis(svg, scale, axisY);
        if (hasCd)
        {
            DrawCdBar(svg, scale, lowRank, criticalDifference, cdY, cdText);
        }
        svg.Text(width - Margin, Margin + 4, datasets == 1 ? "N = 1 dataset" : $"N = {datasets.ToString(CultureInfo.InvariantCulture)} datasets",
            TextAnchor.End, 11, fill: "#555", cssClass: "caption");

        for (int i = 0; i < k; i++)
        {
            bool left = i < leftCount;
            // Left side: best method on the top row. Right side: worst on the top row. Either way, lines never cross.
            double rowY = rowsTop + (left ? i : k - 1 - i) * RowHeight;
            double x = scale.Map(ranked[i].Rank);
            double end = left ? leftLineEnd : rightLineEnd;
            string rank = SvgFormat.Fixed(ranked[i].Rank, 2);
            svg.BeginGroup("method", $"{ranked[i].Name}: average rank {rank}");
            svg.Line(x, axisY, x, rowY, Ink, 1);
            svg.Line(x, rowY, end, rowY, Ink, 1);
            svg.Text(left ? end + 2 : end - 2, rowY - 6, rank, left ? TextAnchor.Start : TextAnchor.End, 9, fill: "#666",
                cssClass: "rank-value");
            svg.Text(left ? end - 4 : end + 4, rowY, labels[i], left ? TextAnchor.End : TextAnchor.Start, FontSize,
                cssClass: "method-name", tooltip: labels[i] == ranked[i].Name ? null : ranked[i].Name);
            svg.EndGroup();
        }

        // Drawn after the method lines so the bars sit on top of the lines they join.
        for (int g = 0; g < groups.Count; g++)
        {
            var (first, last) = groups[g];
            double y = cliqueTop + cliqueRows[g] * CliqueRowHeight;
            string members = string.Join(", ", ranked.Skip(first).Take(last - first + 1).Select(m => m.Name));
            svg.BeginGroup("clique", members);
            svg.Line(scale.Map(ranked[first].Rank) - 4, y, scale.Map(ranked[last].Rank) + 4, y, CliqueColour, 4);
            svg.EndGroup();
        }

        if (omitted > 0)
        {
            svg.Text(Margin, height - Margin - 4,
                $"{omitted.ToString(CultureInfo.InvariantCulture)} method(s) without a finite average rank not shown.",
                TextAnchor.Start, 11, fill: "#a00", cssClass: "note");
        }
        return svg.Build();
    }

    private static List<Tick> RankTicks(double lowRank, double highRank, double axisWidth)
    {
        double perRank = axisWidth / (highRank - lowRank);
        // Label every rank while labels have about 24 px each; otherwise every 2nd, 5th or 10th.
        int stride = new[] { 1, 2, 5, 10, 20, 50 }.First(s => s * perRank >= 24 || s == 50);
        var ticks = new List<Tick>();
        for (double r = lowRank; r <= highRank + 1e-9; r++)
        {
            bool labelled = ((long)(r - lowRank)) % stride == 0 || r == highRank;
            ticks.Add(new Tick(r, labelled ? SvgFormat.Number(r, 0) : string.Empty));
        }
        return ticks;
    }

    private static void DrawRankAxis(SvgBuilder svg, LinearScale scale, double axisY)
    {
        svg.BeginGroup("axis rank-axis");
        svg.Line(scale.RangeStart, axisY, scale.RangeEnd, axisY, Ink, 1.2);
        foreach (var tick in scale.Ticks)
        {
            double x = scale.Map(tick.Value);
            bool labelled = tick.Label.Length > 0;
            svg.Line(x, axisY, x, axisY - (labelled ? 7 : 5), Ink, 1);
            if (labelled)
            {
                svg.Text(x, axisY - 15, tick.Label, TextAnchor.Middle, 11, cssClass: "tick-label");
            }
            // Half-rank ticks, as in Demšar's figures, help read averages such as 2.5.
            if (tick.Value + 0.5 < scale.DomainMax)
            {
                double half = scale.Map(tick.Value + 0.5);
                svg.Line(half, axisY, half, axisY - 3, Ink, 0.8);
            }
        }
        svg.EndGroup();
    }

    private static void DrawCdBar(SvgBuilder svg, LinearScale scale, double lowRank, double cd, double y, string cdText)
    {
        double x1 = scale.Map(lowRank);
        double x2 = scale.Map(lowRank + cd);
        svg.BeginGroup("cd-bar", $"critical difference {cdText}");
        svg.Line(x1, y, x2, y, Ink, 1.5);
        svg.Line(x1, y - 4, x1, y + 4, Ink, 1.5);
        svg.Line(x2, y - 4, x2, y + 4, Ink, 1.5);
        svg.Text((x1 + x2) / 2, y - 11, $"CD = {cdText}", TextAnchor.Middle, 11, cssClass: "cd-label");
        svg.EndGroup();
    }

    /// <summary>
    /// Gives each group the lowest bar row where it keeps a gap to the groups already there, so disjoint groups
    /// share a row and overlapping ones stack; groups arrive sorted by start, so the packing is deterministic.
    /// </summary>
    private static List<int> PackRows<T>(IReadOnlyList<T> items, Func<T, double> start, Func<T, double> end)
    {
        var rowEnds = new List<double>();
        var rows = new List<int>(items.Count);
        foreach (var item in items)
        {
            int row = rowEnds.FindIndex(e => e + CliqueGap <= start(item));
            if (row < 0)
            {
                row = rowEnds.Count;
                rowEnds.Add(end(item));
            }
            else
            {
                rowEnds[row] = end(item);
            }
            rows.Add(row);
        }
        return rows;
    }
}
