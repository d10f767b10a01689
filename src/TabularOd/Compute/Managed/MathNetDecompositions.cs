using System.Numerics;
using MathNet.Numerics.Providers.LinearAlgebra;

namespace TabularOd.Compute.Managed;

/// <summary>
/// Symmetric eigen-decomposition, thin SVD and LU solve through MathNet.Numerics' linear-algebra provider,
/// converted between the interface's row-major spans and MathNet's column-major arrays, with the interface's
/// ordering and sign conventions applied afterwards so that every backend returns the same vectors.
/// </summary>
/// <remarks>
/// The provider is whichever MathNet has selected process-wide (its managed one unless the application chose
/// otherwise); nothing here changes that choice. Inputs are checked for NaN and infinity first because
/// MathNet's iterations do not fail cleanly on them (an index error or a non-convergence exception).
/// </remarks>
internal static class MathNetDecompositions
{
    /// <summary>See <see cref="IComputeBackend.SymmetricEigen"/>; arguments already checked.</summary>
    public static void SymmetricEigen(ReadOnlySpan<double> a, int n, Span<double> eigenvalues, Span<double> eigenvectors)
    {
        if (n == 0)
        {
            return;
        }
        // Mirror the lower triangle: the symmetric matrix reads the same in either storage order.
        double[] symmetric = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double value = a[i * n + j];
                CheckFinite(value, i, j, "a", "SymmetricEigen");
                symmetric[i * n + j] = value;
                symmetric[j * n + i] = value;
            }
        }
        double[] vectors = new double[n * n];
        var values = new Complex[n];
        LinearAlgebraControl.Provider.EigenDecomp(true, n, symmetric, vectors, values, new double[n * n]);

        int[] order = SortedOrder(n, c => values[c].Real, descending: false);
        for (int c = 0; c < n; c++)
        {
            int source = order[c];
            eigenvalues[c] = values[source].Real;
            for (int i = 0; i < n; i++)
            {
                eigenvectors[i * n + c] = vectors[source * n + i];
            }
        }
        for (int c = 0; c < n; c++)
        {
            if (LargestIsNegative(eigenvectors, n, n, c))
            {
                NegateColumn(eigenvectors, n, n, c);
            }
        }
    }

    /// <summary>See <see cref="IComputeBackend.Svd"/>; arguments already checked.</summary>
    /// <remarks>
    /// MathNet's SVD returns the full U and Vᵀ, which for a tall matrix would be m×m. The thin form comes from a
    /// thin QR first (A = Q·R, Q m×n) and the SVD of the small square R, or of Aᵀ's R when A is wide.
    /// </remarks>
    public static void Svd(ReadOnlySpan<double> a, int m, int n, Span<double> singularValues, Span<double> u, Span<double> vt)
    {
        int r = Math.Min(m, n);
        if (r == 0)
        {
            return;
        }
        for (int i = 0; i < m * n; i++)
        {
            CheckFinite(a[i], i / n, i % n, "a", "Svd");
        }
        var provider = LinearAlgebraControl.Provider;
        double[] s = new double[r];
        double[] smallU = new double[r * r];
        double[] smallVt = new double[r * r];
        if (m >= n)
        {
            // Column-major A is the row-major transpose.
            double[] columnMajor = new double[m * n];
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    columnMajor[j * m + i] = a[i * n + j];
                }
            }
            // fullU: column-major m×n holding U (Q·U_R when A was reduced by QR first).
            double[] fullU = ReduceAndDecompose(provider, columnMajor, m, n, s, smallU, smallVt);
            for (int i = 0; i < m; i++)
            {
                for (int c = 0; c < r; c++)
                {
                    u[i * r + c] = fullU[c * m + i];
                }
            }
            for (int c = 0; c < r; c++)
            {
                for (int j = 0; j < n; j++)
                {
                    vt[c * n + j] = smallVt[j * r + c];
                }
            }
        }
        else
        {
            // Aᵀ = V·S·Uᵀ: row-major A is column-major Aᵀ (n×m), and the roles of the factors swap.
            double[] transposed = a.ToArray();
            double[] fullV = ReduceAndDecompose(provider, transposed, n, m, s, smallU, smallVt);
            for (int i = 0; i < m; i++)
            {
                for (int c = 0; c < r; c++)
                {
                    u[i * r + c] = smallVt[i * r + c];
                }
            }
            // Column c of V (column-major n×m) is row c of Vᵀ.
            fullV.AsSpan(0, r * n).CopyTo(vt);
        }
        ApplySvdConventions(s, m, n, singularValues, u, vt);
    }

    /// <summary>See <see cref="IComputeBackend.LuSolve"/>; arguments already checked.</summary>
    public static void LuSolve(ReadOnlySpan<double> a, int n, Span<double> b, int nrhs)
    {
        if (n == 0)
        {
            return;
        }
        double[] columnMajor = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double value = a[i * n + j];
                CheckFinite(value, i, j, "a", "LuSolve");
                columnMajor[j * n + i] = value;
            }
        }
        var provider = LinearAlgebraControl.Provider;
        int[] pivots = new int[n];
        provider.LUFactor(columnMajor, n, pivots);
        // MathNet, like LAPACK's getrf, carries on past a zero pivot; the first one is the column to report.
        for (int j = 0; j < n; j++)
        {
            if (columnMajor[j * n + j] == 0.0)
            {
                throw new SingularMatrixException(j, n);
            }
        }
        if (nrhs == 0)
        {
            return;
        }
        double[] rhs = new double[n * nrhs];
        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < nrhs; c++)
            {
                rhs[c * n + i] = b[i * nrhs + c];
            }
        }
        provider.LUSolveFactored(nrhs, columnMajor, n, pivots, rhs);
        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < nrhs; c++)
            {
                b[i * nrhs + c] = rhs[c * n + i];
            }
        }
    }

    // Decomposes the column-major rows×columns matrix (rows ≥ columns) and returns U, column-major
    // rows×columns. `matrix` is overwritten.
    private static double[] ReduceAndDecompose(ILinearAlgebraProvider provider, double[] matrix, int rows, int columns,
        double[] s, double[] smallU, double[] smallVt)
    {
        if (rows == columns)
        {
            provider.SingularValueDecomposition(true, matrix, rows, columns, s, smallU, smallVt);
            return smallU;
        }
        double[] rFactor = new double[columns * columns];
        provider.ThinQRFactor(matrix, rows, columns, rFactor, new double[columns]);
        provider.SingularValueDecomposition(true, rFactor, columns, columns, s, smallU, smallVt);
        double[] product = new double[rows * columns];
        // ThinQRFactor leaves Q (rows×columns) in `matrix`.
        provider.MatrixMultiply(matrix, rows, columns, smallU, columns, columns, product);
        return product;
    }

    // Orders s descending (ties keep MathNet's order), permutes U's columns and Vᵀ's rows to match, then fixes
    // each pair's sign so that U's column has a positive largest-magnitude component.
    private static void ApplySvdConventions(double[] s, int m, int n, Span<double> singularValues, Span<double> u, Span<double> vt)
    {
        int r = s.Length;
        int[] order = SortedOrder(r, c => s[c], descending: true);
        bool permuted = false;
        for (int c = 0; c < r; c++)
        {
            singularValues[c] = s[order[c]];
            permuted |= order[c] != c;
        }
        if (permuted)
        {
            double[] uCopy = u[..(m * r)].ToArray();
            double[] vtCopy = vt[..(r * n)].ToArray();
            for (int c = 0; c < r; c++)
            {
                int source = order[c];
                for (int i = 0; i < m; i++)
                {
                    u[i * r + c] = uCopy[i * r + source];
                }
                vtCopy.AsSpan(source * n, n).CopyTo(vt.Slice(c * n, n));
            }
        }
        for (int c = 0; c < r; c++)
        {
            if (LargestIsNegative(u, m, r, c))
            {
                NegateColumn(u, m, r, c);
                Span<double> row = vt.Slice(c * n, n);
                for (int j = 0; j < n; j++)
                {
                    row[j] = -row[j];
                }
            }
        }
    }

    private static int[] SortedOrder(int count, Func<int, double> key, bool descending)
    {
        int[] order = new int[count];
        for (int i = 0; i < count; i++)
        {
            order[i] = i;
        }
        // Index as the tie-break makes the unstable Array.Sort behave as a stable one.
        Array.Sort(order, (x, y) =>
        {
            int byValue = descending ? key(y).CompareTo(key(x)) : key(x).CompareTo(key(y));
            return byValue != 0 ? byValue : x.CompareTo(y);
        });
        return order;
    }

    // The first component of largest magnitude in column c of a row-major rows×columns matrix decides the sign.
    private static bool LargestIsNegative(ReadOnlySpan<double> matrix, int rows, int columns, int c)
    {
        double largest = -1;
        double signed = 0;
        for (int i = 0; i < rows; i++)
        {
            double value = matrix[i * columns + c];
            if (Math.Abs(value) > largest)
            {
                largest = Math.Abs(value);
                signed = value;
            }
        }
        return signed < 0;
    }

    private static void NegateColumn(Span<double> matrix, int rows, int columns, int c)
    {
        for (int i = 0; i < rows; i++)
        {
            matrix[i * columns + c] = -matrix[i * columns + c];
        }
    }

    private static void CheckFinite(double value, int row, int column, string name, string method)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException(
                $"The '{name}' parameter of {method} must be finite. Got {value} at row {row}, column {column}.", name);
        }
    }
}
