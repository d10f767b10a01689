using System.Globalization;
using System.Net;
using System.Text;
using TabularOd.Benchmarking.Reports.Svg;
using TabularOd.Benchmarking.Runner;
using TabularOd.Benchmarking.Store;
using TabularOd.Evaluation.Statistics;

namespace TabularOd.Benchmarking.Reports;

/// <summary>
/// Writes the report of a results store: <c>report.md</c> (tables, with the plots beside it as SVG files) and one
/// self-contained <c>report.html</c> with the same content and the plots inline — leaderboard with bootstrap
/// intervals, Friedman test and Nemenyi critical-difference diagram, Wilcoxon tests against the best configuration
/// (Holm-adjusted), AUROC box plots, runtime against AUROC, breakdowns by suite and tag, and the failures.
/// </summary>
public static class BenchmarkReport
{
    /// <summary>Most configurations drawn in the box plot and the critical-difference diagram (the best by rank).</summary>
    public const int MaxPlotted = 40;

    /// <summary>Tags need this many datasets to get a breakdown column.</summary>
    public const int MinDatasetsPerTag = 5;

    /// <summary>The files written, and the leaderboard they show.</summary>
    public sealed record Files(string Markdown, string Html, IReadOnlyList<string> Plots, Leaderboard Board);

    /// <summary>Writes the report of <paramref name="store"/> into <paramref name="folder"/> (created if needed).</summary>
    public static Files Write(ResultsStore store, string folder)
    {
        ArgumentNullException.ThrowIfNull(store);
        var cells = store.ReadCells();
        if (cells.Count == 0)
        {
            throw new TabularOd.Data.DataFileException(store.Path, "holds no results yet; run 'tabod bench run' first.");
        }
        Directory.CreateDirectory(folder);
        var content = Build(cells, store.Meta("suite") ?? "", store.Meta("spec") ?? "");
        var plots = new List<string>();
        foreach (var (name, svg) in content.Plots)
        {
            string path = Path.Combine(folder, name);
            File.WriteAllText(path, svg);
            plots.Add(path);
        }
        string markdown = Path.Combine(folder, "report.md");
        File.WriteAllText(markdown, content.Markdown);
        string html = Path.Combine(folder, "report.html");
        File.WriteAllText(html, content.Html);
        return new Files(markdown, html, plots, content.Board);
    }

    private sealed record Content(string Markdown, string Html, IReadOnlyList<(string Name, string Svg)> Plots, Leaderboard Board);

    private static Content Build(IReadOnlyList<CellRecord> cells, string suite, string spec)
    {
        var matrix = ResultMatrix.From(cells);
        var (statistics, _) = ResultStatistics.Compute(matrix.Configurations, matrix.Auroc);
        var board = Leaderboard.From(matrix, statistics);
        var doc = new ReportDocument();
        int failures = cells.Count(c => c.Status != CellStatus.Ok);
        doc.Heading(1, "Benchmark report");
        doc.Paragraph($"Suite {Code(suite)}: {matrix.Datasets.Count} datasets × {matrix.Configurations.Count} configurations, "
            + $"{cells.Count} cells ({failures} not finished), {Seconds(cells.Sum(c => c.FitSeconds + c.ScoreSeconds))} of fit and score time. "
            + $"Metric: test AUROC, averaged over seeds per dataset.");

        doc.Heading(2, "Leaderboard");
        var summaries = statistics?.Methods.ToDictionary(m => m.Method, StringComparer.Ordinal) ?? [];
        doc.Table(["#", "configuration", "datasets", "failed", "mean AUROC", "95% CI", "median", "mean AUPRC", "avg rank", "win rate", "seconds", "peak MiB"],
            board.Rows.Select((r, i) =>
            {
                var s = summaries.GetValueOrDefault(r.Configuration);
                return new[]
                {
                    (i + 1).ToString(CultureInfo.InvariantCulture), r.Configuration, Int(r.Datasets), Int(r.Failures), F(r.MeanAuroc, 4),
                    s is null ? "—" : $"{F(s.MeanInterval.Low, 3)}–{F(s.MeanInterval.High, 3)}", F(r.MedianAuroc, 4), F(r.MeanAuprc, 4),
                    F(r.AverageRank, 2), s is null ? "—" : F(s.WinRate, 3), F(r.Seconds, 1), F(r.PeakMemoryMib, 0),
                };
            }));

        var plots = new List<(string Name, string Svg)>();
        doc.Heading(2, "Are the differences significant?");
        if (statistics is null)
        {
            doc.Paragraph("Not enough to compare: ranks need at least two configurations with a finished AUROC on a common dataset.");
        }
        else
        {
            doc.Paragraph(statistics.Friedman is { } f
                ? $"Friedman test over the {f.Datasets} datasets every configuration finished: χ² = {F(f.Statistic, 2)}, p = {P(f.PValue)}. "
                    + $"Nemenyi critical difference of average ranks at α = 0.05: CD = {F(statistics.CriticalDifference05, 3)} "
                    + "(configurations joined by a bar in the diagram are not significantly different)."
                : $"Two configurations: see the Wilcoxon test below (CD = {F(statistics.CriticalDifference05, 3)}).");
            var ranked = statistics.Methods.OrderBy(m => m.AverageRank).Take(MaxPlotted).Select(m => (m.Method, m.AverageRank)).ToArray();
            plots.Add(("critical-difference.svg", CriticalDifferenceDiagram.Render(ranked, statistics.CriticalDifference05, statistics.CompleteDatasets)));
            doc.Plot("critical-difference.svg", plots[^1].Svg, statistics.Methods.Count > MaxPlotted
                ? $"Critical-difference diagram of the {MaxPlotted} best-ranked configurations."
                : "Critical-difference diagram.");
            doc.Paragraph($"Wilcoxon signed-rank tests of the best-ranked configuration, {Code(statistics.BestMethod)}, against each other one "
                + "on the datasets both finished; p-values Holm-adjusted over these comparisons.");
            doc.Table(["against", "datasets", "best wins", "ties", "other wins", "p", "Holm p"],
                statistics.Comparisons.OrderBy(c => c.AdjustedPValue).Select(c => new[]
                {
                    c.Second, Int(c.Datasets), Int(c.FirstWins), Int(c.Ties), Int(c.SecondWins), P(c.Wilcoxon.PValue), P(c.AdjustedPValue),
                }));
        }

        doc.Heading(2, "AUROC per dataset");
        var boxSeries = board.Rows.Take(MaxPlotted)
            .Select(r => (r.Configuration, (IReadOnlyList<double>)ResultMatrix.Row(matrix.Auroc, matrix.IndexOf(r.Configuration))))
            .ToArray();
        plots.Add(("auroc-boxplot.svg", BoxPlot.Render(boxSeries, "test AUROC")));
        doc.Plot("auroc-boxplot.svg", plots[^1].Svg, "Test AUROC over datasets, by configuration (best mean first).");

        doc.Heading(2, "Runtime against AUROC");
        var points = board.Rows.Where(r => r.Datasets > 0)
            .Select(r => (r.Configuration, r.Seconds / Math.Max(1, matrix.Totals[r.Configuration].Cells), r.MeanAuroc)).ToArray();
        plots.Add(("runtime-auroc.svg", ScatterPlot.Render(points, "mean fit + score seconds per cell", "mean test AUROC", logX: true)));
        doc.Plot("runtime-auroc.svg", plots[^1].Svg, "Mean fit + score time per cell against mean test AUROC.");

        Breakdowns(doc, cells, board);

        var failed = cells.Where(c => c.Status != CellStatus.Ok).ToArray();
        doc.Heading(2, $"Cells that did not finish ({failed.Length})");
        if (failed.Length == 0)
        {
            doc.Paragraph("None.");
        }
        else
        {
            doc.Table(["cell", "status", "error"], failed.Take(200).Select(c => new[] { c.Key, c.Status, c.Error ?? "" }));
            if (failed.Length > 200)
            {
                doc.Paragraph($"… and {failed.Length - 200} more (query the store's cells table).");
            }
        }
        doc.Heading(2, "Run");
        doc.Paragraph($"Detector spec of the latest run into this store: {Code(spec)}. Hosts: {string.Join(", ", cells.Select(c => c.Host).Distinct().Order())}. "
            + $"Cells finished between {cells.Min(c => c.FinishedUtc)} and {cells.Max(c => c.FinishedUtc)} (UTC).");
        return new Content(doc.Markdown(), doc.Html("Benchmark report"), plots, board);
    }

    private static void Breakdowns(ReportDocument doc, IReadOnlyList<CellRecord> cells, Leaderboard board)
    {
        var byDataset = cells.GroupBy(c => c.Dataset).ToDictionary(g => g.Key, g => g.First());
        var groups = new List<(string Label, HashSet<string> Datasets)>();
        foreach (var suite in byDataset.Values.GroupBy(c => c.Suite).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            groups.Add(($"suite {suite.Key}", suite.Select(c => c.Dataset).ToHashSet()));
        }
        var tags = byDataset.Values.SelectMany(c => c.Tags.Where(t => t != c.Suite).Select(t => (Tag: t, c.Dataset)))
            .GroupBy(p => p.Tag).Where(g => g.Count() >= MinDatasetsPerTag).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(10);
        foreach (var tag in tags)
        {
            groups.Add(($"tag {tag.Key}", tag.Select(p => p.Dataset).ToHashSet()));
        }
        if (groups.Count < 2)
        {
            return;
        }
        doc.Heading(2, "By suite and tag");
        doc.Paragraph($"Mean test AUROC of each configuration over the datasets of each suite, and of each tag with at least {MinDatasetsPerTag} datasets (dataset count in brackets).");
        var means = groups.Select(g => ResultMatrix.From(cells, c => g.Datasets.Contains(c.Dataset))).ToArray();
        doc.Table(["configuration", .. groups.Select(g => $"{g.Label} ({g.Datasets.Count})")],
            board.Rows.Take(MaxPlotted).Select(r => new[] { r.Configuration }.Concat(means.Select(m =>
            {
                int i = m.IndexOf(r.Configuration);
                if (i < 0)
                {
                    return "—";
                }
                var values = ResultMatrix.Row(m.Auroc, i).Where(double.IsFinite).ToArray();
                return values.Length == 0 ? "—" : F(values.Average(), 4);
            })).ToArray()));
    }

    private static string F(double value, int digits) =>
        double.IsFinite(value) ? value.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : "—";

    private static string P(double p) => !double.IsFinite(p) ? "—" : p < 1e-4 ? p.ToString("0.0e+0", CultureInfo.InvariantCulture) : p.ToString("0.0000", CultureInfo.InvariantCulture);

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(double seconds) => seconds >= 3600
        ? $"{(seconds / 3600).ToString("0.0", CultureInfo.InvariantCulture)} h"
        : seconds >= 60 ? $"{(seconds / 60).ToString("0.0", CultureInfo.InvariantCulture)} min" : $"{seconds.ToString("0.0", CultureInfo.InvariantCulture)} s";

    private static string Code(string text) => $"`{text}`";

    /// <summary>Builds the same document as Markdown and as HTML, block by block.</summary>
    private sealed class ReportDocument
    {
        private readonly StringBuilder _markdown = new();
        private readonly StringBuilder _html = new();

        public void Heading(int level, string text)
        {
            _markdown.Append('#', level).Append(' ').AppendLine(text).AppendLine();
            _html.Append(CultureInfo.InvariantCulture, $"<h{level}>{Inline(text)}</h{level}>\n");
        }

        public void Paragraph(string text)
        {
            _markdown.AppendLine(text).AppendLine();
            _html.Append(CultureInfo.InvariantCulture, $"<p>{Inline(text)}</p>\n");
        }

        public void Table(IReadOnlyList<string> header, IEnumerable<string[]> rows)
        {
            var materialised = rows.ToArray();
            _markdown.Append("| ").AppendJoin(" | ", header.Select(EscapeCell)).AppendLine(" |");
            _markdown.Append('|').AppendJoin('|', header.Select((_, i) => i == 0 || !IsNumeric(materialised, i) ? "---" : "---:")).AppendLine("|");
            foreach (var row in materialised)
            {
                _markdown.Append("| ").AppendJoin(" | ", row.Select(EscapeCell)).AppendLine(" |");
            }
            _markdown.AppendLine();
            _html.Append("<table>\n<thead><tr>").AppendJoin("", header.Select(h => $"<th>{WebUtility.HtmlEncode(h)}</th>")).Append("</tr></thead>\n<tbody>\n");
            foreach (var row in materialised)
            {
                _html.Append("<tr>").AppendJoin("", row.Select((c, i) => IsNumeric(materialised, i) ? $"<td class=\"n\">{WebUtility.HtmlEncode(c)}</td>" : $"<td>{WebUtility.HtmlEncode(c)}</td>")).Append("</tr>\n");
            }
            _html.Append("</tbody>\n</table>\n");
        }

        public void Plot(string file, string svg, string caption)
        {
            _markdown.Append(CultureInfo.InvariantCulture, $"![{caption}]({file})").AppendLine().AppendLine();
            _html.Append("<figure>\n").Append(StripXmlDeclaration(svg)).Append(CultureInfo.InvariantCulture, $"\n<figcaption>{WebUtility.HtmlEncode(caption)}</figcaption>\n</figure>\n");
        }

        public string Markdown() => _markdown.ToString();

        public string Html(string title) => $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>{{WebUtility.HtmlEncode(title)}}</title>
            <style>
            body { font-family: sans-serif; max-width: 1200px; margin: 2em auto; padding: 0 1em; color: #222; }
            table { border-collapse: collapse; margin: 1em 0; font-size: 0.9em; }
            th, td { border-bottom: 1px solid #ddd; padding: 0.25em 0.6em; text-align: left; }
            td.n { text-align: right; font-variant-numeric: tabular-nums; }
            code { background: #f4f4f4; padding: 0 0.2em; }
            figure { margin: 1.5em 0; overflow-x: auto; }
            figcaption { color: #555; font-size: 0.9em; }
            </style>
            </head>
            <body>
            {{_html}}
            </body>
            </html>
            """;

        private static bool IsNumeric(string[][] rows, int column) =>
            rows.Length > 0 && rows.All(r => column < r.Length && (r[column] == "—" || double.TryParse(r[column].Replace("–", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out _)));

        private static string EscapeCell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");

        // Markdown `code` spans become <code> in HTML; everything else is escaped.
        private static string Inline(string text)
        {
            var parts = text.Split('`');
            var html = new StringBuilder();
            for (int i = 0; i < parts.Length; i++)
            {
                html.Append(i % 2 == 1 ? $"<code>{WebUtility.HtmlEncode(parts[i])}</code>" : WebUtility.HtmlEncode(parts[i]));
            }
            return html.ToString();
        }

        private static string StripXmlDeclaration(string svg) =>
            svg.StartsWith("<?xml", StringComparison.Ordinal) ? svg[(svg.IndexOf("?>", StringComparison.Ordinal) + 2)..].TrimStart() : svg;
    }
}
