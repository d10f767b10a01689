namespace TabularOd.Detectors.Shift;

/// <summary>Options of <see cref="DwKmmDetector"/>.</summary>
public sealed record DwKmmOptions : DetectorOptions
{
    /// <summary>SPEC §6's default D.</summary>
    public const double DefaultD = TabularOd.Shift.DoubleWeightingOptions.DefaultD;

    /// <summary>SPEC §6's default weight bound B.</summary>
    public const double DefaultBound = TabularOd.Shift.KernelMeanMatchingOptions.DefaultBound;

    /// <summary>D ≥ 1: how far test weights may drop below 1 (‖α − 1‖₂ ≤ (1 − 1/√D)√t); 1 scores every row 0.</summary>
    public double D { get; init; } = DefaultD;

    /// <summary>B ≥ √D: training weights are capped at B/√D.</summary>
    public double Bound { get; init; } = DefaultBound;

    /// <summary>
    /// Default <see cref="MaxRows"/>: a 2000-variable DW-KMM solve holds a 32 MB kernel and takes seconds, not
    /// minutes, on one core.
    /// </summary>
    public const int DefaultMaxRows = 2000;

    /// <summary>
    /// The most pooled rows (reference + batch) in one DW-KMM solve, ≥ 20. Up to it a batch is solved exactly against
    /// all reference rows; above it the reference rows are a seeded subsample and the batch is solved in seeded random
    /// chunks (<see cref="TabularOd.Shift.ChunkedDoubleWeighting"/>).
    /// </summary>
    public int MaxRows { get; init; } = DefaultMaxRows;
}
