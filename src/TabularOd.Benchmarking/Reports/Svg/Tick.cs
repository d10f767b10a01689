namespace TabularOd.Benchmarking.Reports.Svg;

/// <summary>A labelled position on an axis, in data units.</summary>
/// <param name="Value">Where the tick sits, in data units.</param>
/// <param name="Label">The text written beside it.</param>
public readonly record struct Tick(double Value, string Label);
