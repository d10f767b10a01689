using TabularOd.Compute;
using TabularOd.Data;
using TabularOd.Detectors.Persistence;

namespace TabularOd.Detectors.Magnitude;

/// <summary>
/// The approximate weighting vector from overlapping patches: the points are split into cells of at most s points
/// (a k-d split at the median of the widest coordinate), each cell is grown into a patch of the P points nearest to it,
/// Z·w = 1 is solved exactly on every patch, and each point takes the weight it has in the patch of its own cell, where
/// it lies inside, away from the patch's edge; then up to a few far-field sweeps solve the patches again with the pull
/// of the points outside them taken off the right-hand side, each kept only if it lowers the residual of Z·w = 1.
/// Cost per pass: m/s Cholesky factorisations of order P, O(m·P³/s), linear in m; plus, once, distances from every cell
/// to every point to pick the patches, O(m²·d) multiply-adds on the backend (as a brute-force neighbour search), and
/// per sweep O((m/s)²·P·d) for the far field and O(64·m·d) for the residual test.
/// </summary>
/// <remarks>
/// <para>
/// Why patches: Z's entries decay exponentially with distance, so the equation Σⱼ Zᵢⱼ·wⱼ = 1 of a point is dominated
/// by the points around it; a patch that surrounds a point on every side by a wide enough halo fixes its weight up to
/// what the points beyond the halo contribute. This is the one-level restricted additive Schwarz construction
/// (Cai and Sarkis, "A restricted additive Schwarz preconditioner for general sparse linear systems", SIAM J. Sci.
/// Comput. 21, 1999) applied from w = 0: each overlapping subdomain is solved exactly and only its interior (here the
/// cell) is kept. It replaces the specification's per-point rule ŵᵢ = (Z_{Nᵢ}⁻¹·1)ᵢ with Nᵢ = {i} ∪ kNN(i), k ≈ 30:
/// there, every point sits at the centre of a patch so small that its k neighbours are the patch's own boundary, and
/// on the 12 ADBench tables with at most 2000 rows (all rows, t = 1) the ranks agreed with the exact ones at Spearman
/// 0.919 on average (0.766 on breastw), the AUROC up to 0.104 apart (letter). Sharing one patch among the s points of
/// a cell buys much larger patches for the same cost (m/s factorisations of order P against m of order k + 1).
/// </para>
/// <para>
/// Far-field sweeps: a patch misses the pull of the points beyond it, Σ_{j∉N} Zᵢⱼ·wⱼ, which at t = 1 in many
/// dimensions (nearest-neighbour distances large, Z decaying slowly next to them) adds up to a share of the 1; patch
/// weights then run high in sparse regions, where the outliers are (P = 512, no sweep: AUROC 0.864 against the exact
/// 0.816 on letter, 0.912 against 0.875 on vowels, ranks still at Spearman 0.98). A sweep estimates that pull from the
/// current weights cell by cell (<see cref="FarField"/>: a cell's total weight at its centroid, its spread added to
/// the squared distance) and solves Z_N·u = 1 − f_N on every patch. Like every stationary Schwarz iteration it need
/// not converge: where the far field dominates it overshoots (10,000 × 16 Gaussian mixture, magnitude 115, P = 512:
/// the residual's root mean square goes from 3.5 to 12 to 30, the rank agreement from 0.73 to 0.35 to 0.01; with the
/// exact far field instead of the estimate the first sweep gives −0.15), so each sweep
/// is kept only if the exact residual 1 − Z·w on 64 fixed rows (<see cref="ResidualProbe"/>) falls; otherwise the
/// weights before it stay. A sweep is not even tried once that residual's root mean square reaches 1, the size of the
/// right-hand side (after the first pass: 0.15 to 0.84 on the ADBench tables below, where the sweeps help; 1.6 at
/// P = 384 and 3.5 at P = 512 on the mixture, where they overshoot), which saves the pass that would be refused. Measured with P = 384, s = 64 and up to 2 sweeps on the 12 tables: Spearman 0.994 on average,
/// at least 0.970 (Pima), every AUROC within 0.0092 of the exact one (benchmarks/peers/magnitude.py); without sweeps
/// P = 512 reached 0.992 and 0.957 with AUROC gaps up to 0.049. Restricted additive Schwarz sweeps with the exact
/// residual (O(m²) each) fared no better than the estimate (cardio, P = 256: Spearman 0.92 falls to 0.70 in three).
/// </para>
/// <para>
/// Where it falls short: many points in few clusters, where the far field is most of each equation. On the 10,000 × 16
/// mixture the first pass ranks the points at Spearman 0.73 against the exact weights (the per-point rule: 0.69, with a
/// magnitude of −1314 against 115) and the sweeps are refused. Raise P or t, or solve exactly. The approximate
/// magnitude Σŵᵢ is close to the exact one only when the patches cover most of the set.
/// </para>
/// <para>
/// A new point p is weighed like the training points of the cell of its nearest training point, as if it were one more
/// point of that cell's patch N in the last pass: from the Schur complement with the patch's factor,
/// w_p = ((1 − f(p)) − c·Z_N⁻¹·(1 − f_N))/(1 − c·Z_N⁻¹·cᵀ), cⱼ = exp(−t·‖p − xⱼ‖) over N, f the far field that pass
/// used (0 without sweeps, which gives the exact solution's rule on a patch); a complement within rounding of zero
/// gives the nearest point's weight. With m ≤ P there is a single patch, the whole set, and both the training weights
/// and the new points' weights are exact. Every patch is solved by Cholesky through <see cref="SpdSolver"/> (jitter when
/// numerically singular). Cells, patches and queries are processed in parallel, each with backend calls of a shape
/// that depends only on its own data, so the results are identical whatever the thread count or the batch.
/// </para>
/// </remarks>
public sealed class LocalWeightingVector : WeightingSolution
{
    /// <summary>Default P: the points of one patch.</summary>
    public const int DefaultPatchSize = 384;

    /// <summary>Default s: the most points of one cell.</summary>
    public const int DefaultCellSize = 64;

    // Points whose distances to a cell are computed at once when growing the cell into its patch.
    private const int DistanceBlock = 2048;

    /// <summary>Default number of far-field sweeps after the first pass.</summary>
    public const int DefaultSweeps = 2;

    /// <summary>Sweeps are tried only while the sampled residual's root mean square is below this (the right-hand side is 1).</summary>
    public const double SweepResidualLimit = 1.0;

    private readonly IComputeBackend _backend;
    private readonly PatchCover _cover;
    // The weights the far field of the last pass was taken from (null without sweeps); new points use the same.
    private readonly double[]? _farWeights;

    private LocalWeightingVector(IComputeBackend backend, DataMatrix points, double scale, PatchCover cover, double[] weights,
        double[]? farWeights, double jitter)
        : base(points, scale, weights, jitter)
    {
        _backend = backend;
        _cover = cover;
        _farWeights = farWeights;
    }

    /// <summary>The far-field sweeps after the first pass (0: patches alone).</summary>
    public int Sweeps { get; private init; }

    /// <summary>P: the points of a patch (all of them when there are fewer).</summary>
    public int PatchSize => _cover.PatchSize;

    /// <summary>s: the most points of a cell.</summary>
    public int CellSize => _cover.CellSize;

    /// <summary>The number of cells (and patches); 1 when the whole set fits in one patch.</summary>
    public int CellCount => _cover.Patches.Length;

    /// <summary>The cells and patches, indices into <see cref="WeightingSolution.Points"/>.</summary>
    internal PatchCover Cover => _cover;

    /// <summary>
    /// The approximate weighting vector of the rows of <paramref name="points"/> at scale <paramref name="scale"/> from
    /// patches of <paramref name="patchSize"/> points around cells of at most <paramref name="cellSize"/> points, with up
    /// to <paramref name="sweeps"/> far-field sweeps, on <paramref name="backend"/> (<see cref="ComputeBackends.Default"/>
    /// when null). Equal rows are merged.
    /// </summary>
    public static LocalWeightingVector Fit(DataMatrix points, double scale, int patchSize = DefaultPatchSize, int cellSize = DefaultCellSize,
        int sweeps = DefaultSweeps, IComputeBackend? backend = null)
    {
        const string method = "LocalWeightingVector.Fit";
        WeightingVector.CheckScale(scale, method);
        CheckSizes(patchSize, cellSize, method);
        if (sweeps < 0)
        {
            throw OptionCheck.Invalid("sweeps", method, "≥ 0", sweeps);
        }
        DetectorInput.CheckTrain(points, method);
        backend ??= ComputeBackends.Default;
        var distinct = DistinctRows.Of(points).Points;
        return Solve(backend, distinct, scale, CoverOf(backend, distinct, patchSize, cellSize), sweeps);
    }

    internal static void CheckSizes(int patchSize, int cellSize, string owner)
    {
        if (cellSize < 1)
        {
            throw OptionCheck.Invalid("cellSize", owner, "≥ 1", cellSize);
        }
        if (patchSize < cellSize)
        {
            throw OptionCheck.Invalid("patchSize", owner, $"≥ the cell size {cellSize}", patchSize);
        }
    }

    /// <summary>
    /// The cells and their patches for distinct, sorted points; they do not depend on t and are reused across scales.
    /// </summary>
    internal static PatchCover CoverOf(IComputeBackend backend, DataMatrix points, int patchSize, int cellSize)
    {
        int m = points.Rows;
        var cellOf = new int[m];
        if (m <= patchSize)
        {
            // One patch, the whole set: the exact solution.
            return new PatchCover(patchSize, cellSize, cellOf, [Enumerable.Range(0, m).ToArray()]);
        }
        var cells = Cells(points, cellSize);
        var patches = new int[cells.Length][];
        for (int c = 0; c < cells.Length; c++)
        {
            foreach (int i in cells[c])
            {
                cellOf[i] = c;
            }
        }
        ComputeParallelism.For(cells.Length, ComputeParallelism.DefaultDegree, c => patches[c] = Grow(backend, points, cells[c], patchSize));
        return new PatchCover(patchSize, cellSize, cellOf, patches);
    }

    /// <summary>
    /// Splits the points into cells of at most <paramref name="cellSize"/>: a cell too large is cut at the median of
    /// its widest coordinate (ties by index), the lower half first.
    /// </summary>
    private static int[][] Cells(DataMatrix points, int cellSize)
    {
        int d = points.Columns;
        var cells = new List<int[]>();
        var pending = new Stack<int[]>();
        pending.Push(Enumerable.Range(0, points.Rows).ToArray());
        while (pending.Count > 0)
        {
            var members = pending.Pop();
            if (members.Length <= cellSize)
            {
                cells.Add(members);
                continue;
            }
            int widest = 0;
            double widestRange = -1;
            for (int j = 0; j < d; j++)
            {
                double low = double.PositiveInfinity, high = double.NegativeInfinity;
                foreach (int i in members)
                {
                    low = Math.Min(low, points[i, j]);
                    high = Math.Max(high, points[i, j]);
                }
                if (high - low > widestRange)
                {
                    (widest, widestRange) = (j, high - low);
                }
            }
            Array.Sort(members, (a, b) =>
            {
                int byValue = points[a, widest].CompareTo(points[b, widest]);
                return byValue != 0 ? byValue : a.CompareTo(b);
            });
            int half = members.Length / 2;
            pending.Push(members[half..]);
            pending.Push(members[..half]);
        }
        return cells.ToArray();
    }

    /// <summary>
    /// The cell and the points nearest to it (by the distance to its nearest member), <paramref name="patchSize"/> in
    /// all, ties to the lower index, in ascending index order.
    /// </summary>
    private static int[] Grow(IComputeBackend backend, DataMatrix points, int[] cell, int patchSize)
    {
        int m = points.Rows, d = points.Columns, size = cell.Length;
        var members = points.SelectRows(cell);
        var nearest = new double[m];
        var block = new double[size * DistanceBlock];
        for (int first = 0; first < m; first += DistanceBlock)
        {
            int count = Math.Min(DistanceBlock, m - first);
            backend.SquaredDistances<double>(members.AsSpan(), size, points.AsSpan().Slice(first * d, count * d), count, d, block.AsSpan(0, size * count));
            var target = nearest.AsSpan(first, count);
            block.AsSpan(0, count).CopyTo(target);
            for (int r = 1; r < size; r++)
            {
                var row = block.AsSpan(r * count, count);
                for (int j = 0; j < count; j++)
                {
                    target[j] = Math.Min(target[j], row[j]);
                }
            }
        }
        foreach (int i in cell)
        {
            nearest[i] = -1; // The cell itself always belongs to its patch.
        }
        var sorted = (double[])nearest.Clone();
        Array.Sort(sorted);
        double threshold = sorted[patchSize - 1];
        int below = 0;
        foreach (double value in nearest)
        {
            if (value < threshold)
            {
                below++;
            }
        }
        int atThreshold = patchSize - below;
        var patch = new int[patchSize];
        int taken = 0;
        for (int i = 0; i < m; i++)
        {
            if (nearest[i] < threshold || (nearest[i] == threshold && atThreshold-- > 0))
            {
                patch[taken++] = i;
            }
        }
        return patch;
    }

    /// <summary>
    /// Solves every patch of distinct, sorted points and keeps the weights of each cell's own points; then, for each
    /// sweep, solves them again with the far field of the weights found so far taken off the right-hand side.
    /// </summary>
    internal static LocalWeightingVector Solve(IComputeBackend backend, DataMatrix points, double scale, PatchCover cover, int sweeps)
    {
        var jitters = new double[cover.Patches.Length];
        var weights = Pass(backend, points, scale, cover, null, jitters);
        double[]? far = null;
        int done = 0;
        if (sweeps > 0 && cover.Patches.Length > 1)
        {
            var probe = new ResidualProbe(backend, points, scale);
            double residual = probe.Of(weights);
            // A residual as large as the right-hand side itself means the far field is most of each equation: a sweep
            // would then correct by more than the solution's size, and overshoots (the remarks); it is not tried.
            for (; done < sweeps && residual < SweepResidualLimit; done++)
            {
                var nextJitters = new double[cover.Patches.Length];
                var next = Pass(backend, points, scale, cover, new FarField(backend, points, cover, weights, scale), nextJitters);
                double nextResidual = probe.Of(next);
                if (!(nextResidual < residual))
                {
                    break; // The sweep overshoots: keep the weights before it.
                }
                (far, weights, residual) = (weights, next, nextResidual);
                for (int c = 0; c < jitters.Length; c++)
                {
                    jitters[c] = Math.Max(jitters[c], nextJitters[c]);
                }
            }
        }
        return new LocalWeightingVector(backend, points, scale, cover, weights, far, jitters.Max()) { Sweeps = done };
    }

    /// <summary>One pass over the patches: Z_N·u = 1 − f_N on each (f = 0 without a far field), the cell's entries kept.</summary>
    private static double[] Pass(IComputeBackend backend, DataMatrix points, double scale, PatchCover cover, FarField? far, double[] jitters)
    {
        var weights = new double[points.Rows];
        var patches = cover.Patches;
        ComputeParallelism.For(patches.Length, ComputeParallelism.DefaultDegree, c =>
        {
            var patch = patches[c];
            int size = patch.Length;
            var kernel = Kernel(backend, points, patch, scale);
            var solution = new double[size];
            solution.AsSpan().Fill(1.0);
            far?.Subtract(patch, points.SelectRows(patch), solution);
            jitters[c] = SpdSolver.Solve(backend, kernel, size, solution, 1);
            for (int a = 0; a < size; a++)
            {
                if (cover.CellOf[patch[a]] == c)
                {
                    weights[patch[a]] = solution[a];
                }
            }
        });
        return weights;
    }

    /// <summary>Z of the listed points (lower triangle; the factorisation reads no more).</summary>
    private static double[] Kernel(IComputeBackend backend, DataMatrix points, int[] patch, double scale)
    {
        int size = patch.Length;
        var rows = points.SelectRows(patch);
        var kernel = new double[size * size];
        backend.SquaredDistances<double>(rows.AsSpan(), size, points.Columns, kernel);
        LaplacianKernel.LowerInPlace(kernel, size, scale);
        return kernel;
    }

    /// <inheritdoc />
    private protected override void NewPointWeights(DataMatrix rows, int[] pending, double[] result)
    {
        var points = PointsView;
        int m = points.Rows, d = points.Columns;
        var queries = rows.SelectRows(pending);
        var nearest = _backend.KNearest<double>(points.AsSpan(), m, queries.AsSpan(), queries.Rows, d, 1);
        var byCell = new List<int>?[_cover.Patches.Length];
        for (int q = 0; q < pending.Length; q++)
        {
            int cell = _cover.CellOf[nearest.IndicesOf(q)[0]];
            (byCell[cell] ??= []).Add(q);
        }
        var touched = Enumerable.Range(0, byCell.Length).Where(c => byCell[c] is not null).ToArray();
        var weights = Weights.ToArray();
        double scale = Scale;
        var far = _farWeights is null ? null : new FarField(_backend, points, _cover, _farWeights, scale);
        ComputeParallelism.For(touched.Length, ComputeParallelism.DefaultDegree, t =>
        {
            var patch = _cover.Patches[touched[t]];
            int size = patch.Length;
            var patchRows = points.SelectRows(patch);
            var factor = new double[size * size];
            SpdSolver.Factor(_backend, Kernel(_backend, points, patch, scale), size, factor);
            // u = Z_N⁻¹·(1 − f_N), the patch's solution in the last pass.
            var patchWeights = new double[size];
            patchWeights.AsSpan().Fill(1.0);
            far?.Subtract(patch, patchRows, patchWeights);
            _backend.CholeskySolve(factor, size, patchWeights, 1);
            var c = new double[size];
            var solved = new double[size];
            var own = new double[1];
            foreach (int q in byCell[touched[t]]!)
            {
                _backend.SquaredDistances<double>(queries.Row(q), 1, patchRows.AsSpan(), size, d, c);
                LaplacianKernel.InPlace(c, scale);
                c.CopyTo(solved, 0);
                _backend.CholeskySolve(factor, size, solved, 1);
                double cw = 0, czc = 0;
                for (int j = 0; j < size; j++)
                {
                    cw += c[j] * patchWeights[j];
                    czc += c[j] * solved[j];
                }
                own[0] = 1;
                far?.Subtract(patch, queries.SelectRows([q]), own);
                double complement = 1 - czc;
                result[pending[q]] = complement > WeightingVector.SchurFloor ? (own[0] - cw) / complement : weights[patch[ArgMax(c)]];
            }
        });
    }

    /// <inheritdoc />
    internal override void Write(ModelWriter writer)
    {
        WriteCommon(writer);
        writer.Write(_cover.PatchSize);
        writer.Write(_cover.CellSize);
        writer.Write(Sweeps);
        writer.Write(_farWeights ?? []);
        writer.Write(_cover.CellOf);
        writer.Write(_cover.Patches.Length);
        foreach (var patch in _cover.Patches)
        {
            writer.Write(patch);
        }
    }

    /// <summary>Reads what <see cref="Write"/> wrote; scoring then runs on <see cref="ComputeBackends.Default"/>.</summary>
    internal static LocalWeightingVector Read(ModelReader reader, int features)
    {
        var (points, scale, weights, jitter) = ReadCommon(reader, features);
        int m = points.Rows;
        int patchSize = reader.ReadInt32(), cellSize = reader.ReadInt32(), sweeps = reader.ReadInt32();
        var farWeights = reader.ReadDoubles();
        if (sweeps < 0 || farWeights.Length != (sweeps == 0 ? 0 : m))
        {
            throw new InvalidDataException($"The stored far-field weights ({farWeights.Length}) do not fit {sweeps} sweeps over {m} points.");
        }
        var cellOf = reader.ReadInt32s();
        int count = reader.ReadInt32();
        if (cellSize < 1 || patchSize < cellSize || cellOf.Length != m || count < 1 || count > m)
        {
            throw new InvalidDataException($"The stored patch cover is inconsistent: P = {patchSize}, s = {cellSize}, {cellOf.Length} cell indices and {count} patches for {m} points.");
        }
        var patches = new int[count][];
        for (int c = 0; c < count; c++)
        {
            patches[c] = reader.ReadInt32s();
            if (patches[c].Length == 0 || patches[c].Any(i => i < 0 || i >= m))
            {
                throw new InvalidDataException($"Stored patch {c} is empty or lists a point outside 0..{m - 1}.");
            }
        }
        for (int i = 0; i < m; i++)
        {
            if (cellOf[i] < 0 || cellOf[i] >= count || Array.BinarySearch(patches[cellOf[i]], i) < 0)
            {
                throw new InvalidDataException($"Stored point {i} lies in cell {cellOf[i]}, which has no patch containing it.");
            }
        }
        return new LocalWeightingVector(ComputeBackends.Default, points, scale, new PatchCover(patchSize, cellSize, cellOf, patches), weights,
            sweeps == 0 ? null : farWeights, jitter) { Sweeps = sweeps };
    }
}

/// <summary>
/// The cells of a <see cref="LocalWeightingVector"/> and their patches: <see cref="CellOf"/> gives each point's cell,
/// <see cref="Patches"/> each cell's patch (ascending point indices, the cell included).
/// </summary>
internal sealed record PatchCover(int PatchSize, int CellSize, int[] CellOf, int[][] Patches);

/// <summary>
/// The far field of a patch: for a point x and a patch N, f(x) = Σ_{j ∉ N} exp(−t·‖x − xⱼ‖)·wⱼ approximated cell by
/// cell from the cell's total weight W, centroid μ and mean squared radius v (of its points outside N):
/// W·exp(−t·√(‖x − μ‖² + v)). The radius term keeps the estimate from running high: ‖x − xⱼ‖² averages ‖x − μ‖² + v
/// over the cell's points.
/// </summary>
internal sealed class FarField
{
    private readonly IComputeBackend _backend;
    private readonly DataMatrix _points;
    private readonly double[] _weights;
    private readonly double _scale;
    private readonly int[][] _cells;
    private readonly double[] _total;
    private readonly double[] _centroids;
    private readonly double[] _spread;

    public FarField(IComputeBackend backend, DataMatrix points, PatchCover cover, double[] weights, double scale)
    {
        _backend = backend;
        _points = points;
        _weights = weights;
        _scale = scale;
        int count = cover.Patches.Length, d = points.Columns;
        var members = new List<int>[count];
        for (int c = 0; c < count; c++)
        {
            members[c] = [];
        }
        for (int i = 0; i < cover.CellOf.Length; i++)
        {
            members[cover.CellOf[i]].Add(i);
        }
        _cells = members.Select(list => list.ToArray()).ToArray();
        _total = new double[count];
        _centroids = new double[count * d];
        _spread = new double[count];
        for (int c = 0; c < count; c++)
        {
            (_total[c], _spread[c]) = Moments(_cells[c], null, _centroids.AsSpan(c * d, d));
        }
    }

    /// <summary>Subtracts f(x) from <paramref name="values"/>[a] for each row x of <paramref name="rows"/>, for the patch <paramref name="patch"/>.</summary>
    public void Subtract(int[] patch, DataMatrix rows, Span<double> values)
    {
        int d = _points.Columns, count = _cells.Length;
        var inPatch = new bool[_points.Rows];
        foreach (int i in patch)
        {
            inPatch[i] = true;
        }
        var total = (double[])_total.Clone();
        var spread = (double[])_spread.Clone();
        var centroids = (double[])_centroids.Clone();
        for (int c = 0; c < count; c++)
        {
            int inside = 0;
            foreach (int i in _cells[c])
            {
                if (inPatch[i])
                {
                    inside++;
                }
            }
            if (inside == _cells[c].Length)
            {
                total[c] = 0; // Solved within the patch.
            }
            else if (inside > 0)
            {
                (total[c], spread[c]) = Moments(_cells[c], inPatch, centroids.AsSpan(c * d, d));
            }
        }
        var squared = new double[rows.Rows * count];
        _backend.SquaredDistances<double>(rows.AsSpan(), rows.Rows, centroids, count, d, squared);
        for (int a = 0; a < rows.Rows; a++)
        {
            var row = squared.AsSpan(a * count, count);
            double sum = 0;
            for (int c = 0; c < count; c++)
            {
                if (total[c] != 0)
                {
                    sum += total[c] * Math.Exp(-_scale * Math.Sqrt(row[c] + spread[c]));
                }
            }
            values[a] -= sum;
        }
    }

    // Total weight, centroid and mean squared distance to it of the cell's points outside the patch (all when null).
    private (double Total, double Spread) Moments(int[] cell, bool[]? inPatch, Span<double> centroid)
    {
        int d = _points.Columns, count = 0;
        double total = 0;
        centroid.Clear();
        foreach (int i in cell)
        {
            if (inPatch is not null && inPatch[i])
            {
                continue;
            }
            count++;
            total += _weights[i];
            var x = _points.Row(i);
            for (int j = 0; j < d; j++)
            {
                centroid[j] += x[j];
            }
        }
        for (int j = 0; j < d; j++)
        {
            centroid[j] /= count;
        }
        double spread = 0;
        foreach (int i in cell)
        {
            if (inPatch is not null && inPatch[i])
            {
                continue;
            }
            var x = _points.Row(i);
            for (int j = 0; j < d; j++)
            {
                double delta = x[j] - centroid[j];
                spread += delta * delta;
            }
        }
        return (total, spread / count);
    }
}

/// <summary>
/// The exact residual 1 − Σⱼ Zᵢⱼ·wⱼ on a fixed sample of rows (every ⌈m/64⌉-th), as a root mean square: O(64·m·d), the
/// test that accepts a far-field sweep only when it brings the weights closer to solving Z·w = 1.
/// </summary>
internal sealed class ResidualProbe(IComputeBackend backend, DataMatrix points, double scale)
{
    private const int Rows = 64;
    private const int Block = 4096;

    public double Of(double[] weights)
    {
        int m = points.Rows, d = points.Columns, step = (m + Rows - 1) / Rows;
        var sample = points.SelectRows(Enumerable.Range(0, m).Where(i => i % step == 0).ToArray());
        int count = sample.Rows;
        var dots = new double[count];
        var kernel = new double[count * Block];
        for (int first = 0; first < m; first += Block)
        {
            int width = Math.Min(Block, m - first);
            var block = kernel.AsSpan(0, count * width);
            backend.SquaredDistances<double>(sample.AsSpan(), count, points.AsSpan().Slice(first * d, width * d), width, d, block);
            LaplacianKernel.InPlace(block, scale);
            for (int r = 0; r < count; r++)
            {
                var row = block.Slice(r * width, width);
                for (int j = 0; j < width; j++)
                {
                    dots[r] += row[j] * weights[first + j];
                }
            }
        }
        double sum = 0;
        foreach (double dot in dots)
        {
            sum += (1 - dot) * (1 - dot);
        }
        return Math.Sqrt(sum / count);
    }
}
