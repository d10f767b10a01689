using System.Xml.Linq;
using TabularOd.Benchmarking.Reports.Svg;

namespace TabularOd.Benchmarking.Tests.Reports;

public class SvgFormatTests
{
    [Fact]
    public void EscapeMakesMarkupCharactersSafeInTextAndAttributes()
    {
        Assert.Equal("a&lt;b &amp; &quot;c&quot; &apos;d&apos; &gt;", SvgFormat.Escape("a<b & \"c\" 'd' >"));
        Assert.Equal(string.Empty, SvgFormat.Escape(null));
    }

    [Fact]
    public void EscapeReplacesCharactersXmlCannotCarryButKeepsSurrogatePairs()
    {
        string text = "x\u0001y\uD800z😀\t";
        string escaped = SvgFormat.Escape(text);

        Assert.Equal("x\uFFFDy\uFFFDz😀\t", escaped);
        Assert.Equal(escaped, XElement.Parse($"<t>{escaped}</t>").Value);
    }

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(-0.001, "0")]
    [InlineData(1.0, "1")]
    [InlineData(12.345, "12.35")]
    [InlineData(-12.344, "-12.34")]
    [InlineData(1e-7, "0")]
    [InlineData(123456789.0, "123456789")]
    public void NumbersAreInvariantWithAtMostTwoDecimals(double value, string expected) =>
        Assert.Equal(expected, SvgFormat.Number(value));

    [Fact]
    public void NonFiniteCoordinatesAreABugNotOutput()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SvgFormat.Number(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => SvgFormat.Number(double.PositiveInfinity));
        Assert.Equal("NaN", SvgFormat.Fixed(double.NaN, 2));
        Assert.Equal("1.20", SvgFormat.Fixed(1.2, 2));
        Assert.Equal("0", SvgFormat.Number(-0.0));
        Assert.Equal("0.00", SvgFormat.Fixed(-0.001, 2));
    }

    [Fact]
    public void BuilderWritesRootTitleAndEscapedText()
    {
        var svg = new SvgBuilder(100, 50.5, "a & b");
        svg.BeginGroup("g1", "x\"y").Text(1, 2, "<tag>", TextAnchor.Middle).EndGroup();
        var root = SvgXml.Parse(svg.Build());

        Assert.Equal("a & b", root.Element(SvgXml.Ns + "title")!.Value);
        Assert.Equal("0 0 100 50.5", root.Attribute("viewBox")!.Value);
        Assert.Equal("x\"y", SvgXml.Label(root.Element(SvgXml.Ns + "g")!));
        Assert.Equal("<tag>", root.Descendants(SvgXml.Ns + "text").Single().Value);
    }

    [Fact]
    public void BuilderRefusesUnbalancedGroups()
    {
        Assert.Throws<InvalidOperationException>(() => new SvgBuilder(1, 1, "t").BeginGroup().Build());
        Assert.Throws<InvalidOperationException>(() => new SvgBuilder(1, 1, "t").EndGroup());
    }
}
