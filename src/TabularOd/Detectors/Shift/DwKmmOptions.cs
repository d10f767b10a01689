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
    /// Default <see cref="MaxRows"/>. Measured on MacrOData's LandslideVolume (standardised, one core): a 1000-row
    /// solve (500 + 500) took about 8 000 steps and 3–4 s of CPU; a 2000-row solve (1000 + 1000) about 11 000 steps and
    /// 30 s, since the step count grows with the size and each step is O(rows²). Total time is about
    /// (pooled rows / (max_rows/2)) solves, so the cost per row grows linearly with max_rows. (Those figures predate the
    /// solver's low-rank warm start, <see cref="TabularOd.Shift.ProjectedGradientSolver.LowRankWarmStart"/>, which on this table runs
    /// about as many steps through a rank-270 factor and takes 1.15–1.5× less time.)
    /// </summary>
    public const int DefaultMaxRows = 1000;

    /// <summary>
    /// The most pooled rows (reference + batch) in one DW-KMM solve, ≥ 20. Up to it a batch is solved exactly against
    /// all reference rows; above it the reference rows are a seeded subsample and the batch is solved in seeded random
    /// chunks (<see cref="TabularOd.Shift.ChunkedDoubleWeighting"/>).
    /// </summary>
    public int MaxRows { get; init; } = DefaultMaxRows;

    /// <summary>
    /// The QP solver's relative stopping tolerance (<see cref="TabularOd.Shift.ProjectedGradientSolver.Tolerance"/>),
    /// &gt; 0. 10⁻⁵ takes about 15 times fewer steps than the default 10⁻⁷ on 1000-row solves, at some cost in how
    /// settled the ranking of α is.
    /// </summary>
    public double Tolerance { get; init; } = TabularOd.Shift.ProjectedGradientSolver.DefaultTolerance;
}
