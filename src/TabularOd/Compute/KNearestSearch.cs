using System.Numerics;

namespace TabularOd.Compute;

// PLACEHOLDER: replaced by the tiled top-k search.
public static class KNearestSearch
{
    public static NeighborResult<T> Search<T>(IComputeBackend backend, ReadOnlySpan<T> reference, int n, ReadOnlySpan<T> queries, int q, int d, int k)
        where T : unmanaged, IFloatingPointIeee754<T> => throw new NotImplementedException();

    public static NeighborResult<T> SearchSelf<T>(IComputeBackend backend, ReadOnlySpan<T> x, int n, int d, int k, bool excludeSelf)
        where T : unmanaged, IFloatingPointIeee754<T> => throw new NotImplementedException();
}
