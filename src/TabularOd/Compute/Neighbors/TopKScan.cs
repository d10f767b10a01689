using System.Numerics;
using System.Runtime.CompilerServices;
using TabularOd.Compute.Distances;
using TabularOd.Compute.Simd;

namespace TabularOd.Compute.Neighbors;

/// <summary>
/// The inner step of the k-nearest search: finishes one tile row of −2·x·yᵀ into squared distances exactly as
/// <see cref="SquaredDistanceRows.Finish"/> does, and offers the few that can matter to the query's
/// <see cref="BoundedTopK{T}"/>, in one pass and without storing the row.
/// </summary>
internal static unsafe class TopKScan
{
    /// <summary>
    /// Offers the squared distances from query row <paramref name="xRow"/> to the <paramref name="cols"/> rows at
    /// <paramref name="y"/> (reference rows <paramref name="j0"/>.. onwards), given the cross term in
    /// <paramref name="row"/>, skipping column <paramref name="selfColumn"/> (the query itself when it must be
    /// excluded; −1 or out of range otherwise).
    /// </summary>
    /// <remarks>
    /// Once the heap is full, a whole vector of candidates is dismissed with one comparison against its worst
    /// distance; on typical data almost every vector is. Candidates equal to the worst (or NaN) pass the screen and
    /// are settled by the exact (distance, index) order; entries the expansion cannot resolve are recomputed first,
    /// so every distance offered has the same bits <see cref="SquaredDistanceTiles"/> would return for the pair.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void FinishAndOffer<T, TLanes, TVec>(ref BoundedTopK<T> heap, T* xRow, T xNorm, T* y, T* yNorms, int cols, int d,
        T* row, T tolerance, int j0, int selfColumn)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLanes : struct, ISimdLanes<TVec, T>
        where TVec : struct
    {
        int j = 0;
        for (; j < cols && !heap.IsFull; j++)
        {
            if (j != selfColumn)
            {
                heap.Offer(Finished(xRow, xNorm, y, yNorms, d, row, tolerance, j), j0 + j);
            }
        }
        if (heap.IsFull)
        {
            while (true)
            {
                j = SkipRejected<T, TLanes, TVec>(xNorm, yNorms, cols, row, tolerance, heap.WorstDistance, j, out ulong lanes);
                if (lanes == 0)
                {
                    break;
                }
                do
                {
                    int e = BitOperations.TrailingZeroCount(lanes);
                    lanes &= lanes - 1;
                    if (j + e != selfColumn)
                    {
                        heap.Offer(Finished(xRow, xNorm, y, yNorms, d, row, tolerance, j + e), j0 + j + e);
                    }
                }
                while (lanes != 0);
                j += TLanes.Count;
            }
        }
        for (; j < cols; j++)
        {
            if (j != selfColumn)
            {
                heap.Offer(Finished(xRow, xNorm, y, yNorms, d, row, tolerance, j), j0 + j);
            }
        }
    }

    /// <summary>The squared distance for column j, with the same operations, so the same bits, as the vector lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Finished<T>(T* xRow, T xNorm, T* y, T* yNorms, int d, T* row, T tolerance, int j)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T sum = xNorm + yNorms[j];
        T value = sum + row[j];
        return value <= tolerance * sum ? SquaredDistanceRows.Exact(xRow, y + (nint)j * d, d) : value;
    }

    /// <summary>
    /// The screening loop, from <paramref name="j"/> on: returns the start of the first vector with a lane that is
    /// unresolved or not above <paramref name="worst"/>, and those lanes in <paramref name="lanes"/> (zero when it
    /// ran to the last whole vector).
    /// </summary>
    /// <remarks>Kept apart, without calls in its loop, so the JIT holds the broadcast values in registers.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static int SkipRejected<T, TLanes, TVec>(T xNorm, T* yNorms, int cols, T* row, T tolerance, T worst, int j, out ulong lanes)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLanes : struct, ISimdLanes<TVec, T>
        where TVec : struct
    {
        ulong allLanes = TLanes.Count == 64 ? ulong.MaxValue : (1UL << TLanes.Count) - 1;
        TVec xn = TLanes.Broadcast(xNorm), tol = TLanes.Broadcast(tolerance), threshold = TLanes.Broadcast(worst);
        for (; j <= cols - TLanes.Count; j += TLanes.Count)
        {
            TVec sum = TLanes.Add(xn, TLanes.Load(ref yNorms[j]));
            TVec value = TLanes.Add(sum, TLanes.Load(ref row[j]));
            ulong unresolved = TLanes.LessThanOrEqualBits(value, TLanes.Multiply(tol, sum));
            ulong passed = ~TLanes.GreaterThanBits(value, threshold) & allLanes;
            lanes = unresolved | passed;
            if (lanes != 0)
            {
                return j;
            }
        }
        lanes = 0;
        return j;
    }
}
