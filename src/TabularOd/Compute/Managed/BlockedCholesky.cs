using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TabularOd.Compute.Managed;

/// <summary>
/// Cholesky factorisation A = L·Lᵀ of a row-major n×n matrix, in place, blocked right-looking so that almost
/// all of its n³/6 multiply-adds run in the backend's GEMM.
/// </summary>
/// <remarks>
/// <para>
/// Each step factors a diagonal block (itself blocked, down to a small unblocked kernel), solves the panel
/// below it against that block's transpose, and subtracts the panel's outer product from the trailing lower
/// triangle. The trailing update is split recursively into rectangles so that GEMM sees large operands and
/// only the small squares on the diagonal compute their (discarded) upper halves.
/// </para>
/// <para>
/// Only the lower triangle is read. The strict upper triangle is used as scratch by the trailing updates and
/// cleared at the end. Threads come from GEMM and from the panel leaves' column split, neither of which changes
/// any arithmetic, so the result has the same bits whatever the thread count.
/// </para>
/// </remarks>
internal static class BlockedCholesky
{
    // Width of the outer panels: the k of the trailing rank-k GEMM updates. Wide enough that each update
    // does many flops per element of the trailing matrix it streams through, narrow enough that the
    // diagonal-block and panel work outside the big GEMMs stays small.
    internal const int OuterBlock = 256;

    // Diagonal blocks no wider than this are factored by the scalar kernel.
    internal const int UnblockedLimit = 32;

    // Panel solves recurse on columns until this width, then substitute on a transposed copy of the leaf.
    internal const int PanelLeaf = 16;

    // Trailing-update squares on the diagonal no larger than this are computed whole by one GEMM.
    internal const int SyrkLeaf = 128;

    /// <summary>Factors <paramref name="a"/> (n×n, row-major) in place; see <see cref="IComputeBackend.CholeskyFactor"/>.</summary>
    public static void Factor(IComputeBackend backend, Span<double> a, int n)
    {
        if (n == 0)
        {
            return;
        }
        double[] scratch = n > UnblockedLimit ? GC.AllocateUninitializedArray<double>(PanelLeaf * n) : [];
        FactorRange(backend, a, n, 0, n, OuterBlock, scratch);
        for (int i = 0; i < n - 1; i++)
        {
            a.Slice(i * n + i + 1, n - i - 1).Clear();
        }
    }

    // Factors the diagonal block [start, end) of a matrix whose earlier columns have already been applied to it.
    private static void FactorRange(IComputeBackend backend, Span<double> a, int n, int start, int end, int block, double[] scratch)
    {
        if (end - start <= UnblockedLimit)
        {
            FactorUnblocked(a, n, start, end);
            return;
        }
        int innerBlock = Math.Max(UnblockedLimit, block / 4);
        for (int k0 = start; k0 < end; k0 += block)
        {
            int k1 = Math.Min(k0 + block, end);
            FactorRange(backend, a, n, k0, k1, innerBlock, scratch);
            if (k1 < end)
            {
                SolvePanel(backend, a, n, k1, end, k0, k1, scratch);
                UpdateTrailing(backend, a, n, k1, end, k0, k1);
            }
        }
    }

    // Row-oriented (Cholesky–Banachiewicz) so that every inner product runs along two contiguous rows.
    private static void FactorUnblocked(Span<double> a, int n, int start, int end)
    {
        for (int i = start; i < end; i++)
        {
            Span<double> rowI = a.Slice(i * n + start, i - start + 1);
            for (int j = 0; j < i - start; j++)
            {
                ReadOnlySpan<double> rowJ = a.Slice((start + j) * n + start, j + 1);
                rowI[j] = (rowI[j] - RowKernels.Dot(rowI[..j], rowJ[..j])) / rowJ[j];
            }
            int last = i - start;
            double pivot = rowI[last] - RowKernels.Dot(rowI[..last], rowI[..last]);
            // Written so that NaN fails too; an infinite pivot would leave an infinite L that hides the problem.
            if (!(pivot > 0 && pivot < double.PositiveInfinity))
            {
                throw new MatrixNotPositiveDefiniteException(i, n);
            }
            rowI[last] = Math.Sqrt(pivot);
        }
    }

    // Solves X·L[c0:c1, c0:c1]ᵀ = A[r0:r1, c0:c1] in place. Halving the columns turns most of the work into a
    // GEMM whose k is the finished half and whose tall operand is the panel itself, so GEMM can spread it over
    // threads; the rows are independent right-hand sides throughout.
    private static void SolvePanel(IComputeBackend backend, Span<double> a, int n, int r0, int r1, int c0, int c1, double[] scratch)
    {
        int width = c1 - c0;
        if (width <= PanelLeaf)
        {
            SolvePanelLeaf(backend, a, n, r0, r1, c0, c1, scratch);
            return;
        }
        int cm = c0 + Half(width);
        SolvePanel(backend, a, n, r0, r1, c0, cm, scratch);
        backend.Gemm(MatrixTranspose.None, MatrixTranspose.Transpose, r1 - r0, c1 - cm, cm - c0,
            -1.0, a[(r0 * n + c0)..], n, a[(cm * n + c0)..], n, 1.0, a[(r0 * n + cm)..], n);
        SolvePanel(backend, a, n, r0, r1, cm, c1, scratch);
    }

    // Row by row, each unknown would be a short inner product of at most PanelLeaf terms. Transposed, the leaf
    // is L·Xᵀ = Aᵀ with one long right-hand side per panel row, and substitution runs along whole rows.
    private static void SolvePanelLeaf(IComputeBackend backend, Span<double> a, int n, int r0, int r1, int c0, int c1, double[] scratch)
    {
        int rows = r1 - r0;
        int width = c1 - c0;
        Span<double> transposed = scratch.AsSpan(0, width * rows);
        Transpose(a[(r0 * n + c0)..], n, rows, width, transposed, rows);
        TriangularSolve.SolveLower(backend, a[(c0 * n + c0)..], n, width, transposed, rows);
        Transpose(transposed, rows, width, rows, a[(r0 * n + c0)..], n);
    }

    // destination[j, i] = source[i, j] for a rows×columns source. Eight source rows at a time, so that each
    // destination row receives a whole cache line per visit instead of one element.
    private static void Transpose(ReadOnlySpan<double> source, int sourceStride, int rows, int columns,
        Span<double> destination, int destinationStride)
    {
        if (rows == 0 || columns == 0)
        {
            return;
        }
        // The two checks cover every element the unchecked loops below touch.
        _ = source[(rows - 1) * sourceStride + columns - 1];
        _ = destination[(columns - 1) * destinationStride + rows - 1];
        ref double from = ref MemoryMarshal.GetReference(source);
        ref double to = ref MemoryMarshal.GetReference(destination);
        int i = 0;
        for (; i <= rows - 8; i += 8)
        {
            for (int j = 0; j < columns; j++)
            {
                ref double target = ref Unsafe.Add(ref to, j * destinationStride + i);
                ref double origin = ref Unsafe.Add(ref from, i * sourceStride + j);
                for (int k = 0; k < 8; k++)
                {
                    Unsafe.Add(ref target, k) = Unsafe.Add(ref origin, k * sourceStride);
                }
            }
        }
        for (; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                Unsafe.Add(ref to, j * destinationStride + i) = Unsafe.Add(ref from, i * sourceStride + j);
            }
        }
    }

    // A[r0:r1, r0:r1] (lower) −= P·Pᵀ with P = A[r0:r1, c0:c1]: off-diagonal rectangles go to GEMM whole, the
    // diagonal squares recurse until they are small enough that computing their upper half too costs little.
    private static void UpdateTrailing(IComputeBackend backend, Span<double> a, int n, int r0, int r1, int c0, int c1)
    {
        int size = r1 - r0;
        int k = c1 - c0;
        if (size <= SyrkLeaf)
        {
            backend.Gemm(MatrixTranspose.None, MatrixTranspose.Transpose, size, size, k,
                -1.0, a[(r0 * n + c0)..], n, a[(r0 * n + c0)..], n, 1.0, a[(r0 * n + r0)..], n);
            return;
        }
        int mid = r0 + Half(size);
        UpdateTrailing(backend, a, n, r0, mid, c0, c1);
        backend.Gemm(MatrixTranspose.None, MatrixTranspose.Transpose, r1 - mid, mid - r0, k,
            -1.0, a[(mid * n + c0)..], n, a[(r0 * n + c0)..], n, 1.0, a[(mid * n + r0)..], n);
        UpdateTrailing(backend, a, n, mid, r1, c0, c1);
    }

    // About half of size, rounded up to a multiple of 16 so that GEMM's register tiles line up; callers pass
    // size > 16, so the result is strictly between 0 and size.
    internal static int Half(int size) => (size + 31) / 32 * 16;
}
