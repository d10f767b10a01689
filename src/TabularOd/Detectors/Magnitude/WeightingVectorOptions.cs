namespace TabularOd.Detectors.Magnitude;

/// <summary>How <see cref="WeightingVectorDetector"/> computes the weights.</summary>
public enum WeightingVectorMethod
{
    /// <summary><see cref="Exact"/> up to <see cref="WeightingVectorOptions.ExactLimit"/> distinct training rows, <see cref="Approx"/> beyond.</summary>
    Auto,

    /// <summary>The exact weighting vector (<see cref="WeightingVector"/>): O(m³) time, O(m²) memory, kept in the model.</summary>
    Exact,

    /// <summary>
    /// The patch approximation (<see cref="LocalWeightingVector"/>): exact solves on overlapping patches of P points around
    /// cells of s points, O(m·P³/s) plus an O(m²·d) pass of distances to pick the patches.
    /// </summary>
    Approx,
}

/// <summary>Options of <see cref="WeightingVectorDetector"/>.</summary>
public sealed record WeightingVectorOptions : DetectorOptions
{
    /// <summary>The specification's default scale for standardised features.</summary>
    public const double DefaultScale = 1.0;

    /// <summary>0: no target; t is <see cref="Scale"/>.</summary>
    public const double DefaultTargetMagnitude = 0.0;

    /// <summary>Default method.</summary>
    public const WeightingVectorMethod DefaultMethod = WeightingVectorMethod.Auto;

    /// <summary>
    /// 384 points per patch: with 2 sweeps, on the 12 ADBench tables with at most 2000 rows the ranks of the approximate
    /// weights agree with the exact ones at Spearman ≥ 0.97 and the AUROC within 0.01 on each (512: ≥ 0.98 and 0.008 for
    /// 2.4 times the patch work), and at 10,000 × 16 the fit stays about 10 times faster than the exact one or more
    /// (benchmarks/peers/magnitude.py).
    /// </summary>
    public const int DefaultPatchSize = LocalWeightingVector.DefaultPatchSize;

    /// <summary>
    /// 64 points per cell: a patch is solved for every cell, so the cost falls as s grows, while the halo around a cell,
    /// P − s points, shrinks; 32 gains little accuracy over 64 for twice the solves.
    /// </summary>
    public const int DefaultCellSize = LocalWeightingVector.DefaultCellSize;

    /// <summary>
    /// Two far-field sweeps, each kept only if it lowers the residual: on the 12 ADBench tables they lift the least rank
    /// agreement from 0.935 to 0.970 and bring every AUROC within 0.01 of the exact one; each accepted or refused sweep
    /// costs one more pass over the patches.
    /// </summary>
    public const int DefaultSweeps = LocalWeightingVector.DefaultSweeps;

    /// <summary>
    /// 2000 distinct rows: the exact solve then takes a fraction of a second with OpenBLAS, and the Cholesky factor the
    /// model keeps is 8·m² bytes (32 MB); the cost grows as m³ and the memory as m² beyond it.
    /// </summary>
    public const int DefaultExactLimit = 2000;

    /// <summary>The scale t &gt; 0 in Z_ij = exp(−t·‖xᵢ − xⱼ‖) on standardised rows; the search's start when a target is set.</summary>
    public double Scale { get; init; } = DefaultScale;

    /// <summary>
    /// 0 (off), or the training magnitude to reach: t is then chosen by bisection on log t (<see cref="MagnitudeScale"/>)
    /// and must lie strictly between 1 and the number of distinct training rows.
    /// </summary>
    public double TargetMagnitude { get; init; } = DefaultTargetMagnitude;

    /// <summary>Exact, approximate, or chosen by the number of distinct training rows.</summary>
    public WeightingVectorMethod Method { get; init; } = DefaultMethod;

    /// <summary>P ≥ <see cref="CellSize"/>: the points of a patch of the approximation (all of them when there are fewer).</summary>
    public int PatchSize { get; init; } = DefaultPatchSize;

    /// <summary>s ≥ 1: the most points of a cell of the approximation; each cell's points take their weights from its patch.</summary>
    public int CellSize { get; init; } = DefaultCellSize;

    /// <summary>
    /// ≥ 0: far-field sweeps of the approximation after its first pass; each solves every patch again with the pull of
    /// the rows outside it (estimated cell by cell from the previous weights) taken off the right-hand side.
    /// </summary>
    public int Sweeps { get; init; } = DefaultSweeps;

    /// <summary>With <see cref="WeightingVectorMethod.Auto"/>: the most distinct training rows solved exactly, ≥ 0.</summary>
    public int ExactLimit { get; init; } = DefaultExactLimit;
}
