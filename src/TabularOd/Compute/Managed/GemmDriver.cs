using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace TabularOd.Compute.Managed;

/// <summary>
/// The blocked GEMM loops around one micro-kernel: for each nc panel of columns and each kc block of k, pack
/// the B panel once, then let tasks (one per mc block of rows, split along n too when rows are few) pack their
/// A block and sweep the micro-kernel over it, one Mr-row strip at a time (see <see cref="GemmBlocking"/>).
/// </summary>
/// <remarks>
/// Work is divided over C only, and the kc blocks run one after the other, so each C element receives the same
/// sequence of fused multiply-adds and merges whatever the thread count: results are bit-identical.
/// </remarks>
internal static unsafe class GemmDriver<TKernel, T>
    where TKernel : struct, IGemmMicroKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Below this many multiply-adds a second thread costs more to start than it saves.</summary>
    private const long ParallelThreshold = 1L << 21;

    /// <summary>Packed buffers start on a cache line so that no vector load of a panel straddles two lines.</summary>
    private const int Alignment = 64;

    /// <summary>Runs C ← α·op(A)·op(B) + β·C with k ≥ 1 and α ≠ 0; arguments are already checked.</summary>
    public static void Run(bool transA, bool transB, int m, int n, int k, T alpha, ReadOnlySpan<T> a, int lda,
        ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc, int maxDegreeOfParallelism)
    {
        int mr = TKernel.Mr, nr = TKernel.Nr;
        GemmBlocking blocking = GemmBlocking.For(k, mr, nr, sizeof(T));
        int threads = (long)m * n * k < ParallelThreshold || ComputeParallelism.IsInsideRegion ? 1 : maxDegreeOfParallelism;

        int panelWidth = Math.Min(blocking.Nc, RoundUp(n, nr));
        T[] bRented = ArrayPool<T>.Shared.Rent(blocking.Kc * panelWidth + Alignment / sizeof(T));
        try
        {
            fixed (T* aBase = a)
            fixed (T* cBase = c)
            fixed (T* bPinned = bRented)
            {
                var job = new Job
                {
                    A = aBase, ALength = a.Length, Lda = lda, TransA = transA,
                    C = cBase, Ldc = ldc, M = m, Alpha = alpha,
                    PackedB = AlignUp(bPinned), Mc = blocking.Mc,
                };
                for (int jc = 0; jc < n; jc += blocking.Nc)
                {
                    job.Jc = jc;
                    job.Cols = Math.Min(blocking.Nc, n - jc);
                    for (int pc = 0; pc < k; pc += blocking.Kc)
                    {
                        job.Pc = pc;
                        job.Kc = Math.Min(blocking.Kc, k - pc);
                        // The first k block merges with the caller's β; later ones add to what it left.
                        job.Beta = pc == 0 ? beta : T.One;
                        job.Overwrite = pc == 0 && beta == T.Zero;
                        GemmPacking.PackB(b, ldb, transB, pc, job.Kc, jc, job.Cols, nr,
                            new Span<T>(job.PackedB, RoundUp(job.Cols, nr) * job.Kc));
                        RunBlock(ref job, threads);
                    }
                }
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(bRented);
        }
    }

    private static void RunBlock(ref Job job, int threads)
    {
        int rowBlocks = (job.M + job.Mc - 1) / job.Mc;
        int panels = (job.Cols + TKernel.Nr - 1) / TKernel.Nr;
        // With few row blocks, split the columns too so every thread has work; a few tasks per thread even
        // out the uneven last blocks.
        int columnChunks = threads == 1 ? 1 : Math.Clamp((4 * threads + rowBlocks - 1) / rowBlocks, 1, Math.Max(1, panels / 4));
        job.PanelsPerChunk = (panels + columnChunks - 1) / columnChunks;
        columnChunks = (panels + job.PanelsPerChunk - 1) / job.PanelsPerChunk;
        job.ColumnChunks = columnChunks;
        int tasks = rowBlocks * columnChunks;
        if (threads == 1 || tasks == 1)
        {
            for (int t = 0; t < tasks; t++)
            {
                job.RunTask(t);
            }
            return;
        }
        ComputeParallelism.For(tasks, threads, job.RunTask);
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;

    private static T* AlignUp(T* pointer) => (T*)(((nint)pointer + (Alignment - 1)) & ~(nint)(Alignment - 1));

    /// <summary>One kc×nc step of the blocked loops, shared read-only by its tasks.</summary>
    private struct Job
    {
        public T* A;
        public int ALength;
        public int Lda;
        public bool TransA;
        public T* C;
        public int Ldc;
        public int M;
        public T Alpha;
        public T Beta;
        public bool Overwrite;
        public T* PackedB;
        public int Mc;
        public int Jc;
        public int Cols;
        public int Pc;
        public int Kc;
        public int PanelsPerChunk;
        public int ColumnChunks;

        /// <summary>Packs one mc block of A and multiplies it by one chunk of the packed B panel.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public readonly void RunTask(int task)
        {
            int mr = TKernel.Mr, nr = TKernel.Nr;
            int ic = task / ColumnChunks * Mc;
            int rows = Math.Min(Mc, M - ic);
            int firstPanel = task % ColumnChunks * PanelsPerChunk;
            int lastPanel = Math.Min(firstPanel + PanelsPerChunk, (Cols + nr - 1) / nr);

            int packedLength = RoundUp(rows, mr) * Kc;
            T[] aRented = ArrayPool<T>.Shared.Rent(packedLength + Alignment / sizeof(T));
            T* edge = stackalloc T[mr * nr];
            try
            {
                fixed (T* aPinned = aRented)
                {
                    T* packedA = AlignUp(aPinned);
                    GemmPacking.PackA(new ReadOnlySpan<T>(A, ALength), Lda, TransA, ic, rows, Pc, Kc, mr,
                        new Span<T>(packedA, packedLength));
                    for (int ir = 0; ir < rows; ir += mr)
                    {
                        T* aPanel = packedA + (nint)ir * Kc;
                        int tileRows = Math.Min(mr, rows - ir);
                        for (int q = firstPanel; q < lastPanel; q++)
                        {
                            int jr = q * nr;
                            int cols = Math.Min(nr, Cols - jr);
                            T* bPanel = PackedB + (nint)jr * Kc;
                            T* cTile = C + (nint)(ic + ir) * Ldc + Jc + jr;
                            if (tileRows == mr && cols == nr)
                            {
                                TKernel.Run(Kc, ref *aPanel, ref *bPanel, ref *cTile, Ldc, Alpha, Beta, Overwrite);
                            }
                            else
                            {
                                RunEdge(aPanel, bPanel, cTile, tileRows, cols, edge);
                            }
                        }
                    }
                }
            }
            finally
            {
                ArrayPool<T>.Shared.Return(aRented);
            }
        }

        /// <summary>
        /// A partial tile at the bottom or right edge of C: run the full kernel on a copy of the valid part so
        /// that these elements see exactly the operations interior elements do.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private readonly void RunEdge(T* aPanel, T* bPanel, T* cTile, int tileRows, int cols, T* edge)
        {
            int nr = TKernel.Nr;
            if (!Overwrite)
            {
                for (int r = 0; r < tileRows; r++)
                {
                    new ReadOnlySpan<T>(cTile + (nint)r * Ldc, cols).CopyTo(new Span<T>(edge + r * nr, cols));
                }
            }
            TKernel.Run(Kc, ref *aPanel, ref *bPanel, ref *edge, nr, Alpha, Beta, Overwrite);
            for (int r = 0; r < tileRows; r++)
            {
                new ReadOnlySpan<T>(edge + r * nr, cols).CopyTo(new Span<T>(cTile + (nint)r * Ldc, cols));
            }
        }
    }
}
