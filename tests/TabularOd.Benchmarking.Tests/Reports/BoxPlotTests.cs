using TabularOd.Benchmarking.Reports.Svg;

namespace TabularOd.Benchmarking.Tests.Reports;

public class BoxPlotTests
{
    private static readonly (string, IReadOnlyList<double>)[] Three =
    [
        ("iforest", [0.81, 0.92, 0.75, 0.88, 0.7, 0.95, 0.2]),
        ("knn", [0.6, 0.65, 0.7, double.NaN]),
        ("lof", [0.5, 0.55, 0.52, 0.58]),
    ];

    [Theory]
    [InlineData(BoxPlotOrientation.Horizontal)]
    [InlineData(BoxPlotOrientation.Vertical)]
    public void OneBoxMedianAndMeanPerSeriesInTheGivenOrder(BoxPlotOrientation orientation)
    {
        var root = SvgXml.Parse(BoxPlot.Render(Three, "AUROC", orientation));

        Assert.Equal(3, SvgXml.WithClass(root, "rect", "box").Count());
        Assert.Equal(3, SvgXml.WithClass(root, "line", "median").Count());
        Assert.Equal(3, SvgXml.WithClass(root, "polygon", "mean").Count());
        Assert.Equal(["iforest", "knn", "lof"], SvgXml.WithClass(root, "g", "series").Select(SvgXml.Label));
        // 0.2 is below iforest's lower fence (Q1 0.725 − 1.5 × 0.16); nothing else is an outlier.
        Assert.Single(SvgXml.WithClass(root, "circle", "outlier"));
        Assert.Contains("AUROC", SvgXml.WithClass(root, "text", "axis-title").Single().Value);
        Assert.Contains("1 non-finite ignored", root.Descendants(SvgXml.Ns + "rect").Select(r => r.Value).Single(v => v.StartsWith("knn")));
    }

    [Fact]
    public void BoxEdgesSitAtTheQuartiles()
    {
        var root = SvgXml.Parse(BoxPlot.Render([("s", [0.0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10])], "v"));
        var box = SvgXml.WithClass(root, "rect", "box").Single();
        var ticks = SvgXml.WithClass(root, "text", "tick-label").ToDictionary(t => t.Value, t => SvgXml.Number(t, "x"));
        double pixelsPerUnit = (ticks["10"] - ticks["0"]) / 10;

        Assert.Equal(ticks["0"] + 2.5 * pixelsPerUnit, SvgXml.Number(box, "x"), 1);
        Assert.Equal(5 * pixelsPerUnit, SvgXml.Number(box, "width"), 1);
    }

    public static TheoryData<string, (string, IReadOnlyList<double>)[]> EdgeCases => new()
    {
        { "no series", [] },
        { "one series", [("one", [1.0, 2.0])] },
        { "empty series", [("empty", []), ("full", [1.0, 2.0, 3.0])] },
        { "only NaN", [("nan", [double.NaN, double.NaN])] },
        { "all equal", [("flat", [0.5, 0.5, 0.5]), ("flat2", [0.5])] },
        { "awkward name", [("a<b & \"c\" 'd'", [1.0])] },
        { "huge values", [("big", [1e300, -1e300, double.MaxValue])] },
    };

    [Theory]
    [MemberData(nameof(EdgeCases))]
    public void EdgeCasesGiveWellFormedDeterministicSvg(string _, (string, IReadOnlyList<double>)[] series)
    {
        foreach (var orientation in new[] { BoxPlotOrientation.Horizontal, BoxPlotOrientation.Vertical })
        {
            string svg = BoxPlot.Render(series, "AUROC", orientation);

            SvgXml.Parse(svg);
            Assert.Equal(svg, BoxPlot.Render(series.ToArray(), "AUROC", orientation));
        }
    }

    [Fact]
    public void AnEmptySeriesKeepsItsPlaceWithANote()
    {
        var root = SvgXml.Parse(BoxPlot.Render([("empty", []), ("full", [1.0, 2.0, 3.0])], "v"));

        Assert.Single(SvgXml.WithClass(root, "rect", "box"));
        Assert.Single(SvgXml.WithClass(root, "text", "no-data"));
        Assert.Equal(["empty", "full"], SvgXml.WithClass(root, "g", "series").Select(SvgXml.Label));
    }

    [Fact]
    public void AllEqualValuesStillDrawAVisibleBox()
    {
        var box = SvgXml.WithClass(SvgXml.Parse(BoxPlot.Render([("flat", [0.5, 0.5, 0.5])], "v")), "rect", "box").Single();

        Assert.True(SvgXml.Number(box, "width") >= 2);
    }

    [Fact]
    public void SixtySeriesGetOneLaneEach()
    {
        var series = Enumerable.Range(0, 60)
            .Select(i => ($"detector-{i:D2}", (IReadOnlyList<double>)Enumerable.Range(0, 20).Select(j => (i * 7 + j * 13) % 100 / 100.0).ToList()))
            .ToList();
        var root = SvgXml.Parse(BoxPlot.Render(series, "AUROC"));
        var names = SvgXml.WithClass(root, "text", "series-name").Select(t => SvgXml.Number(t, "y")).ToList();

        Assert.Equal(60, SvgXml.WithClass(root, "rect", "box").Count());
        Assert.All(names.Zip(names.Skip(1), (a, b) => b - a), gap => Assert.True(gap >= 20));
    }
}
