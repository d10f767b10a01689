using System.Numerics;

namespace TabularOd.Compute;

// PLACEHOLDER: replaced by the tiled distance kernel.
public static class SquaredDistanceTiles
{
    public static void Compute<T>(IComputeBackend backend, ReadOnlySpan<T> x, int n, ReadOnlySpan<T> y, int m, int d, Span<T> result)
        where T : unmanaged, IFloatingPointIeee754<T> => throw new NotImplementedException();

    public static void ComputeSymmetric<T>(IComputeBackend backend, ReadOnlySpan<T> x, int n, int d, Span<T> result)
        where T : unmanaged, IFloatingPointIeee754<T> => throw new NotImplementedException();
}
