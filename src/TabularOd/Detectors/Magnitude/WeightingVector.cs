using TabularOd.Compute;
using TabularOd.Data;
using TabularOd.Detectors.Persistence;

namespace TabularOd.Detectors.Magnitude;

/// <summary>
/// The exact weighting vector: Z·w = 1 solved by Cholesky on a compute backend, O(m³) for m distinct points, with
/// the factor kept so that a new point's weight costs two triangular solves instead of a new factorisation.
/// </summary>
/// <remarks>
/// <para>
/// Z_ij = exp(−t·‖xᵢ − xⱼ‖) is positive definite for distinct points of ℝᵈ (Leinster, "The magnitude of metric
/// spaces", Doc. Math. 18, 2013), so Cholesky applies. Exact duplicates are merged before the solve because they make
/// Z singular; points the kernel cannot tell apart at the scale t (t·distance below rounding) still can, and then
/// <see cref="SpdSolver"/> adds 0.01·I (then 0.1·I, 1·I) and <see cref="WeightingSolution.Jitter"/> says so.
/// </para>
/// <para>
/// A new point p: with c = (exp(−t·‖p − xⱼ‖))ⱼ, the weight of p in X ∪ {p} is, by the Schur complement of Z in
/// [[Z, cᵀ], [c, 1]], w_p = (1 − c·Z⁻¹·1)/(1 − c·Z⁻¹·cᵀ), where Z⁻¹·1 = w is stored and Z⁻¹·cᵀ is solved with the
/// stored factor. A denominator at or below 10⁻¹⁰ is within rounding of zero (p indistinguishable from a point of X at
/// this precision); p then takes the weight of its nearest point, as an exact copy does.
/// </para>
/// <para>
/// New points are solved in blocks of <see cref="SolveColumns"/> right-hand sides, the last block padded with zero
/// columns, so every backend call has the same shape whatever the batch: a row's weight does not depend on which rows
/// are scored with it.
/// </para>
/// </remarks>
public sealed class WeightingVector : WeightingSolution
{
    /// <summary>Right-hand sides per triangular solve when weighing new points.</summary>
    public const int SolveColumns = 64;

    /// <summary>Schur complements at or below this are treated as zero (see the remarks).</summary>
    public const double SchurFloor = 1e-10;

    private readonly double[] _factor;
    private readonly IComputeBackend _backend;

    private WeightingVector(IComputeBackend backend, DataMatrix points, double scale, double[] weights, double[] factor, double jitter)
        : base(points, scale, weights, jitter)
    {
        _backend = backend;
        _factor = factor;
    }

    /// <summary>
    /// The weighting vector of the rows of <paramref name="points"/> at scale <paramref name="scale"/> (t &gt; 0), on
    /// <paramref name="backend"/> (<see cref="ComputeBackends.Default"/> when null). Equal rows are merged.
    /// </summary>
    public static WeightingVector Fit(DataMatrix points, double scale, IComputeBackend? backend = null)
    {
        const string method = "WeightingVector.Fit";
        CheckScale(scale, method);
        DetectorInput.CheckTrain(points, method);
        return Solve(backend ?? ComputeBackends.Default, DistinctRows.Of(points).Points, scale);
    }

    /// <summary>Solves for distinct, sorted points; <paramref name="squaredDistances"/> (m×m) is reused when given.</summary>
    internal static WeightingVector Solve(IComputeBackend backend, DataMatrix points, double scale, double[]? squaredDistances = null)
    {
        int m = points.Rows, d = points.Columns;
        CheckSize(m);
        double[] kernel;
        if (squaredDistances is null)
        {
            kernel = GC.AllocateUninitializedArray<double>(m * m);
            backend.SquaredDistances<double>(points.AsSpan(), m, d, kernel);
            LaplacianKernel.LowerInPlace(kernel, m, scale);
        }
        else
        {
            // Zeroed, so that the upper triangle the factorisation never reads holds no stray bits either.
            kernel = new double[m * m];
            LaplacianKernel.Lower(squaredDistances, kernel, m, scale);
        }
        double[] factor = GC.AllocateUninitializedArray<double>(m * m);
        double jitter = SpdSolver.Factor(backend, kernel, m, factor);
        var weights = new double[m];
        weights.AsSpan().Fill(1.0);
        backend.CholeskySolve(factor, m, weights, 1);
        return new WeightingVector(backend, points, scale, weights, factor, jitter);
    }

    /// <summary>The m×m squared distances of distinct points, for repeated solves at several scales.</summary>
    internal static double[] SquaredDistances(IComputeBackend backend, DataMatrix points)
    {
        CheckSize(points.Rows);
        var squared = GC.AllocateUninitializedArray<double>(points.Rows * points.Rows);
        backend.SquaredDistances<double>(points.AsSpan(), points.Rows, points.Columns, squared);
        return squared;
    }

    // An m×m matrix must fit in one array; long before that the O(m³) solve is the limit.
    private static void CheckSize(int m)
    {
        if ((long)m * m > Array.MaxLength)
        {
            throw new ArgumentException(
                $"The exact weighting vector of {m} distinct points needs a {m}×{m} matrix, more than an array holds; use the approximation (LocalWeightingVector, method=approx).");
        }
    }

    internal static void CheckScale(double scale, string owner)
    {
        if (!(scale > 0 && double.IsFinite(scale)))
        {
            throw OptionCheck.Invalid("scale", owner, "positive and finite", scale);
        }
    }

    /// <inheritdoc />
    private protected override void NewPointWeights(DataMatrix rows, int[] pending, double[] result)
    {
        var points = PointsView;
        var weights = Weights.ToArray();
        int m = points.Rows, d = points.Columns;
        double t = Scale;
        int blocks = (pending.Length + SolveColumns - 1) / SolveColumns;
        ComputeParallelism.For(blocks, ComputeParallelism.DefaultDegree, block =>
        {
            int first = block * SolveColumns, count = Math.Min(SolveColumns, pending.Length - first);
            // Padding rows and columns are zero, so every call below has the shape of a full block.
            var queries = new double[SolveColumns * d];
            for (int r = 0; r < count; r++)
            {
                rows.Row(pending[first + r]).CopyTo(queries.AsSpan(r * d, d));
            }
            var kernel = new double[SolveColumns * m];
            _backend.SquaredDistances<double>(queries, SolveColumns, points.AsSpan(), m, d, kernel);
            LaplacianKernel.InPlace(kernel.AsSpan(0, count * m), t);
            kernel.AsSpan(count * m).Clear();
            var solved = new double[m * SolveColumns];
            for (int r = 0; r < count; r++)
            {
                for (int j = 0; j < m; j++)
                {
                    solved[(j * SolveColumns) + r] = kernel[(r * m) + j];
                }
            }
            _backend.CholeskySolve(_factor, m, solved, SolveColumns);
            for (int r = 0; r < count; r++)
            {
                var c = kernel.AsSpan(r * m, m);
                double cw = 0, czc = 0;
                for (int j = 0; j < m; j++)
                {
                    cw += c[j] * weights[j];
                    czc += c[j] * solved[(j * SolveColumns) + r];
                }
                double complement = 1 - czc;
                result[pending[first + r]] = complement > SchurFloor ? (1 - cw) / complement : weights[ArgMax(c)];
            }
        });
    }

    /// <inheritdoc />
    internal override void Write(ModelWriter writer)
    {
        WriteCommon(writer);
        // Only L's lower triangle carries information: row i holds i + 1 values.
        int m = Count;
        var packed = new double[(long)m * (m + 1) / 2];
        long offset = 0;
        for (int i = 0; i < m; i++)
        {
            _factor.AsSpan(i * m, i + 1).CopyTo(packed.AsSpan((int)offset, i + 1));
            offset += i + 1;
        }
        writer.Write(packed);
    }

    /// <summary>Reads what <see cref="Write"/> wrote; scoring then runs on <see cref="ComputeBackends.Default"/>.</summary>
    internal static WeightingVector Read(ModelReader reader, int features)
    {
        var (points, scale, weights, jitter) = ReadCommon(reader, features);
        var packed = reader.ReadDoubles();
        int m = points.Rows;
        if (packed.LongLength != (long)m * (m + 1) / 2)
        {
            throw new InvalidDataException($"The stored Cholesky factor holds {packed.Length} values; {m} points need {(long)m * (m + 1) / 2}.");
        }
        var factor = new double[m * m];
        int offset = 0;
        for (int i = 0; i < m; i++)
        {
            packed.AsSpan(offset, i + 1).CopyTo(factor.AsSpan(i * m, i + 1));
            offset += i + 1;
        }
        return new WeightingVector(ComputeBackends.Default, points, scale, weights, factor, jitter);
    }
}
