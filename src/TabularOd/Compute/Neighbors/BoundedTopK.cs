using System.Numerics;
using System.Runtime.CompilerServices;

namespace TabularOd.Compute.Neighbors;

/// <summary>
/// The k smallest (distance, index) pairs seen so far for one query, kept in caller-owned spans (the query's slice
/// of the result arrays), so a search needs no memory beyond its output.
/// </summary>
/// <remarks>
/// <para>
/// Pairs are ordered lexicographically, distance first and then index, with NaN after every number (see
/// <see cref="Precedes"/>). That is a total order, so the k kept are the same whatever order the candidates
/// arrive in: tiles may be visited in any order and by any thread.
/// </para>
/// <para>
/// Up to <see cref="SortedCapacity"/> pairs are kept sorted, nearest first, and a newcomer is inserted by
/// shifting the larger ones up: a short, predictable loop, about three times faster than a heap's sift-down with
/// its unpredictable branches at the usual k of 5–50. Larger k use a max-heap, whose O(log k) insertion wins there.
/// </para>
/// </remarks>
internal ref struct BoundedTopK<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The largest k kept as a sorted list rather than a heap.</summary>
    public const int SortedCapacity = 48;

    private readonly Span<T> distances;
    private readonly Span<int> indices;
    private readonly bool sorted;
    private int count;

    /// <summary>Wraps a top-k of capacity <c>distances.Length</c> that already holds <paramref name="count"/> pairs.</summary>
    public BoundedTopK(Span<T> distances, Span<int> indices, int count)
    {
        this.distances = distances;
        this.indices = indices;
        this.count = count;
        sorted = distances.Length <= SortedCapacity;
    }

    /// <summary>Pairs held.</summary>
    public readonly int Count => count;

    /// <summary>Whether k pairs are held, so a candidate must beat <see cref="WorstDistance"/> to enter.</summary>
    public readonly bool IsFull => count == distances.Length;

    /// <summary>The index that goes with <see cref="WorstDistance"/>; meaningful once something is held.</summary>
    public readonly int WorstIndex => sorted ? indices[count - 1] : indices[0];

    /// <summary>The largest distance held; meaningful once <see cref="Count"/> &gt; 0.</summary>
    public readonly T WorstDistance => sorted ? distances[count - 1] : distances[0];

    /// <summary>Whether (d1, i1) comes before (d2, i2): smaller distance, then lower index; NaN sorts last.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Precedes(T d1, int i1, T d2, int i2)
    {
        if (d1 < d2)
        {
            return true;
        }
        if (d1 > d2)
        {
            return false;
        }
        bool nan1 = T.IsNaN(d1), nan2 = T.IsNaN(d2);
        return nan1 == nan2 ? i1 < i2 : nan2;
    }

    /// <summary>Keeps (distance, index) if fewer than k pairs are held or it precedes the worst one held.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Offer(T distance, int index)
    {
        if (sorted)
        {
            OfferSorted(distance, index);
        }
        else if (count < distances.Length)
        {
            SiftUp(count++, distance, index);
        }
        else if (count > 0 && Precedes(distance, index, distances[0], indices[0]))
        {
            SiftDown(0, count, distance, index);
        }
    }

    /// <summary>Puts the held pairs in order, nearest first; no further offers may follow.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void SortAscending()
    {
        if (sorted)
        {
            return;
        }
        for (int end = count - 1; end > 0; end--)
        {
            T d = distances[end];
            int i = indices[end];
            distances[end] = distances[0];
            indices[end] = indices[0];
            SiftDown(0, end, d, i);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void OfferSorted(T distance, int index)
    {
        // Local copies let the JIT keep the spans in registers; through `this` it reloads them after every store.
        Span<T> d = distances;
        Span<int> ix = indices;
        int slot;
        if (count < d.Length)
        {
            slot = count++;
        }
        else if (count > 0 && Precedes(distance, index, d[count - 1], ix[count - 1]))
        {
            slot = count - 1;
        }
        else
        {
            return;
        }
        while (slot > 0 && Precedes(distance, index, d[slot - 1], ix[slot - 1]))
        {
            d[slot] = d[slot - 1];
            ix[slot] = ix[slot - 1];
            slot--;
        }
        d[slot] = distance;
        ix[slot] = index;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private readonly void SiftUp(int slot, T distance, int index)
    {
        while (slot > 0)
        {
            int parent = (slot - 1) / 2;
            if (!Precedes(distances[parent], indices[parent], distance, index))
            {
                break;
            }
            distances[slot] = distances[parent];
            indices[slot] = indices[parent];
            slot = parent;
        }
        distances[slot] = distance;
        indices[slot] = index;
    }

    /// <summary>Places (distance, index) at <paramref name="slot"/> of the heap [0, size) and restores the heap order below it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private readonly void SiftDown(int slot, int size, T distance, int index)
    {
        while (true)
        {
            int child = 2 * slot + 1;
            if (child >= size)
            {
                break;
            }
            if (child + 1 < size && Precedes(distances[child], indices[child], distances[child + 1], indices[child + 1]))
            {
                child++;
            }
            if (!Precedes(distance, index, distances[child], indices[child]))
            {
                break;
            }
            distances[slot] = distances[child];
            indices[slot] = indices[child];
            slot = child;
        }
        distances[slot] = distance;
        indices[slot] = index;
    }
}
