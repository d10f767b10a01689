namespace TabularOd.Compute;

/// <summary>
/// The k nearest neighbours of each query row: row-major q×k arrays of reference indices and Euclidean
/// distances, nearest first, ties broken by the lower index.
/// </summary>
public sealed class NeighborResult<T>(int queries, int k, int[] indices, T[] distances)
{
    /// <summary>Number of query rows.</summary>
    public int Queries { get; } = queries;

    /// <summary>Neighbours per query.</summary>
    public int K { get; } = k;

    /// <summary>Reference row indices, q×k row-major.</summary>
    public int[] Indices { get; } = indices;

    /// <summary>Euclidean distances (not squared), q×k row-major.</summary>
    public T[] Distances { get; } = distances;

    /// <summary>The neighbour indices of one query.</summary>
    public ReadOnlySpan<int> IndicesOf(int query) => Indices.AsSpan(query * K, K);

    /// <summary>The neighbour distances of one query.</summary>
    public ReadOnlySpan<T> DistancesOf(int query) => Distances.AsSpan(query * K, K);
}
