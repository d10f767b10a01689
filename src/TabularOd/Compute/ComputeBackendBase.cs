using System.Numerics;

namespace TabularOd.Compute;

/// <summary>
/// What every CPU backend shares: distances and k-nearest neighbours are built from the backend's own GEMM
/// by the tiled algorithms in <see cref="SquaredDistanceTiles"/> and <see cref="KNearestSearch"/>, so a
/// backend only supplies GEMM and the factorizations. A GPU backend would implement the interface directly.
/// </summary>
public abstract class ComputeBackendBase : IComputeBackend
{
    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public abstract string Description { get; }

    /// <inheritdoc />
    public abstract void Gemm<T>(MatrixTranspose transA, MatrixTranspose transB, int m, int n, int k,
        T alpha, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <inheritdoc />
    public virtual void SquaredDistances<T>(ReadOnlySpan<T> x, int n, ReadOnlySpan<T> y, int m, int d, Span<T> result)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        SquaredDistanceTiles.Compute(this, x, n, y, m, d, result);

    /// <inheritdoc />
    public virtual void SquaredDistances<T>(ReadOnlySpan<T> x, int n, int d, Span<T> result)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        SquaredDistanceTiles.ComputeSymmetric(this, x, n, d, result);

    /// <inheritdoc />
    public virtual NeighborResult<T> KNearest<T>(ReadOnlySpan<T> reference, int n, ReadOnlySpan<T> queries, int q, int d, int k)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        KNearestSearch.Search(this, reference, n, queries, q, d, k);

    /// <inheritdoc />
    public virtual NeighborResult<T> KNearest<T>(ReadOnlySpan<T> x, int n, int d, int k, bool excludeSelf)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        KNearestSearch.SearchSelf(this, x, n, d, k, excludeSelf);

    /// <inheritdoc />
    public abstract void CholeskyFactor(Span<double> a, int n);

    /// <inheritdoc />
    public abstract void CholeskySolve(ReadOnlySpan<double> factor, int n, Span<double> b, int nrhs);

    /// <inheritdoc />
    public abstract void CholeskyInverse(ReadOnlySpan<double> factor, int n, Span<double> inverse);

    /// <inheritdoc />
    public abstract void SymmetricEigen(ReadOnlySpan<double> a, int n, Span<double> eigenvalues, Span<double> eigenvectors);

    /// <inheritdoc />
    public abstract void Svd(ReadOnlySpan<double> a, int m, int n, Span<double> singularValues, Span<double> u, Span<double> vt);

    /// <inheritdoc />
    public abstract void LuSolve(ReadOnlySpan<double> a, int n, Span<double> b, int nrhs);

    /// <inheritdoc />
    public override string ToString() => Name;
}
