namespace TabularOd.Compute.Managed;

// PLACEHOLDER: replaced by the managed factorizations.
internal static class ManagedFactorizations
{
    public static void CholeskyFactor(IComputeBackend backend, Span<double> a, int n) => throw new NotImplementedException();

    public static void CholeskySolve(IComputeBackend backend, ReadOnlySpan<double> factor, int n, Span<double> b, int nrhs) => throw new NotImplementedException();

    public static void CholeskyInverse(IComputeBackend backend, ReadOnlySpan<double> factor, int n, Span<double> inverse) => throw new NotImplementedException();

    public static void SymmetricEigen(ReadOnlySpan<double> a, int n, Span<double> eigenvalues, Span<double> eigenvectors) => throw new NotImplementedException();

    public static void Svd(ReadOnlySpan<double> a, int m, int n, Span<double> singularValues, Span<double> u, Span<double> vt) => throw new NotImplementedException();

    public static void LuSolve(ReadOnlySpan<double> a, int n, Span<double> b, int nrhs) => throw new NotImplementedException();
}
