using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using TabularOd.Compute.Distances;
using TabularOd.Compute.Neighbors;
using TabularOd.Compute.Simd;

namespace TabularOd.Compute;

/// <summary>
/// Exact k-nearest neighbours by brute force, tile by tile: a block of queries against a block of reference
/// rows is turned into squared distances as <see cref="SquaredDistanceTiles"/> does it (the backend's GEMM, then
/// <see cref="SquaredDistanceRows"/>), and each query row of the tile is screened against the worst of its
/// current k; the few survivors enter its <see cref="BoundedTopK{T}"/>. The q×n distance matrix never exists:
/// extra memory is one tile per thread, the norms, and one count per query.
/// </summary>
/// <remarks>
/// Query blocks run in parallel, each visiting the reference blocks in order. The top-k order (distance, then
/// index) is total, so neither the tile order nor the thread count changes the result, and a query's neighbours
/// do not depend on which other queries it was batched with.
/// </remarks>
public static unsafe class KNearestSearch
{
    private const string Method = "KNearest";

    /// <summary>
    /// Queries per tile. Both packed GEMM operands are re-packed once per tile, so for a given tile size square
    /// tiles pack least; 512 rows still leaves several blocks per thread at 10,000 queries.
    /// </summary>
    private const int QueryBlock = 512;

    /// <summary>Bytes of one distance tile, sized to stay in a core's L2 cache between its computation and its scan.</summary>
    private const int TileBytes = 1024 * 1024;

    /// <summary>
    /// The <paramref name="k"/> nearest rows of <paramref name="reference"/> (n×d) to each row of
    /// <paramref name="queries"/> (q×d), by Euclidean distance, nearest first, ties to the lower index.
    /// </summary>
    /// <param name="backend">Supplies the GEMM for the distance tiles.</param>
    /// <param name="reference">The rows searched, n×d.</param>
    /// <param name="n">Rows of <paramref name="reference"/>.</param>
    /// <param name="queries">The rows whose neighbours are wanted, q×d.</param>
    /// <param name="q">Rows of <paramref name="queries"/>.</param>
    /// <param name="d">Columns of both.</param>
    /// <param name="k">Neighbours per query, 1 ≤ k ≤ n.</param>
    public static NeighborResult<T> Search<T>(IComputeBackend backend, ReadOnlySpan<T> reference, int n, ReadOnlySpan<T> queries, int q, int d, int k)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Search(backend, reference, n, queries, q, d, k, ComputeParallelism.DefaultDegree, vectorBits: 0);

    /// <summary>
    /// The <paramref name="k"/> nearest rows of x (n×d) to each of its own rows. With
    /// <paramref name="excludeSelf"/> row i is never its own neighbour (matched by index, so a duplicate of row i
    /// still is, at distance 0), as scikit-learn's <c>kneighbors()</c> without arguments behaves.
    /// </summary>
    /// <param name="backend">Supplies the GEMM for the distance tiles.</param>
    /// <param name="x">The rows, n×d.</param>
    /// <param name="n">Rows of <paramref name="x"/>.</param>
    /// <param name="d">Columns of <paramref name="x"/>.</param>
    /// <param name="k">Neighbours per row: 1 ≤ k ≤ n, or ≤ n − 1 with <paramref name="excludeSelf"/>.</param>
    /// <param name="excludeSelf">Whether row i is left out of its own neighbours.</param>
    public static NeighborResult<T> SearchSelf<T>(IComputeBackend backend, ReadOnlySpan<T> x, int n, int d, int k, bool excludeSelf)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        SearchSelf(backend, x, n, d, k, excludeSelf, ComputeParallelism.DefaultDegree, vectorBits: 0);

    /// <summary>
    /// <see cref="Search{T}(IComputeBackend, ReadOnlySpan{T}, int, ReadOnlySpan{T}, int, int, int)"/> on at most the
    /// given number of threads and a pinned vector width (0 for the widest).
    /// </summary>
    internal static NeighborResult<T> Search<T>(IComputeBackend backend, ReadOnlySpan<T> reference, int n, ReadOnlySpan<T> queries, int q, int d, int k,
        int maxDegreeOfParallelism, int vectorBits = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(backend);
        ComputeArguments.CheckElementType<T>(Method);
        ComputeArguments.CheckPositive(k, nameof(k), Method);
        ComputeArguments.CheckNonNegative(n, nameof(n), Method);
        ComputeArguments.CheckNonNegative(q, nameof(q), Method);
        ComputeArguments.CheckNonNegative(d, nameof(d), Method);
        ComputeArguments.CheckDenseMatrix(reference, n, d, nameof(reference), Method);
        ComputeArguments.CheckDenseMatrix(queries, q, d, nameof(queries), Method);
        ComputeArguments.CheckAtMost(k, n, "the reference rows", nameof(k), Method);
        int bits = SimdWidth.Resolve(vectorBits, Method);

        fixed (T* r = reference)
        fixed (T* qs = queries)
        {
            return Run(backend, r, n, qs, q, d, k, excludeSelf: false, maxDegreeOfParallelism, bits);
        }
    }

    /// <summary>
    /// <see cref="SearchSelf{T}(IComputeBackend, ReadOnlySpan{T}, int, int, int, bool)"/> on at most the given
    /// number of threads and a pinned vector width (0 for the widest).
    /// </summary>
    internal static NeighborResult<T> SearchSelf<T>(IComputeBackend backend, ReadOnlySpan<T> x, int n, int d, int k, bool excludeSelf,
        int maxDegreeOfParallelism, int vectorBits = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(backend);
        ComputeArguments.CheckElementType<T>(Method);
        ComputeArguments.CheckPositive(k, nameof(k), Method);
        ComputeArguments.CheckNonNegative(n, nameof(n), Method);
        ComputeArguments.CheckNonNegative(d, nameof(d), Method);
        ComputeArguments.CheckDenseMatrix(x, n, d, nameof(x), Method);
        if (excludeSelf)
        {
            ComputeArguments.CheckAtMost(k, n - 1, "the reference rows, less the row itself", nameof(k), Method);
        }
        else
        {
            ComputeArguments.CheckAtMost(k, n, "the reference rows", nameof(k), Method);
        }
        int bits = SimdWidth.Resolve(vectorBits, Method);

        fixed (T* xp = x)
        {
            return Run(backend, xp, n, xp, n, d, k, excludeSelf, maxDegreeOfParallelism, bits);
        }
    }

    private static NeighborResult<T> Run<T>(IComputeBackend backend, T* reference, int n, T* queries, int q, int d, int k, bool excludeSelf,
        int maxDegreeOfParallelism, int vectorBits)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var indices = new int[(long)q * k];
        var distances = new T[(long)q * k];
        if (q == 0)
        {
            return new NeighborResult<T>(q, k, indices, distances);
        }
        if (UsesKdTree(reference, n, queries, q, d))
        {
            SearchKdTree(reference, n, queries, q, d, k, excludeSelf, threads: ComputeParallelism.IsInsideRegion ? 1 : maxDegreeOfParallelism,
                indices, distances);
            return new NeighborResult<T>(q, k, indices, distances);
        }

        // A self-search (or queries that are the first rows of the reference) can share the reference norms.
        bool shared = reference == queries && q <= n;
        int referenceBlock = Math.Max(64, TileBytes / (QueryBlock * sizeof(T)));
        int queryBlocks = (q + QueryBlock - 1) / QueryBlock;
        int referenceBlocks = (n + referenceBlock - 1) / referenceBlock;

        // Few queries (a small batch scored against a large training set) would leave threads idle: then the
        // reference rows are split into chunks too, each with its own top-k, merged afterwards. The order is total,
        // so the merge gives exactly what one pass would.
        int threads = ComputeParallelism.IsInsideRegion ? 1 : maxDegreeOfParallelism;
        int chunks = queryBlocks >= 2 * threads ? 1 : Math.Min(referenceBlocks, (2 * threads + queryBlocks - 1) / queryBlocks);
        int blocksPerChunk = (referenceBlocks + chunks - 1) / chunks;
        chunks = (referenceBlocks + blocksPerChunk - 1) / blocksPerChunk;

        T[] normsRented = ArrayPool<T>.Shared.Rent(shared ? n : n + q);
        int[] countsRented = ArrayPool<int>.Shared.Rent(chunks * q);
        // Chunk 0 keeps its neighbours in the result arrays; the others in these, q×k each.
        T[] spillDistances = chunks == 1 ? [] : ArrayPool<T>.Shared.Rent((chunks - 1) * q * k);
        int[] spillIndices = chunks == 1 ? [] : ArrayPool<int>.Shared.Rent((chunks - 1) * q * k);
        try
        {
            fixed (T* normsFixed = normsRented)
            fixed (int* countsFixed = countsRented)
            fixed (int* indicesFixed = indices)
            fixed (T* distancesFixed = distances)
            fixed (int* spillIndicesFixed = spillIndices)
            fixed (T* spillDistancesFixed = spillDistances)
            {
                T* referenceNorms = normsFixed;
                T* queryNorms = shared ? normsFixed : normsFixed + n;
                SquaredDistanceRows.Norms(reference, n, d, referenceNorms);
                if (!shared)
                {
                    SquaredDistanceRows.Norms(queries, q, d, queryNorms);
                }

                var job = new BlockJob<T>
                {
                    Backend = backend, Reference = reference, ReferenceNorms = referenceNorms, N = n,
                    Queries = queries, QueryNorms = queryNorms, Q = q, D = d, K = k, ExcludeSelf = excludeSelf,
                    ReferenceBlock = referenceBlock, BlocksPerChunk = blocksPerChunk, Chunks = chunks, VectorBits = vectorBits,
                    Counts = countsFixed, Indices = indicesFixed, Distances = distancesFixed,
                    SpillIndices = spillIndicesFixed, SpillDistances = spillDistancesFixed,
                };
                ComputeParallelism.For(queryBlocks * chunks, threads, job.Search);
                ComputeParallelism.For(queryBlocks, threads, job.Finish);
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(normsRented);
            ArrayPool<int>.Shared.Return(countsRented);
            if (chunks > 1)
            {
                ArrayPool<T>.Shared.Return(spillDistances);
                ArrayPool<int>.Shared.Return(spillIndices);
            }
        }
        return new NeighborResult<T>(q, k, indices, distances);
    }

    /// <summary>
    /// Whether the search goes through a <see cref="KdTree{T}"/> instead of distance tiles: in at most
    /// <see cref="KdTreeMaxDimensions"/> dimensions (where its boxes prune well, the bound scikit-learn's
    /// <c>algorithm='auto'</c> uses too), with enough reference rows to pay for the tree, and only for finite
    /// values, whose boxes are well defined.
    /// </summary>
    internal static bool UsesKdTree<T>(T* reference, int n, T* queries, int q, int d)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        d >= 1 && d <= KdTreeMaxDimensions && n >= KdTreeMinRows && !ForceBruteForce
        && AllFinite(reference, (long)n * d) && (queries == reference || AllFinite(queries, (long)q * d));

    /// <summary>Dimensions up to which the k-d tree serves.</summary>
    internal const int KdTreeMaxDimensions = 15;

    /// <summary>Reference rows from which the k-d tree serves; below it a single distance tile is as quick.</summary>
    internal const int KdTreeMinRows = 256;

    /// <summary>Set by tests to compare the k-d tree with the tiled brute force on the same inputs.</summary>
    [ThreadStatic]
    internal static bool ForceBruteForce;

    private static bool AllFinite<T>(T* values, long count)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (long i = 0; i < count; i++)
        {
            if (!T.IsFinite(values[i]))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Queries per parallel task of the k-d tree search.</summary>
    private const int KdTreeQueryBlock = 256;

    private static void SearchKdTree<T>(T* reference, int n, T* queries, int q, int d, int k, bool excludeSelf, int threads,
        int[] indices, T[] distances)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var tree = KdTree<T>.Create(new ReadOnlySpan<T>(reference, n * d), n, d);
        bool self = reference == queries && q == n;
        nint queryAddress = (nint)queries;
        int blocks = (q + KdTreeQueryBlock - 1) / KdTreeQueryBlock;
        ComputeParallelism.For(blocks, threads, block =>
        {
            var all = new ReadOnlySpan<T>((T*)queryAddress, q * d);
            int end = Math.Min(q, (block + 1) * KdTreeQueryBlock);
            for (int position = block * KdTreeQueryBlock; position < end; position++)
            {
                // A self-search takes its queries in the tree's order (nearby rows one after another); the result
                // of each query does not depend on when it is answered.
                int query = self ? tree.TreeOrder[position] : position;
                var heap = new BoundedTopK<T>(distances.AsSpan(query * k, k), indices.AsSpan(query * k, k), 0);
                tree.Search(all.Slice(query * d, d), excludeSelf ? query : -1, ref heap);
                heap.SortAscending();
                Span<T> found = distances.AsSpan(query * k, k);
                for (int t = 0; t < k; t++)
                {
                    found[t] = T.Sqrt(found[t]);
                }
            }
        });
    }

    /// <summary>One search, shared read-only by its tasks: each takes a block of queries and a chunk of the reference.</summary>
    private readonly struct BlockJob<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public IComputeBackend Backend { get; init; }
        public T* Reference { get; init; }
        public T* ReferenceNorms { get; init; }
        public int N { get; init; }
        public T* Queries { get; init; }
        public T* QueryNorms { get; init; }
        public int Q { get; init; }
        public int D { get; init; }
        public int K { get; init; }
        public bool ExcludeSelf { get; init; }
        public int ReferenceBlock { get; init; }
        public int BlocksPerChunk { get; init; }
        public int Chunks { get; init; }
        public int VectorBits { get; init; }

        /// <summary>Pairs held per query and chunk, chunk-major (chunk·q + query).</summary>
        public int* Counts { get; init; }
        public int* Indices { get; init; }
        public T* Distances { get; init; }
        public int* SpillIndices { get; init; }
        public T* SpillDistances { get; init; }

        /// <summary>Searches one chunk of the reference for one block of queries, on vectors of <see cref="VectorBits"/> bits.</summary>
        public void Search(int task)
        {
            switch (VectorBits)
            {
                case 512:
                    Search<SimdLanes512<T>, Vector512<T>>(task);
                    break;
                case 256:
                    Search<SimdLanes256<T>, Vector256<T>>(task);
                    break;
                default:
                    Search<SimdLanes128<T>, Vector128<T>>(task);
                    break;
            }
        }

        /// <summary>
        /// Merges the chunks' neighbours of one block of queries into the result, sorts them nearest first and
        /// turns squared distances into distances.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Finish(int block)
        {
            int i0 = block * QueryBlock;
            int rows = Math.Min(QueryBlock, Q - i0);
            for (int query = i0; query < i0 + rows; query++)
            {
                var heap = Heap(0, query);
                for (int chunk = 1; chunk < Chunks; chunk++)
                {
                    int held = Counts[(nint)chunk * Q + query];
                    Span<T> spilled = Slice(SpillDistances + (nint)(chunk - 1) * Q * K, query);
                    Span<int> spilledIndices = Slice(SpillIndices + (nint)(chunk - 1) * Q * K, query);
                    for (int t = 0; t < held; t++)
                    {
                        heap.Offer(spilled[t], spilledIndices[t]);
                    }
                }
                heap.SortAscending();
                Span<T> neighbours = Slice(Distances, query);
                for (int t = 0; t < neighbours.Length; t++)
                {
                    neighbours[t] = T.Sqrt(neighbours[t]);
                }
            }
        }

        /// <summary>
        /// Visits the chunk's reference tiles in order: the backend's GEMM gives the cross term, and each tile row
        /// is finished into distances and screened in one pass.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Search<TLanes, TVec>(int task)
            where TLanes : struct, ISimdLanes<TVec, T>
            where TVec : struct
        {
            int block = task / Chunks, chunk = task % Chunks;
            int i0 = block * QueryBlock;
            int rows = Math.Min(QueryBlock, Q - i0);
            int first = chunk * BlocksPerChunk * ReferenceBlock;
            int end = (int)Math.Min(N, (long)(chunk + 1) * BlocksPerChunk * ReferenceBlock);
            T tolerance = SquaredDistanceRows.Tolerance<T>(D);
            new Span<int>(Counts + (nint)chunk * Q + i0, rows).Clear();
            T[] tileRented = ArrayPool<T>.Shared.Rent(rows * ReferenceBlock);
            try
            {
                fixed (T* tile = tileRented)
                {
                    for (int j0 = first; j0 < end; j0 += ReferenceBlock)
                    {
                        int cols = Math.Min(ReferenceBlock, end - j0);
                        T* y = Reference + (nint)j0 * D;
                        SquaredDistanceTiles.CrossTerm(Backend, Queries + (nint)i0 * D, rows, y, cols, D, tile, cols);
                        for (int r = 0; r < rows; r++)
                        {
                            int query = i0 + r;
                            int self = ExcludeSelf ? query - j0 : -1;
                            var heap = Heap(chunk, query);
                            TopKScan.FinishAndOffer<T, TLanes, TVec>(ref heap, Queries + (nint)query * D, QueryNorms[query], y,
                                ReferenceNorms + j0, cols, D, tile + (nint)r * cols, tolerance, j0, self);
                            Counts[(nint)chunk * Q + query] = heap.Count;
                        }
                    }
                }
            }
            finally
            {
                ArrayPool<T>.Shared.Return(tileRented);
            }
        }

        /// <summary>The top-k a chunk keeps for a query: in the result arrays for chunk 0, in the spill arrays otherwise.</summary>
        private BoundedTopK<T> Heap(int chunk, int query)
        {
            int held = Counts[(nint)chunk * Q + query];
            return chunk == 0
                ? new BoundedTopK<T>(Slice(Distances, query), Slice(Indices, query), held)
                : new BoundedTopK<T>(Slice(SpillDistances + (nint)(chunk - 1) * Q * K, query),
                    Slice(SpillIndices + (nint)(chunk - 1) * Q * K, query), held);
        }

        private Span<TItem> Slice<TItem>(TItem* all, int query)
            where TItem : unmanaged =>
            new(all + (nint)query * K, K);
    }
}
