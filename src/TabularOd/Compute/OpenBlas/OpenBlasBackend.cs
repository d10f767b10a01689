using System.Diagnostics.CodeAnalysis;

namespace TabularOd.Compute.OpenBlas;

/// <summary>
/// The system OpenBLAS through P/Invoke: <c>cblas_sgemm</c>/<c>cblas_dgemm</c> for GEMM (and through it
/// distances and k-nearest neighbours), LAPACK for the factorizations. Available when the library loads; see
/// <see cref="TryLoad"/>.
/// </summary>
/// <remarks>
/// Matrices stay row-major on the managed side. CBLAS takes row-major directly; LAPACK is column-major, and a
/// row-major buffer is the column-major transpose, which the factorizations turn to their advantage instead of
/// copying (see <see cref="OpenBlasLapack"/>). Empty shapes never reach native code, so the native
/// "leading dimension ≥ 1" rules always hold.
/// <para>
/// OpenBLAS runs every call on one thread; GEMM and the Cholesky family spread fixed blocks over the cores
/// themselves (<see cref="OpenBlasGemm"/>), so results are bit-identical whatever the core count, as the interface
/// promises. The eigen-solver, SVD, LU and the Cholesky inverse are single LAPACK calls and so run on one core.
/// </para>
/// </remarks>
public sealed class OpenBlasBackend : ComputeBackendBase
{
    private readonly OpenBlasNative native;

    private OpenBlasBackend(OpenBlasNative native) => this.native = native;

    private static readonly Lazy<OpenBlasBackend?> Shared = new(() =>
        OpenBlasNative.TryGet(out _) is { } native ? new OpenBlasBackend(native) : null);

    /// <summary>
    /// Loads OpenBLAS once per process. On success <paramref name="backend"/> is the shared instance and
    /// <paramref name="status"/> names the library loaded ("libopenblas.so.0 loaded"); otherwise
    /// <paramref name="status"/> says what was tried and what is missing.
    /// </summary>
    public static bool TryLoad([NotNullWhen(true)] out OpenBlasBackend? backend, out string status)
    {
        OpenBlasNative.TryGet(out status);
        backend = Shared.Value;
        return backend is not null;
    }

    /// <inheritdoc />
    public override string Name => "openblas";

    /// <inheritdoc />
    public override string Description =>
        $"{native.Config} via {native.LibraryName}; one OpenBLAS thread per call, blocks on {ComputeParallelism.DefaultDegree} threads";

    /// <inheritdoc />
    public override void Gemm<T>(MatrixTranspose transA, MatrixTranspose transB, int m, int n, int k,
        T alpha, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc) =>
        Gemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, ComputeParallelism.DefaultDegree);

    /// <summary>
    /// <see cref="Gemm{T}(MatrixTranspose, MatrixTranspose, int, int, int, T, ReadOnlySpan{T}, int, ReadOnlySpan{T}, int, T, Span{T}, int)"/>
    /// on at most <paramref name="maxDegreeOfParallelism"/> threads; the result is the same for any value.
    /// </summary>
    internal unsafe void Gemm<T>(MatrixTranspose transA, MatrixTranspose transB, int m, int n, int k,
        T alpha, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc, int maxDegreeOfParallelism)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        const string Method = nameof(Gemm);
        ComputeArguments.CheckElementType<T>(Method);
        ComputeArguments.CheckNonNegative(m, nameof(m), Method);
        ComputeArguments.CheckNonNegative(n, nameof(n), Method);
        ComputeArguments.CheckNonNegative(k, nameof(k), Method);
        bool ta = transA == MatrixTranspose.Transpose, tb = transB == MatrixTranspose.Transpose;
        ComputeArguments.CheckMatrix(a, ta ? k : m, ta ? m : k, lda, nameof(a), nameof(lda), Method);
        ComputeArguments.CheckMatrix(b, tb ? n : k, tb ? k : n, ldb, nameof(b), nameof(ldb), Method);
        ComputeArguments.CheckMatrix<T>(c, m, n, ldc, nameof(c), nameof(ldc), Method);
        ComputeArguments.CheckPositive(maxDegreeOfParallelism, nameof(maxDegreeOfParallelism), Method);
        if (m == 0 || n == 0)
        {
            return;
        }
        if (k == 0)
        {
            // Nothing to multiply: C is only scaled, and OpenBLAS is spared a degenerate call.
            ScaleRows(c, m, n, ldc, beta);
            return;
        }
        fixed (T* pa = a, pb = b, pc = c)
        {
            OpenBlasGemm.Run(native, ta, tb, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc, maxDegreeOfParallelism);
        }
    }

    /// <inheritdoc />
    public override void CholeskyFactor(Span<double> a, int n) => OpenBlasLapack.CholeskyFactor(native, a, n);

    /// <inheritdoc />
    public override void CholeskySolve(ReadOnlySpan<double> factor, int n, Span<double> b, int nrhs) =>
        OpenBlasLapack.CholeskySolve(native, factor, n, b, nrhs);

    /// <inheritdoc />
    public override void CholeskyInverse(ReadOnlySpan<double> factor, int n, Span<double> inverse) =>
        OpenBlasLapack.CholeskyInverse(native, factor, n, inverse);

    /// <inheritdoc />
    public override void SymmetricEigen(ReadOnlySpan<double> a, int n, Span<double> eigenvalues, Span<double> eigenvectors) =>
        OpenBlasLapack.SymmetricEigen(native, a, n, eigenvalues, eigenvectors);

    /// <inheritdoc />
    public override void Svd(ReadOnlySpan<double> a, int m, int n, Span<double> singularValues, Span<double> u, Span<double> vt) =>
        OpenBlasLapack.Svd(native, a, m, n, singularValues, u, vt);

    /// <inheritdoc />
    public override void LuSolve(ReadOnlySpan<double> a, int n, Span<double> b, int nrhs) =>
        OpenBlasLapack.LuSolve(native, a, n, b, nrhs);

    /// <summary>C ← β·C, with β = 0 overwriting (so NaN in C does not survive), as GEMM with k = 0 must.</summary>
    private static void ScaleRows<T>(Span<T> c, int m, int n, int ldc, T beta)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        for (int i = 0; i < m; i++)
        {
            var row = c.Slice(i * ldc, n);
            if (T.IsZero(beta))
            {
                row.Clear();
            }
            else
            {
                System.Numerics.Tensors.TensorPrimitives.Multiply(row, beta, row);
            }
        }
    }
}
