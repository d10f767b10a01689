using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using TabularOd.Compute.Distances;
using TabularOd.Compute.Simd;

namespace TabularOd.Compute;

/// <summary>
/// Pairwise squared Euclidean distances as ‖x‖² + ‖y‖² − 2·x·yᵀ, with the cross term from the backend's GEMM,
/// computed tile by tile so that each tile is still in cache when the norms are added and the result checked.
/// Every CPU backend shares this algorithm; only the GEMM differs.
/// </summary>
/// <remarks>
/// <para>
/// Entries the expansion cannot resolve (small next to the norms, identical rows, anything negative) are
/// recomputed directly, so distances are never negative and exactly zero for identical rows; see
/// <see cref="SquaredDistanceRows"/>.
/// </para>
/// <para>
/// Each entry depends only on its two rows, not on the tile it fell in, so the result is the same whatever the
/// thread count and however the rows are batched (given a backend whose GEMM has the same property, as the
/// managed one does).
/// </para>
/// </remarks>
public static unsafe class SquaredDistanceTiles
{
    private const string Method = "SquaredDistances";

    /// <summary>Bytes of one output tile: it should sit in a core's L2 cache together with the packed operands.</summary>
    private const int TileBytes = 512 * 1024;

    /// <summary>Query rows per tile; the column count follows from <see cref="TileBytes"/>.</summary>
    private const int TileRows = 256;

    /// <summary>
    /// result[i·m + j] = ‖x_i − y_j‖² for x (n×d) and y (m×d), row-major. Never negative; exactly zero for
    /// identical rows.
    /// </summary>
    /// <param name="backend">Supplies the GEMM for the cross term.</param>
    /// <param name="x">The first set of rows, n×d.</param>
    /// <param name="n">Rows of <paramref name="x"/>.</param>
    /// <param name="y">The second set of rows, m×d.</param>
    /// <param name="m">Rows of <paramref name="y"/>.</param>
    /// <param name="d">Columns of both.</param>
    /// <param name="result">The n×m output.</param>
    public static void Compute<T>(IComputeBackend backend, ReadOnlySpan<T> x, int n, ReadOnlySpan<T> y, int m, int d, Span<T> result)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Compute(backend, x, n, y, m, d, result, ComputeParallelism.DefaultDegree, vectorBits: 0);

    /// <summary>
    /// result[i·n + j] = ‖x_i − x_j‖² for the rows of x (n×d) against themselves: exactly symmetric, with a zero
    /// diagonal. Only the tiles on and above the diagonal are computed; the others are their mirror images.
    /// </summary>
    /// <param name="backend">Supplies the GEMM for the cross term.</param>
    /// <param name="x">The rows, n×d.</param>
    /// <param name="n">Rows of <paramref name="x"/>.</param>
    /// <param name="d">Columns of <paramref name="x"/>.</param>
    /// <param name="result">The n×n output.</param>
    public static void ComputeSymmetric<T>(IComputeBackend backend, ReadOnlySpan<T> x, int n, int d, Span<T> result)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        ComputeSymmetric(backend, x, n, d, result, ComputeParallelism.DefaultDegree, vectorBits: 0);

    /// <summary>
    /// <see cref="Compute{T}(IComputeBackend, ReadOnlySpan{T}, int, ReadOnlySpan{T}, int, int, Span{T})"/> on at
    /// most the given number of threads and a pinned vector width (0 for the widest).
    /// </summary>
    internal static void Compute<T>(IComputeBackend backend, ReadOnlySpan<T> x, int n, ReadOnlySpan<T> y, int m, int d, Span<T> result,
        int maxDegreeOfParallelism, int vectorBits = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(backend);
        ComputeArguments.CheckElementType<T>(Method);
        ComputeArguments.CheckNonNegative(n, nameof(n), Method);
        ComputeArguments.CheckNonNegative(m, nameof(m), Method);
        ComputeArguments.CheckNonNegative(d, nameof(d), Method);
        ComputeArguments.CheckDenseMatrix(x, n, d, nameof(x), Method);
        ComputeArguments.CheckDenseMatrix(y, m, d, nameof(y), Method);
        ComputeArguments.CheckDenseMatrix<T>(result, n, m, nameof(result), Method);
        int bits = SimdWidth.Resolve(vectorBits, Method);
        if (n == 0 || m == 0)
        {
            return;
        }

        int tileCols = ColumnsPerTile<T>();
        int rowTiles = (n + TileRows - 1) / TileRows;
        int colTiles = (m + tileCols - 1) / tileCols;
        T[] norms = ArrayPool<T>.Shared.Rent(n + m);
        try
        {
            fixed (T* xFixed = x)
            fixed (T* yFixed = y)
            fixed (T* resultFixed = result)
            fixed (T* normsFixed = norms)
            {
                // Lambdas cannot capture fixed locals; copies of the pointers are fine while the spans stay pinned.
                T* xp = xFixed, yp = yFixed, rp = resultFixed;
                T* xNorms = normsFixed, yNorms = normsFixed + n;
                SquaredDistanceRows.Norms(xp, n, d, xNorms);
                SquaredDistanceRows.Norms(yp, m, d, yNorms);
                ComputeParallelism.For(rowTiles * colTiles, maxDegreeOfParallelism, t =>
                {
                    int i0 = t / colTiles * TileRows, j0 = t % colTiles * tileCols;
                    int rows = Math.Min(TileRows, n - i0), cols = Math.Min(tileCols, m - j0);
                    ComputeTile(backend, xp + (nint)i0 * d, xNorms + i0, rows, yp + (nint)j0 * d, yNorms + j0, cols, d,
                        rp + (nint)i0 * m + j0, m, bits);
                });
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(norms);
        }
    }

    /// <summary>
    /// <see cref="ComputeSymmetric{T}(IComputeBackend, ReadOnlySpan{T}, int, int, Span{T})"/> on at most the given
    /// number of threads and a pinned vector width (0 for the widest).
    /// </summary>
    internal static void ComputeSymmetric<T>(IComputeBackend backend, ReadOnlySpan<T> x, int n, int d, Span<T> result,
        int maxDegreeOfParallelism, int vectorBits = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(backend);
        ComputeArguments.CheckElementType<T>(Method);
        ComputeArguments.CheckNonNegative(n, nameof(n), Method);
        ComputeArguments.CheckNonNegative(d, nameof(d), Method);
        ComputeArguments.CheckDenseMatrix(x, n, d, nameof(x), Method);
        ComputeArguments.CheckDenseMatrix<T>(result, n, n, nameof(result), Method);
        int bits = SimdWidth.Resolve(vectorBits, Method);
        if (n == 0)
        {
            return;
        }

        // Square tiles, so a tile above the diagonal mirrors onto exactly one tile below it.
        int side = SquareTileSide<T>();
        int tiles = (n + side - 1) / side;
        int pairs = tiles * (tiles + 1) / 2;
        T[] norms = ArrayPool<T>.Shared.Rent(n);
        try
        {
            fixed (T* xFixed = x)
            fixed (T* resultFixed = result)
            fixed (T* normsFixed = norms)
            {
                T* xp = xFixed, rp = resultFixed, xNorms = normsFixed;
                SquaredDistanceRows.Norms(xp, n, d, xNorms);
                ComputeParallelism.For(pairs, maxDegreeOfParallelism, t =>
                {
                    (int bi, int bj) = UpperTrianglePair(t, tiles);
                    int i0 = bi * side, j0 = bj * side;
                    int rows = Math.Min(side, n - i0), cols = Math.Min(side, n - j0);
                    T* tile = rp + (nint)i0 * n + j0;
                    ComputeTile(backend, xp + (nint)i0 * d, xNorms + i0, rows, xp + (nint)j0 * d, xNorms + j0, cols, d, tile, n, bits);
                    if (bi == bj)
                    {
                        SymmetrizeDiagonalTile(tile, rows, n);
                    }
                    else
                    {
                        MirrorTile(tile, rows, cols, rp + (nint)j0 * n + i0, n);
                    }
                });
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(norms);
        }
    }

    /// <summary>
    /// One tile: tile[i·ldTile + j] = ‖x_i − y_j‖² for the <paramref name="rows"/> rows at <paramref name="x"/> and
    /// the <paramref name="cols"/> rows at <paramref name="y"/>, given their squared norms, finished on vectors of
    /// <paramref name="vectorBits"/> bits.
    /// </summary>
    internal static void ComputeTile<T>(IComputeBackend backend, T* x, T* xNorms, int rows, T* y, T* yNorms, int cols, int d,
        T* tile, int ldTile, int vectorBits)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CrossTerm(backend, x, rows, y, cols, d, tile, ldTile);
        // Finished in place while the tile is still in cache.
        SquaredDistanceRows.FinishTile(x, xNorms, rows, y, yNorms, cols, d, tile, ldTile, vectorBits);
    }

    /// <summary>tile[i·ldTile + j] = −2·x_i·y_j by the backend's GEMM: the first step of <see cref="ComputeTile{T}"/>.</summary>
    internal static void CrossTerm<T>(IComputeBackend backend, T* x, int rows, T* y, int cols, int d, T* tile, int ldTile)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // BLAS wants leading dimensions ≥ 1 even for zero columns.
        int ld = Math.Max(1, d);
        backend.Gemm(MatrixTranspose.None, MatrixTranspose.Transpose, rows, cols, d, T.CreateTruncating(-2.0),
            new ReadOnlySpan<T>(x, rows * d), ld, new ReadOnlySpan<T>(y, cols * d), ld, T.Zero,
            new Span<T>(tile, (rows - 1) * ldTile + cols), ldTile);
    }

    /// <summary>Copies the upper triangle of a diagonal tile onto its lower triangle and zeroes the diagonal.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SymmetrizeDiagonalTile<T>(T* tile, int side, int ld)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < side; i++)
        {
            tile[(nint)i * ld + i] = T.Zero;
            for (int j = i + 1; j < side; j++)
            {
                tile[(nint)j * ld + i] = tile[(nint)i * ld + j];
            }
        }
    }

    /// <summary>Writes the transpose of a rows×cols tile to <paramref name="mirror"/> (cols×rows, same stride).</summary>
    /// <remarks>
    /// The mirror lands in memory no cache holds yet, so it is written row by row, where the hardware prefetchers
    /// can stream it; the tile, just computed and still in L2, takes the strided reads. (Blocked transposes that
    /// write short runs to many rows measured slower here.)
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MirrorTile<T>(T* tile, int rows, int cols, T* mirror, int ld)
        where T : unmanaged
    {
        for (int j = 0; j < cols; j++)
        {
            T* destination = mirror + (nint)j * ld;
            for (int i = 0; i < rows; i++)
            {
                destination[i] = tile[(nint)i * ld + j];
            }
        }
    }

    /// <summary>The t-th tile pair (bi ≤ bj) of a tiles×tiles upper triangle, row by row.</summary>
    private static (int Bi, int Bj) UpperTrianglePair(int t, int tiles)
    {
        int bi = 0, rowLength = tiles;
        while (t >= rowLength)
        {
            t -= rowLength;
            bi++;
            rowLength--;
        }
        return (bi, bi + t);
    }

    private static int ColumnsPerTile<T>() where T : unmanaged =>
        Math.Max(64, TileBytes / (TileRows * sizeof(T)));

    private static int SquareTileSide<T>() where T : unmanaged =>
        (int)Math.Sqrt(TileBytes / sizeof(T)) / 16 * 16;
}
