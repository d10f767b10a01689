namespace TabularOd.Compute.Managed;

/// <summary>
/// The managed backend's factorizations: argument checks, then the blocked Cholesky family (built on the
/// backend's GEMM) or the MathNet-based decompositions.
/// </summary>
/// <remarks>
/// Cholesky, its solve and its inverse are written here because MathNet's managed Cholesky runs at a few
/// GFLOP/s, an order of magnitude behind a blocked algorithm on a SIMD GEMM. Eigen, SVD and LU are used far
/// less in the hot paths and are taken from MathNet.
/// </remarks>
internal static class ManagedFactorizations
{
    public static void CholeskyFactor(IComputeBackend backend, Span<double> a, int n)
    {
        ComputeArguments.CheckNonNegative(n, nameof(n), nameof(CholeskyFactor));
        ComputeArguments.CheckDenseMatrix<double>(a, n, n, nameof(a), nameof(CholeskyFactor));
        BlockedCholesky.Factor(backend, a, n);
    }

    public static void CholeskySolve(IComputeBackend backend, ReadOnlySpan<double> factor, int n, Span<double> b, int nrhs)
    {
        ComputeArguments.CheckNonNegative(n, nameof(n), nameof(CholeskySolve));
        ComputeArguments.CheckNonNegative(nrhs, nameof(nrhs), nameof(CholeskySolve));
        ComputeArguments.CheckDenseMatrix(factor, n, n, nameof(factor), nameof(CholeskySolve));
        ComputeArguments.CheckDenseMatrix<double>(b, n, nrhs, nameof(b), nameof(CholeskySolve));
        TriangularSolve.SolveLower(backend, factor, n, n, b, nrhs);
        TriangularSolve.SolveLowerTransposed(backend, factor, n, n, b, nrhs);
    }

    public static void CholeskyInverse(IComputeBackend backend, ReadOnlySpan<double> factor, int n, Span<double> inverse)
    {
        ComputeArguments.CheckNonNegative(n, nameof(n), nameof(CholeskyInverse));
        ComputeArguments.CheckDenseMatrix(factor, n, n, nameof(factor), nameof(CholeskyInverse));
        ComputeArguments.CheckDenseMatrix<double>(inverse, n, n, nameof(inverse), nameof(CholeskyInverse));
        Managed.CholeskyInverse.Compute(backend, factor, n, inverse);
    }

    public static void SymmetricEigen(ReadOnlySpan<double> a, int n, Span<double> eigenvalues, Span<double> eigenvectors)
    {
        ComputeArguments.CheckNonNegative(n, nameof(n), nameof(SymmetricEigen));
        ComputeArguments.CheckDenseMatrix(a, n, n, nameof(a), nameof(SymmetricEigen));
        ComputeArguments.CheckDenseMatrix<double>(eigenvalues, n, 1, nameof(eigenvalues), nameof(SymmetricEigen));
        ComputeArguments.CheckDenseMatrix<double>(eigenvectors, n, n, nameof(eigenvectors), nameof(SymmetricEigen));
        MathNetDecompositions.SymmetricEigen(a, n, eigenvalues, eigenvectors);
    }

    public static void Svd(ReadOnlySpan<double> a, int m, int n, Span<double> singularValues, Span<double> u, Span<double> vt)
    {
        ComputeArguments.CheckNonNegative(m, nameof(m), nameof(Svd));
        ComputeArguments.CheckNonNegative(n, nameof(n), nameof(Svd));
        int r = Math.Min(m, n);
        ComputeArguments.CheckDenseMatrix(a, m, n, nameof(a), nameof(Svd));
        ComputeArguments.CheckDenseMatrix<double>(singularValues, r, 1, nameof(singularValues), nameof(Svd));
        ComputeArguments.CheckDenseMatrix<double>(u, m, r, nameof(u), nameof(Svd));
        ComputeArguments.CheckDenseMatrix<double>(vt, r, n, nameof(vt), nameof(Svd));
        MathNetDecompositions.Svd(a, m, n, singularValues, u, vt);
    }

    public static void LuSolve(ReadOnlySpan<double> a, int n, Span<double> b, int nrhs)
    {
        ComputeArguments.CheckNonNegative(n, nameof(n), nameof(LuSolve));
        ComputeArguments.CheckNonNegative(nrhs, nameof(nrhs), nameof(LuSolve));
        ComputeArguments.CheckDenseMatrix(a, n, n, nameof(a), nameof(LuSolve));
        ComputeArguments.CheckDenseMatrix<double>(b, n, nrhs, nameof(b), nameof(LuSolve));
        MathNetDecompositions.LuSolve(a, n, b, nrhs);
    }
}
