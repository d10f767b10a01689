using System.Text;
using TabularOd.Benchmarking.Reports.Svg;
using TabularOd.Benchmarking.Tests.Support;
using TabularOd.Tests.Support;
using Xunit.Abstractions;

namespace TabularOd.Benchmarking.Tests.Reports;

/// <summary>Checks in a real browser that the plots lay out with non-zero size, not only that they parse.</summary>
public class SvgRenderingTests(ITestOutputHelper output)
{
    [ChromiumFact]
    public void AllThreePlotTypesRenderWithNonZeroSizeInChromium()
    {
        var plots = new (string Id, string Svg)[]
        {
            ("cd", CriticalDifferenceDiagram.Render([("iforest", 1.8), ("knn", 2.1), ("lof", 3.4), ("ocsvm <rbf> & co", 4.2), ("pca", 3.5)], 1.2, 22)),
            ("box", BoxPlot.Render([("iforest", [0.81, 0.92, 0.75, 0.2]), ("knn", [0.6, 0.65, double.NaN]), ("lof", [0.5, 0.5])], "AUROC")),
            ("box-vertical", BoxPlot.Render([("iforest", [0.81, 0.92, 0.75]), ("knn", [0.6, 0.65])], "AUROC", BoxPlotOrientation.Vertical)),
            ("scatter", ScatterPlot.Render([("iforest", 0.18, 0.81), ("knn", 0.15, 0.79), ("autoencoder", 95.0, 0.77)], "runtime (s)", "mean AUROC", logX: true)),
        };
        string folder = TestPaths.NewTempFolder();
        string page = Path.Combine(folder, "plots.html");
        File.WriteAllText(page, Page(plots), new UTF8Encoding(false));

        var (dom, elapsed) = HeadlessChromium.DumpDom(page);
        var measured = HeadlessChromium.ReadSvgMeasurements(dom);

        output.WriteLine($"Chromium load + render + DOM dump took {elapsed.TotalMilliseconds:F0} ms ({HeadlessChromium.BinaryPath}).");
        Assert.Equal(plots.Length, measured.Count);
        foreach (var m in measured)
        {
            output.WriteLine(m.ToString());
            Assert.True(m.BBoxWidth > 0 && m.BBoxHeight > 0, $"{m.Id}: nothing drawn ({m.BBoxWidth}×{m.BBoxHeight})");
            Assert.True(m.ClientWidth > 0 && m.ClientHeight > 0, $"{m.Id}: no size on the page ({m.ClientWidth}×{m.ClientHeight})");
            Assert.True(m.Shapes > 0, $"{m.Id}: no shapes");
            Assert.True(m.BlankTexts == 0, $"{m.Id}: {m.BlankTexts} texts took no space");
        }
        // Each plot's own numbers carried over: the page shows it at its declared size.
        var cd = SvgXml.Parse(plots[0].Svg);
        Assert.Equal(SvgXml.Number(cd, "width"), measured[0].ClientWidth, 0);
        Assert.Equal(SvgXml.Number(cd, "height"), measured[0].ClientHeight, 0);
        Assert.Equal(cd.Descendants().Count(e => e.Name.LocalName is "rect" or "line" or "circle" or "polygon" or "text"), measured[0].Shapes);
    }

    // Each SVG goes in as the renderer wrote it (inline, as the report will embed it), with an id so a failure
    // names the plot.
    private static string Page(IEnumerable<(string Id, string Svg)> plots)
    {
        var html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>plots</title></head><body>\n");
        foreach (var (id, svg) in plots)
        {
            html.Append("<div>").Append(svg.Replace("<svg ", $"<svg id=\"{id}\" ", StringComparison.Ordinal)).Append("</div>\n");
        }
        html.Append("<script>\n").Append(HeadlessChromium.MeasurementScript).Append("\n</script>\n</body></html>\n");
        return html.ToString();
    }
}
