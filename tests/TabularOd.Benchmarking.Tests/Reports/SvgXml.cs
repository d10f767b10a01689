using System.Globalization;
using System.Xml.Linq;

namespace TabularOd.Benchmarking.Tests.Reports;

/// <summary>Parses renderer output as XML and finds parts of a plot by element name and class.</summary>
internal static class SvgXml
{
    public static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    /// <summary>
    /// Parses <paramref name="svg"/> (failing the test if it is not well-formed) and checks what every plot
    /// promises: an svg root with matching width, height and viewBox, a sans-serif font, a title first, and no
    /// non-finite number anywhere.
    /// </summary>
    public static XElement Parse(string svg)
    {
        var root = XDocument.Parse(svg).Root!;
        Assert.Equal(Ns + "svg", root.Name);
        double width = Number(root, "width"), height = Number(root, "height");
        Assert.True(width > 0 && height > 0, $"size {width}×{height}");
        Assert.Equal($"0 0 {root.Attribute("width")!.Value} {root.Attribute("height")!.Value}", root.Attribute("viewBox")!.Value);
        Assert.Equal("sans-serif", root.Attribute("font-family")!.Value);
        var first = root.Elements().First();
        Assert.Equal(Ns + "title", first.Name);
        Assert.False(string.IsNullOrWhiteSpace(first.Value));
        Assert.DoesNotContain("NaN", svg.Replace(">NaN<", string.Empty));
        Assert.DoesNotContain("Infinity", svg);
        return root;
    }

    public static IEnumerable<XElement> WithClass(XElement root, string element, string cssClass) =>
        root.Descendants(Ns + element).Where(e => ((string?)e.Attribute("class"))?.Split(' ').Contains(cssClass) == true);

    public static double Number(XElement element, string attribute) =>
        double.Parse(element.Attribute(attribute)!.Value, NumberStyles.Float, CultureInfo.InvariantCulture);

    public static string Label(XElement group) => (string)group.Attribute("aria-label")!;
}
