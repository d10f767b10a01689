using System.Numerics;

namespace TabularOd.Compute.Managed;

/// <summary>
/// The always-available backend: SIMD GEMM written here (<see cref="ManagedGemm"/>) and factorizations
/// built on it (<see cref="ManagedFactorizations"/>). Multi-threaded over output blocks; deterministic.
/// </summary>
public sealed class ManagedBackend : ComputeBackendBase
{
    /// <summary>The shared instance.</summary>
    public static ManagedBackend Instance { get; } = new();

    /// <inheritdoc />
    public override string Name => "managed";

    /// <inheritdoc />
    public override string Description => ManagedGemm.Describe();

    /// <inheritdoc />
    public override void Gemm<T>(MatrixTranspose transA, MatrixTranspose transB, int m, int n, int k,
        T alpha, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc) =>
        ManagedGemm.Gemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);

    /// <inheritdoc />
    public override void CholeskyFactor(Span<double> a, int n) => ManagedFactorizations.CholeskyFactor(this, a, n);

    /// <inheritdoc />
    public override void CholeskySolve(ReadOnlySpan<double> factor, int n, Span<double> b, int nrhs) =>
        ManagedFactorizations.CholeskySolve(this, factor, n, b, nrhs);

    /// <inheritdoc />
    public override void CholeskyInverse(ReadOnlySpan<double> factor, int n, Span<double> inverse) =>
        ManagedFactorizations.CholeskyInverse(this, factor, n, inverse);

    /// <inheritdoc />
    public override void SymmetricEigen(ReadOnlySpan<double> a, int n, Span<double> eigenvalues, Span<double> eigenvectors) =>
        ManagedFactorizations.SymmetricEigen(a, n, eigenvalues, eigenvectors);

    /// <inheritdoc />
    public override void Svd(ReadOnlySpan<double> a, int m, int n, Span<double> singularValues, Span<double> u, Span<double> vt) =>
        ManagedFactorizations.Svd(a, m, n, singularValues, u, vt);

    /// <inheritdoc />
    public override void LuSolve(ReadOnlySpan<double> a, int n, Span<double> b, int nrhs) =>
        ManagedFactorizations.LuSolve(a, n, b, nrhs);
}
