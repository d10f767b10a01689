using System.Text;

namespace TabularOd.Benchmarking.Reports.Svg;

/// <summary>
/// Writes one standalone SVG document element by element. Every string passes through
/// <see cref="SvgFormat.Escape"/> and every number through <see cref="SvgFormat.Number(double)"/>, so the output
/// is well-formed XML and identical for identical calls on any machine and culture.
/// </summary>
/// <remarks>
/// The root carries <c>width</c>, <c>height</c> and a matching <c>viewBox</c> (so the image scales when a page
/// sets only its width), <c>font-family="sans-serif"</c> (the one family every viewer has), <c>role="img"</c>
/// and a <c>&lt;title&gt;</c> as its first child, which screen readers announce.
/// </remarks>
public sealed class SvgBuilder
{
    private readonly StringBuilder _body = new();
    private readonly double _width;
    private readonly double _height;
    private readonly string _title;
    private int _openGroups;

    /// <summary>Starts a document of the given size in pixels with an accessible title.</summary>
    public SvgBuilder(double width, double height, string title)
    {
        _width = width;
        _height = height;
        _title = title;
    }

    /// <summary>Width of the canvas in pixels.</summary>
    public double Width => _width;

    /// <summary>Height of the canvas in pixels.</summary>
    public double Height => _height;

    /// <summary>Opens a <c>&lt;g&gt;</c>; shapes added until <see cref="EndGroup"/> belong to it.</summary>
    /// <param name="cssClass">A class for styling and for tests that count parts of a plot.</param>
    /// <param name="label">An accessible name for the group (<c>aria-label</c>).</param>
    public SvgBuilder BeginGroup(string? cssClass = null, string? label = null)
    {
        Indent().Append("<g");
        Attribute("class", cssClass);
        Attribute("aria-label", label);
        _body.Append(">\n");
        _openGroups++;
        return this;
    }

    /// <summary>Closes the innermost open group.</summary>
    public SvgBuilder EndGroup()
    {
        if (_openGroups == 0)
        {
            throw new InvalidOperationException("EndGroup without a matching BeginGroup.");
        }
        _openGroups--;
        Indent().Append("</g>\n");
        return this;
    }

    /// <summary>Adds a straight line.</summary>
    public SvgBuilder Line(double x1, double y1, double x2, double y2, string stroke = "#000", double strokeWidth = 1,
        string? cssClass = null, string? dash = null)
    {
        Indent().Append("<line");
        Attribute("class", cssClass);
        Attribute("x1", x1);
        Attribute("y1", y1);
        Attribute("x2", x2);
        Attribute("y2", y2);
        Attribute("stroke", stroke);
        Attribute("stroke-width", strokeWidth);
        Attribute("stroke-dasharray", dash);
        _body.Append("/>\n");
        return this;
    }

    /// <summary>Adds a rectangle; a negative width or height is normalised so the rectangle still shows.</summary>
    public SvgBuilder Rect(double x, double y, double width, double height, string fill, string? stroke = null,
        double strokeWidth = 1, string? cssClass = null, string? tooltip = null)
    {
        if (width < 0)
        {
            x += width;
            width = -width;
        }
        if (height < 0)
        {
            y += height;
            height = -height;
        }
        Indent().Append("<rect");
        Attribute("class", cssClass);
        Attribute("x", x);
        Attribute("y", y);
        Attribute("width", width);
        Attribute("height", height);
        Paint(fill, stroke, strokeWidth);
        CloseShape("rect", tooltip);
        return this;
    }

    /// <summary>Adds a circle.</summary>
    public SvgBuilder Circle(double cx, double cy, double r, string fill, string? stroke = null, double strokeWidth = 1,
        string? cssClass = null, string? tooltip = null)
    {
        Indent().Append("<circle");
        Attribute("class", cssClass);
        Attribute("cx", cx);
        Attribute("cy", cy);
        Attribute("r", r);
        Paint(fill, stroke, strokeWidth);
        CloseShape("circle", tooltip);
        return this;
    }

    /// <summary>Adds a closed polygon through <paramref name="points"/>.</summary>
    public SvgBuilder Polygon(IReadOnlyList<(double X, double Y)> points, string fill, string? stroke = null,
        double strokeWidth = 1, string? cssClass = null, string? tooltip = null)
    {
        Indent().Append("<polygon");
        Attribute("class", cssClass);
        var coordinates = new StringBuilder();
        foreach (var (x, y) in points)
        {
            if (coordinates.Length > 0)
            {
                coordinates.Append(' ');
            }
            coordinates.Append(SvgFormat.Number(x)).Append(',').Append(SvgFormat.Number(y));
        }
        _body.Append(" points=\"").Append(coordinates).Append('"');
        Paint(fill, stroke, strokeWidth);
        CloseShape("polygon", tooltip);
        return this;
    }

    /// <summary>
    /// Adds a single-line text. <paramref name="y"/> is the vertical middle of the text rather than its
    /// baseline: layouts then centre labels on ticks and rows without knowing font metrics (the shift of
    /// 0.35 em is the usual ascent-minus-descent estimate, and avoids <c>dominant-baseline</c>, which not all
    /// viewers honour).
    /// </summary>
    /// <param name="x">Horizontal position of the anchor point.</param>
    /// <param name="y">Vertical middle of the text.</param>
    /// <param name="text">The text, unescaped.</param>
    /// <param name="anchor">Which point of the text <paramref name="x"/> refers to.</param>
    /// <param name="fontSize">Font size in pixels.</param>
    /// <param name="rotate">Degrees clockwise around (x, y), e.g. −90 for a vertical axis title.</param>
    /// <param name="fill">Text colour.</param>
    /// <param name="cssClass">A class for styling and for tests.</param>
    /// <param name="bold">Whether the text is bold.</param>
    /// <param name="tooltip">Full text shown on hover, for labels that were shortened to fit.</param>
    public SvgBuilder Text(double x, double y, string text, TextAnchor anchor = TextAnchor.Start, double fontSize = 12,
        double rotate = 0, string fill = "#000", string? cssClass = null, bool bold = false, string? tooltip = null)
    {
        double baseline = y + 0.35 * fontSize;
        Indent().Append("<text");
        Attribute("class", cssClass);
        Attribute("x", x);
        Attribute("y", baseline);
        if (anchor != TextAnchor.Start)
        {
            Attribute("text-anchor", anchor == TextAnchor.Middle ? "middle" : "end");
        }
        Attribute("font-size", fontSize);
        if (fill != "#000")
        {
            Attribute("fill", fill);
        }
        if (bold)
        {
            Attribute("font-weight", "bold");
        }
        if (rotate != 0)
        {
            _body.Append(" transform=\"rotate(").Append(SvgFormat.Number(rotate)).Append(' ')
                .Append(SvgFormat.Number(x)).Append(' ').Append(SvgFormat.Number(y)).Append(")\"");
        }
        _body.Append('>');
        if (tooltip is not null)
        {
            _body.Append("<title>").Append(SvgFormat.Escape(tooltip)).Append("</title>");
        }
        _body.Append(SvgFormat.Escape(text)).Append("</text>\n");
        return this;
    }

    /// <summary>Returns the finished document. Groups still open are an error, not silently closed.</summary>
    public string Build()
    {
        if (_openGroups != 0)
        {
            throw new InvalidOperationException($"{_openGroups} group(s) were not closed.");
        }
        string w = SvgFormat.Number(_width);
        string h = SvgFormat.Number(_height);
        var sb = new StringBuilder(_body.Length + 512);
        sb.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(w).Append("\" height=\"").Append(h)
            .Append("\" viewBox=\"0 0 ").Append(w).Append(' ').Append(h)
            .Append("\" font-family=\"sans-serif\" font-size=\"12\" role=\"img\">\n");
        sb.Append("  <title>").Append(SvgFormat.Escape(_title)).Append("</title>\n");
        // An explicit white background: reports may be viewed in a dark theme, where a transparent plot with
        // black text would vanish.
        sb.Append("  <rect class=\"background\" x=\"0\" y=\"0\" width=\"").Append(w).Append("\" height=\"").Append(h)
            .Append("\" fill=\"#fff\"/>\n");
        sb.Append(_body);
        sb.Append("</svg>\n");
        return sb.ToString();
    }

    private StringBuilder Indent() => _body.Append(' ', 2 * (_openGroups + 1));

    private void Paint(string fill, string? stroke, double strokeWidth)
    {
        Attribute("fill", fill);
        if (stroke is not null)
        {
            Attribute("stroke", stroke);
            Attribute("stroke-width", strokeWidth);
        }
    }

    // A shape with a tooltip needs a <title> child, so it cannot be self-closing.
    private void CloseShape(string element, string? tooltip)
    {
        if (tooltip is null)
        {
            _body.Append("/>\n");
        }
        else
        {
            _body.Append("><title>").Append(SvgFormat.Escape(tooltip)).Append("</title></").Append(element).Append(">\n");
        }
    }

    private void Attribute(string name, string? value)
    {
        if (value is not null)
        {
            _body.Append(' ').Append(name).Append("=\"").Append(SvgFormat.Escape(value)).Append('"');
        }
    }

    private void Attribute(string name, double value) =>
        _body.Append(' ').Append(name).Append("=\"").Append(SvgFormat.Number(value)).Append('"');
}
