using TabularOd.Compute;
using TabularOd.Data;

namespace TabularOd.Stacking;

/// <summary>
/// Pearson correlations between the columns of a prediction matrix from one GEMM of the centred columns, and the
/// 2-norm condition number of any principal sub-matrix: the measure of how collinear a meta-learner's inputs are.
/// </summary>
internal sealed class ColumnCorrelations
{
    private readonly IComputeBackend _backend;
    private readonly double[] _scatter;
    private readonly int _columns;

    private ColumnCorrelations(IComputeBackend backend, double[] scatter, int columns, double[] variance)
    {
        _backend = backend;
        _scatter = scatter;
        _columns = columns;
        Variance = variance;
    }

    /// <summary>Per column, the variance with ddof 0.</summary>
    public double[] Variance { get; }

    public static ColumnCorrelations Create(IComputeBackend backend, DataMatrix x)
    {
        int n = x.Rows, m = x.Columns;
        var mean = new double[m];
        for (int i = 0; i < n; i++)
        {
            var row = x.Row(i);
            for (int j = 0; j < m; j++)
            {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < m; j++)
        {
            mean[j] /= n;
        }
        // Centring first keeps the products small; a raw-moment formula would cancel catastrophically on columns
        // with a large mean and a small spread, exactly the near-duplicate columns this is used to find.
        var centred = new double[checked(n * m)];
        for (int i = 0; i < n; i++)
        {
            var row = x.Row(i);
            for (int j = 0; j < m; j++)
            {
                centred[(i * m) + j] = row[j] - mean[j];
            }
        }
        var scatter = new double[m * m];
        backend.Gemm(MatrixTranspose.Transpose, MatrixTranspose.None, m, m, n, 1.0, centred, m, centred, m, 0.0, scatter, m);
        var variance = new double[m];
        for (int j = 0; j < m; j++)
        {
            variance[j] = scatter[(j * m) + j] / n;
        }
        return new ColumnCorrelations(backend, scatter, m, variance);
    }

    /// <summary>Pearson ρ of columns a and b; NaN when either is constant.</summary>
    public double Correlation(int a, int b)
    {
        double saa = _scatter[(a * _columns) + a], sbb = _scatter[(b * _columns) + b];
        if (saa == 0 || sbb == 0)
        {
            return double.NaN;
        }
        return a == b ? 1.0 : _scatter[(a * _columns) + b] / Math.Sqrt(saa * sbb);
    }

    /// <summary>
    /// max|λ| / min|λ| of the correlation matrix of <paramref name="subset"/> (its singular values, as NumPy's
    /// <c>cond</c>): +∞ when a column is constant or the matrix is singular, NaN for an empty subset.
    /// </summary>
    public double ConditionNumber(ReadOnlySpan<int> subset)
    {
        int k = subset.Length;
        if (k == 0)
        {
            return double.NaN;
        }
        var matrix = new double[k * k];
        for (int a = 0; a < k; a++)
        {
            for (int b = 0; b < k; b++)
            {
                double r = Correlation(subset[a], subset[b]);
                if (double.IsNaN(r))
                {
                    return double.PositiveInfinity;
                }
                matrix[(a * k) + b] = r;
            }
        }
        var eigenvalues = new double[k];
        var eigenvectors = new double[k * k];
        _backend.SymmetricEigen(matrix, k, eigenvalues, eigenvectors);
        double largest = 0, smallest = double.PositiveInfinity;
        foreach (double lambda in eigenvalues)
        {
            largest = Math.Max(largest, Math.Abs(lambda));
            smallest = Math.Min(smallest, Math.Abs(lambda));
        }
        return smallest == 0 ? double.PositiveInfinity : largest / smallest;
    }
}
