using TabularOd.Benchmarking.Reports.Svg;

namespace TabularOd.Benchmarking.Tests.Reports;

public class ScatterPlotTests
{
    private static readonly (string, double, double)[] Methods =
    [
        ("iforest", 0.18, 0.81), ("knn", 0.15, 0.79), ("lof", 0.17, 0.74), ("ocsvm", 12.5, 0.7), ("autoencoder", 95.0, 0.77),
    ];

    [Fact]
    public void EveryPointHasAMarkerAndALabel()
    {
        var root = SvgXml.Parse(ScatterPlot.Render(Methods, "runtime (s)", "mean AUROC", logX: true));

        Assert.Equal(5, SvgXml.WithClass(root, "circle", "marker").Count());
        Assert.Equal(Methods.Select(m => m.Item1), SvgXml.WithClass(root, "text", "point-label").Select(t => t.Value));
        Assert.Equal(["runtime (s)", "mean AUROC"], SvgXml.WithClass(root, "text", "axis-title").Select(t => t.Value));
    }

    [Fact]
    public void LogAxisPlacesDecadesEvenlyAndPointsBetweenThem()
    {
        var root = SvgXml.Parse(ScatterPlot.Render(Methods, "runtime (s)", "AUROC", logX: true));
        var xTicks = root.Descendants(SvgXml.Ns + "g").Single(g => (string?)g.Attribute("class") == "axis x-axis")
            .Elements(SvgXml.Ns + "text").Where(t => (string?)t.Attribute("class") == "tick-label").ToDictionary(t => t.Value, t => SvgXml.Number(t, "x"));

        Assert.Equal(["0.1", "1", "10", "100"], xTicks.Keys);
        Assert.Equal(xTicks["1"] - xTicks["0.1"], xTicks["100"] - xTicks["10"], 1);
        var ocsvm = root.Descendants(SvgXml.Ns + "circle").Single(c => c.Value.StartsWith("ocsvm"));
        double expected = xTicks["10"] + Math.Log10(1.25) * (xTicks["100"] - xTicks["10"]);
        Assert.Equal(expected, SvgXml.Number(ocsvm, "cx"), 1);
    }

    [Fact]
    public void PointsALogAxisCannotShowAreLeftOutWithANote()
    {
        var root = SvgXml.Parse(ScatterPlot.Render([("zero", 0.0, 0.5), ("nan", double.NaN, 0.5), ("ok", 1.0, 0.5)], "t", "a", logX: true));

        Assert.Single(SvgXml.WithClass(root, "circle", "marker"));
        Assert.Contains("2 point(s)", SvgXml.WithClass(root, "text", "note").Single().Value);
    }

    public static TheoryData<string, (string, double, double)[], bool> EdgeCases => new()
    {
        { "no points", [], false },
        { "only NaN", [("x", double.NaN, double.NaN)], true },
        { "one", [("one", 2.0, 0.5)], true },
        { "all equal", [("a", 1.0, 0.5), ("b", 1.0, 0.5), ("c", 1.0, 0.5)], false },
        { "all equal log", [("a", 1.0, 0.5), ("b", 1.0, 0.5)], true },
        { "negative linear", [("a", -3.0, -0.5), ("b", 4.0, 2.0)], false },
        { "awkward name", [("a<b & \"c\" 'd'", 1.0, 0.5)], false },
    };

    [Theory]
    [MemberData(nameof(EdgeCases))]
    public void EdgeCasesGiveWellFormedDeterministicSvg(string _, (string, double, double)[] points, bool logX)
    {
        string svg = ScatterPlot.Render(points, "runtime (s)", "AUROC", logX);

        SvgXml.Parse(svg);
        Assert.Equal(svg, ScatterPlot.Render(points.ToArray(), "runtime (s)", "AUROC", logX));
    }

    [Fact]
    public void EscapedNamesReadBackIntact()
    {
        const string name = "a<b & \"c\" 'd'";
        var root = SvgXml.Parse(ScatterPlot.Render([(name, 1.0, 0.5)], "x < 1", "y & z", logX: false));

        Assert.Equal(name, SvgXml.WithClass(root, "text", "point-label").Single().Value);
        Assert.Equal(["x < 1", "y & z"], SvgXml.WithClass(root, "text", "axis-title").Select(t => t.Value));
    }

    [Fact]
    public void SixtyPointsGetALargerCanvasAndFewOverlappingLabels()
    {
        var points = Enumerable.Range(0, 60)
            .Select(i => ($"method-{i:D2}", Math.Pow(10, (i * 37 % 60) / 15.0 - 2), 0.5 + (i * 23 % 60) / 120.0))
            .ToList();
        var root = SvgXml.Parse(ScatterPlot.Render(points, "runtime (s)", "AUROC", logX: true));
        var small = SvgXml.Parse(ScatterPlot.Render(Methods, "runtime (s)", "AUROC", logX: true));

        Assert.Equal(60, SvgXml.WithClass(root, "circle", "marker").Count());
        Assert.True(SvgXml.Number(root, "width") > SvgXml.Number(small, "width"));
        Assert.True(SvgXml.Number(root, "height") > SvgXml.Number(small, "height"));
        var boxes = SvgXml.WithClass(root, "text", "point-label").Select(LabelBox).ToList();
        int overlapping = boxes.Count(a => boxes.Any(b => !ReferenceEquals(a, b) && a.Intersects(b)));
        Assert.True(overlapping <= 6, $"{overlapping} of 60 labels overlap another");
    }

    private static Box LabelBox(System.Xml.Linq.XElement text)
    {
        double width = TextMeasure.Width(text.Value, SvgXml.Number(text, "font-size"));
        double x = SvgXml.Number(text, "x"), y = SvgXml.Number(text, "y");
        double left = (string?)text.Attribute("text-anchor") switch { "end" => x - width, "middle" => x - width / 2, _ => x };
        return new Box(left, y - 10, left + width, y + 2);
    }

    private sealed record Box(double Left, double Top, double Right, double Bottom)
    {
        public bool Intersects(Box o) => Left < o.Right && o.Left < Right && Top < o.Bottom && o.Top < Bottom;
    }
}
