namespace TabularOd.Benchmarking.Reports.Svg;

/// <summary>Which point of a text the given x coordinate refers to (SVG <c>text-anchor</c>).</summary>
public enum TextAnchor
{
    /// <summary>x is where the text begins.</summary>
    Start,

    /// <summary>x is the middle of the text.</summary>
    Middle,

    /// <summary>x is where the text ends.</summary>
    End,
}
