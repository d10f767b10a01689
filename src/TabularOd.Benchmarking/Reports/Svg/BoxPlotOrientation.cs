namespace TabularOd.Benchmarking.Reports.Svg;

/// <summary>Which way the boxes of a <see cref="BoxPlot"/> lie.</summary>
public enum BoxPlotOrientation
{
    /// <summary>One row per series, names on the left, values along the bottom: legible for many or long names.</summary>
    Horizontal,

    /// <summary>One column per series, names slanted under the plot, values up the left.</summary>
    Vertical,
}
