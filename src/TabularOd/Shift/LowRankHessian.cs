using System.Numerics.Tensors;
using TabularOd.Compute;

namespace TabularOd.Shift;

/// <summary>
/// A low-rank factor F (N×r) of a symmetric positive semidefinite matrix H, from a diagonally pivoted partial
/// Cholesky decomposition, with H − FFᵀ positive semidefinite and its trace bounded by a requested amount.
/// </summary>
/// <remarks>
/// <para>
/// Each step picks the row with the largest remaining diagonal (ties to the lower index), so the remainder
/// R = H − FFᵀ stays positive semidefinite and its trace, Σ diag(R), bounds its largest eigenvalue: every product
/// satisfies ‖Hx − FFᵀx‖₂ ≤ trace(R)·‖x‖₂. Building r columns costs O(N·r²) and reads only r rows of H.
/// </para>
/// <para>
/// Gaussian kernel matrices have fast-decaying spectra, so a small remainder is reached at a rank far below N,
/// and then FFᵀx (O(N·r)) is much cheaper than Hx (O(N²)). The product is split over fixed row blocks and the
/// blocks' partial sums are added in block order, so it gives the same bits whatever the thread count. An instance
/// keeps scratch buffers for the product: use it from one thread at a time.
/// </para>
/// </remarks>
public sealed class LowRankHessian
{
    private const int RowBlock = 64;
    private const long ParallelWork = 1L << 18;

    private readonly double[] _factor; // N×r, row-major
    private readonly int _size;
    private readonly double[] _input;
    private readonly double[] _output;
    private readonly double[] _partial;
    private readonly double[] _coefficients;

    private LowRankHessian(double[] factor, int size, int rank, double remainderTrace)
    {
        _factor = factor;
        _size = size;
        _input = new double[size];
        _output = new double[size];
        _partial = new double[((size + RowBlock - 1) / RowBlock) * rank];
        _coefficients = new double[rank];
        Rank = rank;
        RemainderTrace = remainderTrace;
    }

    /// <summary>The rank r of the factor.</summary>
    public int Rank { get; }

    /// <summary>trace(H − FFᵀ) ≥ ‖H − FFᵀ‖₂ (computed from the updated diagonal, so up to rounding).</summary>
    public double RemainderTrace { get; }

    /// <summary>
    /// The factor of the N×N row-major <paramref name="hessian"/> with the fewest columns whose remainder trace is at
    /// most <paramref name="traceTarget"/>, or null when that needs more than <paramref name="maxRank"/> columns
    /// (or H turns out not to be positive semidefinite before the target is reached).
    /// </summary>
    public static LowRankHessian? TryFactor(double[] hessian, int size, double traceTarget, int maxRank)
    {
        ArgumentNullException.ThrowIfNull(hessian);
        if (hessian.Length != (long)size * size)
        {
            throw new ArgumentException($"A {size}×{size} matrix needs {(long)size * size} values, not {hessian.Length}.", nameof(hessian));
        }
        var remainder = new double[size];
        double trace = 0;
        for (int i = 0; i < size; i++)
        {
            remainder[i] = hessian[(i * size) + i];
            trace += Math.Max(remainder[i], 0);
        }
        var columns = new List<double[]>();
        while (trace > traceTarget)
        {
            if (columns.Count >= maxRank)
            {
                return null;
            }
            int pivot = 0;
            for (int i = 1; i < size; i++)
            {
                if (remainder[i] > remainder[pivot])
                {
                    pivot = i;
                }
            }
            double pivotValue = remainder[pivot];
            if (!(pivotValue > 0))
            {
                return null; // the remainder's diagonal is used up although its trace is not: H is not PSD
            }
            // Column k = (H[:, p] − Σ_j F[:, j]·F[p, j]) / √R[p, p]; H is symmetric, so its row p serves as column p.
            var column = hessian.AsSpan(pivot * size, size).ToArray();
            foreach (var previous in columns)
            {
                double weight = previous[pivot];
                if (weight != 0)
                {
                    TensorPrimitives.MultiplyAdd(previous, -weight, column, column);
                }
            }
            TensorPrimitives.Multiply(column, 1 / Math.Sqrt(pivotValue), column);
            columns.Add(column);
            for (int i = 0; i < size; i++)
            {
                // Rounding can leave a tiny negative remainder; the true one is ≥ 0.
                remainder[i] = Math.Max(remainder[i] - (column[i] * column[i]), 0);
            }
            remainder[pivot] = 0; // exactly zero in exact arithmetic
            trace = 0;
            for (int i = 0; i < size; i++)
            {
                trace += remainder[i];
            }
        }
        int rank = columns.Count;
        var factor = new double[size * rank];
        for (int k = 0; k < rank; k++)
        {
            var column = columns[k];
            for (int i = 0; i < size; i++)
            {
                factor[(i * rank) + k] = column[i];
            }
        }
        return new LowRankHessian(factor, size, rank, trace);
    }

    /// <summary>FFᵀx into <paramref name="result"/>. Uses scratch buffers of this instance: one caller at a time.</summary>
    public void Times(ReadOnlySpan<double> x, Span<double> result)
    {
        int n = _size, r = Rank;
        if (r == 0)
        {
            result.Clear();
            return;
        }
        int blocks = (n + RowBlock - 1) / RowBlock;
        x.CopyTo(_input);
        var input = _input;
        var partial = _partial;
        var factor = _factor;
        var output = _output;
        // Below this much work a parallel loop costs more than it saves.
        int degree = (long)n * r >= ParallelWork ? ComputeParallelism.DefaultDegree : 1;
        // Fᵀx: each fixed row block adds its rows into its own partial sum ...
        ComputeParallelism.For(blocks, degree, b =>
        {
            var sum = partial.AsSpan(b * r, r);
            sum.Clear();
            int end = Math.Min(n, (b + 1) * RowBlock);
            for (int i = b * RowBlock; i < end; i++)
            {
                TensorPrimitives.MultiplyAdd(factor.AsSpan(i * r, r), input[i], sum, sum);
            }
        });
        // ... and the partial sums are added in block order, whichever thread made them.
        var coefficients = _coefficients;
        partial.AsSpan(0, r).CopyTo(coefficients);
        for (int b = 1; b < blocks; b++)
        {
            TensorPrimitives.Add(coefficients, partial.AsSpan(b * r, r), coefficients);
        }
        ComputeParallelism.For(blocks, degree, b =>
        {
            int end = Math.Min(n, (b + 1) * RowBlock);
            for (int i = b * RowBlock; i < end; i++)
            {
                output[i] = TensorPrimitives.Dot(factor.AsSpan(i * r, r), coefficients);
            }
        });
        output.CopyTo(result);
    }
}
