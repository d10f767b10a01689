namespace TabularOd.Compute.OpenBlas;

/// <summary>
/// GEMM as single-threaded <c>cblas_sgemm</c>/<c>cblas_dgemm</c> calls over a fixed grid of C blocks, run in
/// parallel by <see cref="ComputeParallelism"/>.
/// </summary>
/// <remarks>
/// OpenBLAS's own threading divides a product differently for different pool sizes, and the rounding follows:
/// a 333×301×257 product changed in the last bits of most elements between one, two and three threads here.
/// Here the grid depends only on m and n, every block sees the whole k in one call, and which thread runs a
/// block never changes its result.
/// </remarks>
internal static unsafe class OpenBlasGemm
{
    /// <summary>Below this many multiply-adds one call on one thread is quickest.</summary>
    private const long ParallelThreshold = 1L << 21;

    /// <summary>
    /// Rows of C per block. Small enough that a 2000×2000 product makes 16 blocks for the cores to share, large
    /// enough that repacking B once per row block stays a few per cent of the work.
    /// </summary>
    internal const int RowBlock = 256;

    /// <summary>Columns of C per block.</summary>
    internal const int ColumnBlock = 1024;

    /// <summary>Runs C ← α·op(A)·op(B) + β·C for m, n, k ≥ 1 (checked by the caller) on up to <paramref name="maxDegreeOfParallelism"/> threads.</summary>
    public static void Run<T>(OpenBlasNative native, bool transA, bool transB, int m, int n, int k,
        T alpha, T* a, int lda, T* b, int ldb, T beta, T* c, int ldc, int maxDegreeOfParallelism)
        where T : unmanaged
    {
        native.EnsureSingleThreaded();
        if ((long)m * n * k < ParallelThreshold || (m <= RowBlock && n <= ColumnBlock))
        {
            Call(native, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
            return;
        }
        int rowBlocks = (m + RowBlock - 1) / RowBlock, columnBlocks = (n + ColumnBlock - 1) / ColumnBlock;
        nint pa = (nint)a, pb = (nint)b, pc = (nint)c;
        ComputeParallelism.For(rowBlocks * columnBlocks, maxDegreeOfParallelism, block =>
        {
            int i0 = block / columnBlocks * RowBlock, j0 = block % columnBlocks * ColumnBlock;
            // op(A) rows i0… are stored rows when A is not transposed and stored columns when it is.
            T* aBlock = (T*)pa + (transA ? i0 : (nint)i0 * lda);
            T* bBlock = (T*)pb + (transB ? (nint)j0 * ldb : j0);
            T* cBlock = (T*)pc + (nint)i0 * ldc + j0;
            Call(native, transA, transB, Math.Min(RowBlock, m - i0), Math.Min(ColumnBlock, n - j0), k,
                alpha, aBlock, lda, bBlock, ldb, beta, cBlock, ldc);
        });
    }

    private static void Call<T>(OpenBlasNative native, bool transA, bool transB, int m, int n, int k,
        T alpha, T* a, int lda, T* b, int ldb, T beta, T* c, int ldc)
        where T : unmanaged
    {
        int opA = transA ? OpenBlasNative.Trans : OpenBlasNative.NoTrans;
        int opB = transB ? OpenBlasNative.Trans : OpenBlasNative.NoTrans;
        if (typeof(T) == typeof(float))
        {
            native.Sgemm(OpenBlasNative.RowMajor, opA, opB, m, n, k, *(float*)&alpha, (float*)a, lda, (float*)b, ldb,
                *(float*)&beta, (float*)c, ldc);
        }
        else
        {
            native.Dgemm(OpenBlasNative.RowMajor, opA, opB, m, n, k, *(double*)&alpha, (double*)a, lda, (double*)b, ldb,
                *(double*)&beta, (double*)c, ldc);
        }
    }
}
