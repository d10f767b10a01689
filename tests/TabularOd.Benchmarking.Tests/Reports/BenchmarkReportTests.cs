using System.Xml.Linq;
using TabularOd.Benchmarking.Catalog;
using TabularOd.Benchmarking.Reports;
using TabularOd.Benchmarking.Runner;
using TabularOd.Benchmarking.Store;
using TabularOd.Benchmarking.Tests.Support;
using TabularOd.Tests.Support;
using Xunit.Abstractions;

namespace TabularOd.Benchmarking.Tests.Reports;

public class BenchmarkReportTests(ITestOutputHelper output)
{
    private static readonly Lazy<string> Store = new(() =>
    {
        var suite = BenchmarkSuite.Load(TinySuite.Create(8, seed: 3));
        string path = Path.Combine(TestPaths.NewTempFolder(), "r.db");
        using var store = ResultsStore.Open(path);
        BenchmarkRunner.Run(suite, DetectorSpec.Resolve("knn,lof,hbos,iforest,ecod"), ShardSpec.Whole, store, new RunnerOptions { Jobs = 2, Launcher = null, Host = "test" });
        // One cell that failed, to be listed.
        var cell = CellPlan.Enumerate(suite, DetectorSpec.Resolve("pca"))[0];
        store.Write(cell, CellOutcome.Failure(cell.Key, CellStatus.Timeout, "stopped at the time limit of 5 s."), "test");
        return path;
    });

    [Fact]
    public void Markdown_holds_the_leaderboard_statistics_plots_and_failures()
    {
        using var store = ResultsStore.Open(Store.Value, create: false);
        var files = BenchmarkReport.Write(store, TestPaths.NewTempFolder());
        string markdown = File.ReadAllText(files.Markdown);
        var board = Leaderboard.Build(store.ReadCells());
        Assert.Equal(6, board.Rows.Count);
        // Every configuration appears on the leaderboard in the order of mean AUROC.
        int last = -1;
        foreach (var row in board.Rows)
        {
            int at = markdown.IndexOf($"| {row.Configuration} |", StringComparison.Ordinal);
            Assert.True(at > last, row.Configuration);
            last = at;
        }
        Assert.Contains("Friedman test over the 8 datasets", markdown);
        Assert.Contains("Nemenyi critical difference", markdown);
        Assert.Contains("Cells that did not finish (1)", markdown);
        Assert.Contains("stopped at the time limit of 5 s.", markdown);
        Assert.Equal(3, files.Plots.Count);
        foreach (string plot in files.Plots)
        {
            Assert.Contains($"]({Path.GetFileName(plot)})", markdown);
            var svg = XDocument.Parse(File.ReadAllText(plot));
            Assert.Equal("svg", svg.Root!.Name.LocalName);
        }
    }

    [Fact]
    public void Ranks_on_the_leaderboard_average_to_the_middle_rank()
    {
        using var store = ResultsStore.Open(Store.Value, create: false);
        var board = Leaderboard.Build(store.ReadCells());
        var ranked = board.Rows.Where(r => !double.IsNaN(r.AverageRank)).ToArray();
        // pca has no finished cell and takes no rank; the others' ranks over complete datasets sum to k(k+1)/2.
        Assert.Equal(5, ranked.Length);
        Assert.Equal(15.0, ranked.Sum(r => r.AverageRank), 9);
        Assert.Equal(8, board.CompleteDatasets);
    }

    [Fact]
    public void Empty_store_is_refused_with_one_line()
    {
        string path = Path.Combine(TestPaths.NewTempFolder(), "empty.db");
        using var store = ResultsStore.Open(path);
        var e = Assert.Throws<TabularOd.Data.DataFileException>(() => BenchmarkReport.Write(store, TestPaths.NewTempFolder()));
        Assert.Contains("holds no results yet", e.Message);
    }

    [ChromiumFact]
    public void Html_report_renders_every_plot_with_non_zero_size_in_chromium()
    {
        using var store = ResultsStore.Open(Store.Value, create: false);
        string folder = TestPaths.NewTempFolder();
        var files = BenchmarkReport.Write(store, folder);
        // The report is self-contained: nothing it needs lives in another file.
        string html = File.ReadAllText(files.Html);
        Assert.DoesNotContain(".svg\"", html);
        Assert.DoesNotContain("<script src", html);
        string measured = Path.Combine(folder, "measured.html");
        File.WriteAllText(measured, html.Replace("</body>", $"<script>\n{HeadlessChromium.MeasurementScript}\n</script>\n</body>", StringComparison.Ordinal));

        var (dom, elapsed) = HeadlessChromium.DumpDom(measured);
        output.WriteLine($"Chromium rendered the report in {elapsed.TotalMilliseconds:F0} ms.");
        var svgs = HeadlessChromium.ReadSvgMeasurements(dom);
        Assert.Equal(3, svgs.Count);
        foreach (var m in svgs)
        {
            output.WriteLine(m.ToString());
            Assert.True(m.BBoxWidth > 0 && m.BBoxHeight > 0, $"{m.Id}: nothing drawn");
            Assert.True(m.ClientWidth > 0 && m.ClientHeight > 0, $"{m.Id}: no size on the page");
            Assert.True(m.Shapes > 5, $"{m.Id}: only {m.Shapes} shapes");
        }
    }
}
