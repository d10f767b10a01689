using System.Numerics;

namespace TabularOd.Compute;

/// <summary>
/// The dense kernels every detector and meta-learner runs on: GEMM, pairwise squared distances, exact
/// k-nearest neighbours, and the factorizations (Cholesky, symmetric eigen-decomposition, SVD, LU).
/// </summary>
/// <remarks>
/// <para>
/// Every matrix is a row-major span with its dimensions passed alongside (TensorPrimitives style: span in,
/// span out, no allocation that the caller could own). Arguments are checked up front and a wrong size is
/// an <see cref="ArgumentException"/>.
/// </para>
/// <para>
/// Results are deterministic: the same input gives the same bits whatever the thread count, because work is
/// split over output blocks and each output element is summed in a fixed order.
/// </para>
/// <para>Backends are found through <see cref="ComputeBackends"/>; the same conformance tests run against each.</para>
/// </remarks>
public interface IComputeBackend
{
    /// <summary>Short name used by <c>TABOD_BACKEND</c> and shown by <c>tabod info</c> ("managed", "openblas").</summary>
    string Name { get; }

    /// <summary>One line describing the backend (library, version, threads, SIMD width).</summary>
    string Description { get; }

    /// <summary>
    /// C ← α·op(A)·op(B) + β·C, row-major: op(A) is m×k, op(B) is k×n, C is m×n; <paramref name="lda"/>,
    /// <paramref name="ldb"/>, <paramref name="ldc"/> are the row strides of the stored matrices. When β is zero
    /// C is overwritten (NaN in C does not propagate). Supported element types: <see cref="float"/>, <see cref="double"/>.
    /// </summary>
    void Gemm<T>(MatrixTranspose transA, MatrixTranspose transB, int m, int n, int k,
        T alpha, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>
    /// result[i·m + j] = ‖x_i − y_j‖² for the rows of x (n×d) and y (m×d). Never negative; exactly zero for
    /// identical rows.
    /// </summary>
    void SquaredDistances<T>(ReadOnlySpan<T> x, int n, ReadOnlySpan<T> y, int m, int d, Span<T> result)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>
    /// result[i·n + j] = ‖x_i − x_j‖² for the rows of x (n×d) against themselves: exactly symmetric, with a
    /// zero diagonal.
    /// </summary>
    void SquaredDistances<T>(ReadOnlySpan<T> x, int n, int d, Span<T> result)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>
    /// The <paramref name="k"/> nearest rows of <paramref name="reference"/> (n×d) to each row of
    /// <paramref name="queries"/> (q×d), by Euclidean distance, nearest first, ties to the lower index.
    /// Never materialises the q×n distance matrix: peak extra memory is O(q·k + tile²).
    /// </summary>
    NeighborResult<T> KNearest<T>(ReadOnlySpan<T> reference, int n, ReadOnlySpan<T> queries, int q, int d, int k)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>
    /// The <paramref name="k"/> nearest rows of x (n×d) to each of its own rows. With
    /// <paramref name="excludeSelf"/> row i is never its own neighbour (a duplicate row still is, at distance 0),
    /// as scikit-learn's <c>kneighbors()</c> without arguments behaves.
    /// </summary>
    NeighborResult<T> KNearest<T>(ReadOnlySpan<T> x, int n, int d, int k, bool excludeSelf)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>
    /// Factorises a symmetric positive-definite n×n matrix in place: on return the lower triangle holds L with
    /// A = L·Lᵀ and the strict upper triangle is zero. Throws <see cref="MatrixNotPositiveDefiniteException"/>.
    /// </summary>
    void CholeskyFactor(Span<double> a, int n);

    /// <summary>Solves A·X = B in place of B (n×nrhs, row-major) given the factor L from <see cref="CholeskyFactor"/>.</summary>
    void CholeskySolve(ReadOnlySpan<double> factor, int n, Span<double> b, int nrhs);

    /// <summary>Writes A⁻¹ (full, symmetric, n×n) given the factor L from <see cref="CholeskyFactor"/>.</summary>
    void CholeskyInverse(ReadOnlySpan<double> factor, int n, Span<double> inverse);

    /// <summary>
    /// Eigen-decomposition of a symmetric n×n matrix (only the lower triangle is read): eigenvalues ascending;
    /// eigenvector i is column i of the row-major n×n <paramref name="eigenvectors"/>, sign fixed so that its
    /// largest-magnitude component is positive.
    /// </summary>
    void SymmetricEigen(ReadOnlySpan<double> a, int n, Span<double> eigenvalues, Span<double> eigenvectors);

    /// <summary>
    /// Thin SVD of an m×n matrix, r = min(m, n): A = U·diag(s)·Vᵀ with s descending (length r), U m×r, Vᵀ r×n,
    /// signs fixed so that the largest-magnitude component of each column of U is positive.
    /// </summary>
    void Svd(ReadOnlySpan<double> a, int m, int n, Span<double> singularValues, Span<double> u, Span<double> vt);

    /// <summary>Solves A·X = B (A n×n general, B n×nrhs) in place of B by LU with partial pivoting. Throws <see cref="SingularMatrixException"/>.</summary>
    void LuSolve(ReadOnlySpan<double> a, int n, Span<double> b, int nrhs);
}
