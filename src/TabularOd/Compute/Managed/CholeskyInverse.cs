namespace TabularOd.Compute.Managed;

/// <summary>
/// A⁻¹ = L⁻ᵀ·L⁻¹ from the Cholesky factor L, written as a full symmetric matrix.
/// </summary>
/// <remarks>
/// Two triangular solves against the identity, each n³/6 multiply-adds and almost all in GEMM: W = L⁻¹ by
/// forward substitution, skipping the columns that stay zero, then X = L⁻ᵀ·W by back substitution computing
/// only X's lower triangle. Solving against the full identity with the general solver would cost n³. The lower
/// triangle is mirrored at the end, so the result is exactly symmetric.
/// </remarks>
internal static class CholeskyInverse
{
    // Square tiles for the mirror copy, so that the column-wise writes stay within a few cache lines at a time.
    private const int MirrorTile = 32;

    /// <summary>
    /// Writes A⁻¹ into <paramref name="inverse"/> (n×n) given L (n×n, lower) from the Cholesky factorisation; a zero
    /// on L's diagonal throws <see cref="MatrixNotPositiveDefiniteException"/> naming its column.
    /// </summary>
    public static void Compute(IComputeBackend backend, ReadOnlySpan<double> factor, int n, Span<double> inverse)
    {
        // As LAPACK's potri does: a zero on the factor's diagonal means A was singular, and the inverse would be
        // all infinities and NaN.
        for (int i = 0; i < n; i++)
        {
            if (factor[i * n + i] == 0.0)
            {
                throw new MatrixNotPositiveDefiniteException(i, n);
            }
        }
        inverse.Clear();
        for (int i = 0; i < n; i++)
        {
            inverse[i * n + i] = 1.0;
        }
        TriangularSolve.SolveLower(backend, factor, n, n, inverse, n, lowerTriangularRhs: true);
        TriangularSolve.SolveLowerTransposed(backend, factor, n, n, inverse, n, lowerTriangleOnly: true);
        MirrorLowerToUpper(inverse, n);
    }

    private static void MirrorLowerToUpper(Span<double> a, int n)
    {
        for (int i0 = 0; i0 < n; i0 += MirrorTile)
        {
            int i1 = Math.Min(i0 + MirrorTile, n);
            for (int j0 = 0; j0 <= i0; j0 += MirrorTile)
            {
                for (int i = i0; i < i1; i++)
                {
                    int jEnd = Math.Min(j0 + MirrorTile, i);
                    for (int j = j0; j < jEnd; j++)
                    {
                        a[j * n + i] = a[i * n + j];
                    }
                }
            }
        }
    }
}
