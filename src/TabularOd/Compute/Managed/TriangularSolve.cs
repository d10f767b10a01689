using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TabularOd.Compute.Managed;

/// <summary>
/// L·X = B and Lᵀ·X = B for a row-major lower-triangular n×n L (row stride ldl) and a row-major B with n rows
/// and nrhs columns (row stride nrhs), in place of B.
/// </summary>
/// <remarks>
/// <para>
/// Recursive on the rows of L: solve one half, subtract its contribution from the other half with one GEMM,
/// solve the other half. The GEMMs carry almost all the work and are as wide as B, so many right-hand sides
/// (an inverse, a Cholesky panel) spend their time in the backend's GEMM. Leaves substitute row by row with
/// vector loops along the rows of B, split over threads by column ranges when B is wide: columns are
/// independent, so the split never changes a result.
/// </para>
/// <para>
/// One right-hand side skips GEMM altogether: a GEMM with one column is a matrix-vector product, bound by
/// reading L once, which the plain substitution also does and without a GEMM's packing copies.
/// </para>
/// </remarks>
internal static unsafe class TriangularSolve
{
    // Below this many right-hand sides the leaves are wide: each GEMM would be nearly a matrix-vector product,
    // and fewer GEMM calls mean less per-call packing and overhead.
    internal const int NarrowRhs = 16;
    internal const int NarrowLeaf = 256;
    internal const int WideLeaf = 32;

    // A leaf is split over threads only when it has at least this many multiply-adds, in column chunks of at
    // least this many right-hand sides: below that, starting tasks costs more than it saves.
    private const long ParallelLeafWork = 1L << 17;
    private const int MinChunkColumns = 64;

    /// <summary>
    /// Solves L·X = B in place. With <paramref name="lowerTriangularRhs"/> (nrhs = n) B is known to be lower
    /// triangular, as the identity is, so is X, and the columns that stay zero are skipped: the cost falls from
    /// n³/2 multiply-adds to n³/6.
    /// </summary>
    public static void SolveLower(IComputeBackend backend, ReadOnlySpan<double> l, int ldl, int n, Span<double> b, int nrhs,
        bool lowerTriangularRhs = false)
    {
        if (n == 0 || nrhs == 0)
        {
            return;
        }
        SolveLowerRange(backend, l, ldl, b, nrhs, 0, n, LeafSize(n, nrhs), lowerTriangularRhs);
    }

    /// <summary>
    /// Solves Lᵀ·X = B in place. With <paramref name="lowerTriangleOnly"/> (nrhs = n) only the lower triangle of X
    /// is wanted: row i of X depends only on the rows below it, so columns beyond i are never computed and the
    /// cost falls from n³/2 multiply-adds to n³/6. Entries above the diagonal are then left unspecified.
    /// </summary>
    public static void SolveLowerTransposed(IComputeBackend backend, ReadOnlySpan<double> l, int ldl, int n, Span<double> b, int nrhs,
        bool lowerTriangleOnly = false)
    {
        if (n == 0 || nrhs == 0)
        {
            return;
        }
        SolveLowerTransposedRange(backend, l, ldl, b, nrhs, 0, n, LeafSize(n, nrhs), lowerTriangleOnly);
    }

    private static int LeafSize(int n, int nrhs) => nrhs == 1 ? n : nrhs < NarrowRhs ? NarrowLeaf : WideLeaf;

    private static void SolveLowerRange(IComputeBackend backend, ReadOnlySpan<double> l, int ldl, Span<double> b, int ldb,
        int r0, int r1, int leaf, bool lowerTriangularRhs)
    {
        if (r1 - r0 <= leaf)
        {
            SolveLowerLeaf(l, ldl, b, ldb, r0, r1, lowerTriangularRhs ? r1 : ldb);
            return;
        }
        int mid = r0 + BlockedCholesky.Half(r1 - r0);
        SolveLowerRange(backend, l, ldl, b, ldb, r0, mid, leaf, lowerTriangularRhs);
        // Rows above mid are zero beyond column mid when B is lower triangular, so only those columns move.
        int columns = lowerTriangularRhs ? mid : ldb;
        backend.Gemm(MatrixTranspose.None, MatrixTranspose.None, r1 - mid, columns, mid - r0,
            -1.0, l[(mid * ldl + r0)..], ldl, b[(r0 * ldb)..], ldb, 1.0, b[(mid * ldb)..], ldb);
        SolveLowerRange(backend, l, ldl, b, ldb, mid, r1, leaf, lowerTriangularRhs);
    }

    private static void SolveLowerTransposedRange(IComputeBackend backend, ReadOnlySpan<double> l, int ldl, Span<double> b,
        int ldb, int r0, int r1, int leaf, bool lowerTriangleOnly)
    {
        if (r1 - r0 <= leaf)
        {
            SolveLowerTransposedLeaf(l, ldl, b, ldb, r0, r1, lowerTriangleOnly ? r1 : ldb);
            return;
        }
        int mid = r0 + BlockedCholesky.Half(r1 - r0);
        SolveLowerTransposedRange(backend, l, ldl, b, ldb, mid, r1, leaf, lowerTriangleOnly);
        // The rows above mid need only their lower triangle, which ends at column mid.
        int columns = lowerTriangleOnly ? mid : ldb;
        backend.Gemm(MatrixTranspose.Transpose, MatrixTranspose.None, mid - r0, columns, r1 - mid,
            -1.0, l[(mid * ldl + r0)..], ldl, b[(mid * ldb)..], ldb, 1.0, b[(r0 * ldb)..], ldb);
        SolveLowerTransposedRange(backend, l, ldl, b, ldb, r0, mid, leaf, lowerTriangleOnly);
    }

    // Forward substitution over rows [r0, r1) and the first `columns` columns of B.
    private static void SolveLowerLeaf(ReadOnlySpan<double> l, int ldl, Span<double> b, int ldb, int r0, int r1, int columns)
    {
        if (ldb == 1)
        {
            // One right-hand side: the unknowns are contiguous, so each row is one inner product.
            for (int i = r0; i < r1; i++)
            {
                b[i] = (b[i] - RowKernels.Dot(l.Slice(i * ldl + r0, i - r0), b[r0..i])) / l[i * ldl + i];
            }
            return;
        }
        ForColumnChunks(l, ldl, b, ldb, r0, r1, columns, &SolveLowerLeafColumns);
    }

    // Back substitution with Lᵀ over rows [r0, r1): row i of the solution feeds the rows above it through row i
    // of L, which is contiguous.
    private static void SolveLowerTransposedLeaf(ReadOnlySpan<double> l, int ldl, Span<double> b, int ldb, int r0, int r1, int columns)
    {
        if (ldb == 1)
        {
            for (int i = r1 - 1; i >= r0; i--)
            {
                double x = b[i] / l[i * ldl + i];
                b[i] = x;
                RowKernels.AddScaled(l.Slice(i * ldl + r0, i - r0), -x, b[r0..i]);
            }
            return;
        }
        ForColumnChunks(l, ldl, b, ldb, r0, r1, columns, &SolveLowerTransposedLeafColumns);
    }

    // Forward substitution on columns [c0, c1): row i of the solution is finished in registers, a few vectors of
    // columns at a time, before it is stored, so each row of B is read from memory once per leaf rather than once
    // per earlier row. Every column sees the same operations in the same order whether it falls in a vector or
    // in the scalar tail (multiply and subtract rounded separately), so how the columns are split never shows.
    private static void SolveLowerLeafColumns(ReadOnlySpan<double> l, int ldl, Span<double> b, int ldb, int r0, int r1, int c0, int c1)
    {
        ref double bs = ref MemoryMarshal.GetReference(b);
        ref double ls = ref MemoryMarshal.GetReference(l);
        int lanes = Vector<double>.Count;
        int c = c0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; c <= c1 - 4 * lanes; c += 4 * lanes)
            {
                for (int i = r0; i < r1; i++)
                {
                    ref double target = ref Unsafe.Add(ref bs, i * ldb + c);
                    var x0 = Vector.LoadUnsafe(ref target);
                    var x1 = Vector.LoadUnsafe(ref target, (nuint)lanes);
                    var x2 = Vector.LoadUnsafe(ref target, (nuint)(2 * lanes));
                    var x3 = Vector.LoadUnsafe(ref target, (nuint)(3 * lanes));
                    for (int p = r0; p < i; p++)
                    {
                        var factor = new Vector<double>(Unsafe.Add(ref ls, i * ldl + p));
                        ref double known = ref Unsafe.Add(ref bs, p * ldb + c);
                        x0 -= factor * Vector.LoadUnsafe(ref known);
                        x1 -= factor * Vector.LoadUnsafe(ref known, (nuint)lanes);
                        x2 -= factor * Vector.LoadUnsafe(ref known, (nuint)(2 * lanes));
                        x3 -= factor * Vector.LoadUnsafe(ref known, (nuint)(3 * lanes));
                    }
                    var diagonal = new Vector<double>(Unsafe.Add(ref ls, i * ldl + i));
                    (x0 / diagonal).StoreUnsafe(ref target);
                    (x1 / diagonal).StoreUnsafe(ref target, (nuint)lanes);
                    (x2 / diagonal).StoreUnsafe(ref target, (nuint)(2 * lanes));
                    (x3 / diagonal).StoreUnsafe(ref target, (nuint)(3 * lanes));
                }
            }
            for (; c <= c1 - lanes; c += lanes)
            {
                for (int i = r0; i < r1; i++)
                {
                    ref double target = ref Unsafe.Add(ref bs, i * ldb + c);
                    var x = Vector.LoadUnsafe(ref target);
                    for (int p = r0; p < i; p++)
                    {
                        x -= new Vector<double>(Unsafe.Add(ref ls, i * ldl + p)) * Vector.LoadUnsafe(ref Unsafe.Add(ref bs, p * ldb + c));
                    }
                    (x / new Vector<double>(Unsafe.Add(ref ls, i * ldl + i))).StoreUnsafe(ref target);
                }
            }
        }
        for (; c < c1; c++)
        {
            for (int i = r0; i < r1; i++)
            {
                double x = Unsafe.Add(ref bs, i * ldb + c);
                for (int p = r0; p < i; p++)
                {
                    x -= Unsafe.Add(ref ls, i * ldl + p) * Unsafe.Add(ref bs, p * ldb + c);
                }
                Unsafe.Add(ref bs, i * ldb + c) = x / Unsafe.Add(ref ls, i * ldl + i);
            }
        }
    }

    // Back substitution with Lᵀ on columns [c0, c1), organised like the forward leaf; the rows below i are
    // subtracted from the bottom up.
    private static void SolveLowerTransposedLeafColumns(ReadOnlySpan<double> l, int ldl, Span<double> b, int ldb, int r0, int r1, int c0, int c1)
    {
        ref double bs = ref MemoryMarshal.GetReference(b);
        ref double ls = ref MemoryMarshal.GetReference(l);
        int lanes = Vector<double>.Count;
        int c = c0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; c <= c1 - 4 * lanes; c += 4 * lanes)
            {
                for (int i = r1 - 1; i >= r0; i--)
                {
                    ref double target = ref Unsafe.Add(ref bs, i * ldb + c);
                    var x0 = Vector.LoadUnsafe(ref target);
                    var x1 = Vector.LoadUnsafe(ref target, (nuint)lanes);
                    var x2 = Vector.LoadUnsafe(ref target, (nuint)(2 * lanes));
                    var x3 = Vector.LoadUnsafe(ref target, (nuint)(3 * lanes));
                    for (int p = r1 - 1; p > i; p--)
                    {
                        var factor = new Vector<double>(Unsafe.Add(ref ls, p * ldl + i));
                        ref double known = ref Unsafe.Add(ref bs, p * ldb + c);
                        x0 -= factor * Vector.LoadUnsafe(ref known);
                        x1 -= factor * Vector.LoadUnsafe(ref known, (nuint)lanes);
                        x2 -= factor * Vector.LoadUnsafe(ref known, (nuint)(2 * lanes));
                        x3 -= factor * Vector.LoadUnsafe(ref known, (nuint)(3 * lanes));
                    }
                    var diagonal = new Vector<double>(Unsafe.Add(ref ls, i * ldl + i));
                    (x0 / diagonal).StoreUnsafe(ref target);
                    (x1 / diagonal).StoreUnsafe(ref target, (nuint)lanes);
                    (x2 / diagonal).StoreUnsafe(ref target, (nuint)(2 * lanes));
                    (x3 / diagonal).StoreUnsafe(ref target, (nuint)(3 * lanes));
                }
            }
            for (; c <= c1 - lanes; c += lanes)
            {
                for (int i = r1 - 1; i >= r0; i--)
                {
                    ref double target = ref Unsafe.Add(ref bs, i * ldb + c);
                    var x = Vector.LoadUnsafe(ref target);
                    for (int p = r1 - 1; p > i; p--)
                    {
                        x -= new Vector<double>(Unsafe.Add(ref ls, p * ldl + i)) * Vector.LoadUnsafe(ref Unsafe.Add(ref bs, p * ldb + c));
                    }
                    (x / new Vector<double>(Unsafe.Add(ref ls, i * ldl + i))).StoreUnsafe(ref target);
                }
            }
        }
        for (; c < c1; c++)
        {
            for (int i = r1 - 1; i >= r0; i--)
            {
                double x = Unsafe.Add(ref bs, i * ldb + c);
                for (int p = r1 - 1; p > i; p--)
                {
                    x -= Unsafe.Add(ref ls, p * ldl + i) * Unsafe.Add(ref bs, p * ldb + c);
                }
                Unsafe.Add(ref bs, i * ldb + c) = x / Unsafe.Add(ref ls, i * ldl + i);
            }
        }
    }

    // Runs a leaf kernel over column ranges of B, on several threads when the leaf is big enough to pay for them.
    private static void ForColumnChunks(ReadOnlySpan<double> l, int ldl, Span<double> b, int ldb, int r0, int r1, int columns,
        delegate*<ReadOnlySpan<double>, int, Span<double>, int, int, int, int, int, void> kernel)
    {
        long work = (long)(r1 - r0) * (r1 - r0) / 2 * columns;
        int chunks = work < ParallelLeafWork ? 1 : Math.Min(4 * ComputeParallelism.DefaultDegree, columns / MinChunkColumns);
        if (chunks <= 1 || ComputeParallelism.IsInsideRegion)
        {
            kernel(l, ldl, b, ldb, r0, r1, 0, columns);
            return;
        }
        // Spans cannot be captured by the loop body, so the pinned addresses travel instead.
        fixed (double* lPointer = l)
        fixed (double* bPointer = b)
        {
            nint lAddress = (nint)lPointer, bAddress = (nint)bPointer;
            int lLength = l.Length, bLength = b.Length;
            // Multiples of 8 keep every chunk but the last on whole vectors.
            int chunkColumns = ((columns + chunks - 1) / chunks + 7) & ~7;
            ComputeParallelism.For(chunks, ComputeParallelism.DefaultDegree, chunk =>
            {
                int c0 = chunk * chunkColumns;
                int c1 = Math.Min(columns, c0 + chunkColumns);
                if (c0 < c1)
                {
                    kernel(new ReadOnlySpan<double>((void*)lAddress, lLength), ldl,
                        new Span<double>((void*)bAddress, bLength), ldb, r0, r1, c0, c1);
                }
            });
        }
    }
}
