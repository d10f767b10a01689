using TabularOd.Benchmarking.Reports.Svg;

namespace TabularOd.Benchmarking.Tests.Reports;

public class CriticalDifferenceDiagramTests
{
    private static readonly (string, double)[] Four = [("C", 3.1), ("A", 1.2), ("D", 3.8), ("B", 1.9)];

    [Fact]
    public void JoinsTheKnownGroupsAndLabelsTheCd()
    {
        var root = SvgXml.Parse(CriticalDifferenceDiagram.Render(Four, 1.0, 22));

        Assert.Equal(["A, B", "C, D"], SvgXml.WithClass(root, "g", "clique").Select(SvgXml.Label));
        Assert.Equal(4, SvgXml.WithClass(root, "g", "method").Count());
        Assert.Equal("CD = 1.00", SvgXml.WithClass(root, "text", "cd-label").Single().Value);
        Assert.Contains("N = 22 datasets", root.Descendants(SvgXml.Ns + "text").Select(t => t.Value));
    }

    [Fact]
    public void CliqueBarsSpanTheirMembersAndTheCdBarHasTheCdLength()
    {
        var root = SvgXml.Parse(CriticalDifferenceDiagram.Render(Four, 1.0, 22));
        var methodX = SvgXml.WithClass(root, "g", "method").ToDictionary(
            g => SvgXml.Label(g).Split(':')[0], g => SvgXml.Number(g.Elements(SvgXml.Ns + "line").First(), "x1"));
        var bars = SvgXml.WithClass(root, "g", "clique").Select(g => g.Elements(SvgXml.Ns + "line").Single()).ToList();

        Assert.Equal(methodX["A"] - 4, SvgXml.Number(bars[0], "x1"), 1);
        Assert.Equal(methodX["B"] + 4, SvgXml.Number(bars[0], "x2"), 1);
        Assert.Equal(methodX["C"] - 4, SvgXml.Number(bars[1], "x1"), 1);
        Assert.Equal(methodX["D"] + 4, SvgXml.Number(bars[1], "x2"), 1);
        Assert.All(bars, b => Assert.True(SvgXml.Number(b, "stroke-width") >= 3, "group bars are thick"));

        double pixelsPerRank = (methodX["D"] - methodX["A"]) / (3.8 - 1.2);
        var cd = SvgXml.WithClass(root, "g", "cd-bar").Single().Elements(SvgXml.Ns + "line").First();
        Assert.Equal(pixelsPerRank * 1.0, SvgXml.Number(cd, "x2") - SvgXml.Number(cd, "x1"), 1);
    }

    [Fact]
    public void BetterHalfHangsLeftAndWorseHalfRight()
    {
        var root = SvgXml.Parse(CriticalDifferenceDiagram.Render(Four, 1.0, 22));
        var names = SvgXml.WithClass(root, "text", "method-name").ToDictionary(t => t.Value, t => (string?)t.Attribute("text-anchor"));

        Assert.Equal("end", names["A"]);
        Assert.Equal("end", names["B"]);
        Assert.Null(names["C"]);
        Assert.Null(names["D"]);
    }

    [Fact]
    public void NamesAreEscapedAndReadBackIntact()
    {
        const string name = "k<5 & \"fast\" 'x'";
        string svg = CriticalDifferenceDiagram.Render([(name, 1.5), ("plain", 1.5)], 0.5, 3);
        var root = SvgXml.Parse(svg);

        Assert.Contains(name, SvgXml.WithClass(root, "text", "method-name").Select(t => t.Value));
        Assert.DoesNotContain("k<5", svg);
    }

    [Fact]
    public void SixtyMethodsGetATallerAndWiderCanvasThanFour()
    {
        var many = Enumerable.Range(0, 60).Select(i => ($"method-{i:D2}", 1 + i * 59.0 / 60)).ToList();
        var small = SvgXml.Parse(CriticalDifferenceDiagram.Render(Four, 1.0, 22));
        var large = SvgXml.Parse(CriticalDifferenceDiagram.Render(many, 6.5, 400));

        Assert.Equal(60, SvgXml.WithClass(large, "g", "method").Count());
        Assert.True(SvgXml.Number(large, "height") > SvgXml.Number(small, "height") + 500);
        Assert.True(SvgXml.Number(large, "width") > SvgXml.Number(small, "width"));
        // Rows are at least a line apart, so no two labels on one side overlap.
        var rowYs = SvgXml.WithClass(large, "text", "method-name")
            .GroupBy(t => (string?)t.Attribute("text-anchor"))
            .SelectMany(side => side.Select(t => SvgXml.Number(t, "y")).Order().Zip(side.Select(t => SvgXml.Number(t, "y")).Order().Skip(1), (a, b) => b - a));
        Assert.All(rowYs, gap => Assert.True(gap >= 14, $"gap {gap}"));
    }

    public static TheoryData<string, (string, double)[], double> EdgeCases => new()
    {
        { "empty", [], 1.0 },
        { "one", [("only", 1.0)], 1.0 },
        { "all equal", [("a", 2.0), ("b", 2.0), ("c", 2.0)], 1.0 },
        { "NaN rank", [("a", 1.0), ("b", double.NaN), ("c", 2.5)], 1.0 },
        { "NaN cd", [("a", 1.0), ("b", 2.0)], double.NaN },
        { "cd longer than the axis", [("a", 1.0), ("b", 2.0)], 7.5 },
        { "long name", [(new string('x', 300), 1.0), ("b", 2.0)], 1.0 },
    };

    [Theory]
    [MemberData(nameof(EdgeCases))]
    public void EdgeCasesGiveWellFormedDeterministicSvg(string _, (string, double)[] methods, double cd)
    {
        string first = CriticalDifferenceDiagram.Render(methods, cd, 5);

        SvgXml.Parse(first);
        Assert.Equal(first, CriticalDifferenceDiagram.Render(methods.ToArray(), cd, 5));
    }

    [Fact]
    public void AMethodWithoutRankIsNotedAndAllEqualRanksFormOneGroup()
    {
        var root = SvgXml.Parse(CriticalDifferenceDiagram.Render([("a", 2.0), ("b", 2.0), ("c", double.NaN)], 1.0, 5));

        Assert.Equal(2, SvgXml.WithClass(root, "g", "method").Count());
        Assert.Equal("a, b", SvgXml.Label(SvgXml.WithClass(root, "g", "clique").Single()));
        Assert.Contains("1 method(s)", SvgXml.WithClass(root, "text", "note").Single().Value);
    }
}
