using System.Numerics.Tensors;
using TabularOd.Compute;

namespace TabularOd.Detectors.Linear;

/// <summary>
/// The moment and factorisation steps the Gaussian-model detectors (PCA, Mahalanobis, MCD, GMM) share: column
/// means and scales, scatter matrices through the backend's GEMM, and a Cholesky factor that survives singular
/// covariances.
/// </summary>
internal static class CovarianceAlgebra
{
    /// <summary>Machine epsilon of double (2⁻⁵²), as NumPy's <c>finfo(float64).eps</c>.</summary>
    public const double Epsilon = 2.220446049250313e-16;

    /// <summary>Column means of a row-major n×d matrix, summed row after row (a fixed order).</summary>
    public static double[] ColumnMeans(ReadOnlySpan<double> x, int n, int d)
    {
        var sums = new double[d];
        for (int i = 0; i < n; i++)
        {
            TensorPrimitives.Add(sums, x.Slice(i * d, d), sums);
        }
        TensorPrimitives.Divide(sums, n, sums);
        return sums;
    }

    /// <summary>
    /// Population standard deviations (ddof 0) about <paramref name="means"/>, with scikit-learn's
    /// <c>StandardScaler</c> rule for constant columns (<see cref="IsConstantColumn"/>): scale 1, so the column is
    /// centred but its rounding noise is not blown up to unit variance.
    /// </summary>
    public static double[] ColumnScales(ReadOnlySpan<double> x, int n, int d, ReadOnlySpan<double> means)
    {
        var variances = new double[d];
        var diff = new double[d];
        for (int i = 0; i < n; i++)
        {
            TensorPrimitives.Subtract(x.Slice(i * d, d), means, diff);
            TensorPrimitives.MultiplyAdd(diff, diff, variances, variances);
        }
        var scales = new double[d];
        for (int j = 0; j < d; j++)
        {
            double variance = variances[j] / n;
            scales[j] = IsConstantColumn(variance, means[j], n) ? 1.0 : Math.Sqrt(variance);
        }
        return scales;
    }

    /// <summary>
    /// scikit-learn's <c>_is_constant_feature</c>: a population variance no larger than the rounding noise of
    /// computing it from n values around <paramref name="mean"/> (var ≤ n·ε·var + (n·|mean|·ε)²) is zero.
    /// </summary>
    public static bool IsConstantColumn(double variance, double mean, int n)
    {
        double meanNoise = n * Math.Abs(mean) * Epsilon;
        return variance <= (n * Epsilon * variance) + (meanNoise * meanNoise);
    }

    /// <summary>
    /// Σᵢ wᵢ (xᵢ − c)(xᵢ − c)ᵀ (wᵢ = 1 without weights), d×d, exactly symmetric; one GEMM through the backend.
    /// </summary>
    public static double[] Scatter(IComputeBackend backend, ReadOnlySpan<double> x, int n, int d, ReadOnlySpan<double> centre,
        ReadOnlySpan<double> rowWeights = default)
    {
        var centred = new double[n * d];
        for (int i = 0; i < n; i++)
        {
            TensorPrimitives.Subtract(x.Slice(i * d, d), centre, centred.AsSpan(i * d, d));
        }
        double[] left = centred;
        if (!rowWeights.IsEmpty)
        {
            left = new double[n * d];
            for (int i = 0; i < n; i++)
            {
                TensorPrimitives.Multiply(centred.AsSpan(i * d, d), rowWeights[i], left.AsSpan(i * d, d));
            }
        }
        var scatter = new double[d * d];
        backend.Gemm(MatrixTranspose.Transpose, MatrixTranspose.None, d, d, n, 1.0, left, d, centred, d, 0.0, scatter, d);
        MirrorLower(scatter, d);
        return scatter;
    }

    /// <summary>Copies the lower triangle onto the upper one, so that a GEMM result is exactly symmetric.</summary>
    public static void MirrorLower(Span<double> a, int d)
    {
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < i; j++)
            {
                a[(j * d) + i] = a[(i * d) + j];
            }
        }
    }

    /// <summary>The mean of the diagonal, or 1 when it is not positive (all-constant data: any positive scale will do).</summary>
    public static double MeanVariance(ReadOnlySpan<double> covariance, int d)
    {
        double trace = 0;
        for (int j = 0; j < d; j++)
        {
            trace += covariance[(j * d) + j];
        }
        double mean = trace / d;
        return mean > 0 && double.IsFinite(mean) ? mean : 1.0;
    }

    /// <summary>
    /// The Cholesky factor L of a symmetric positive semi-definite matrix through the backend, retrying with a
    /// jitter of 10⁻¹⁰, 10⁻⁹, … times the mean variance when rounding makes it indefinite, so that a covariance
    /// that is singular in floating point still gives finite scores.
    /// </summary>
    public static double[] Factor(IComputeBackend backend, ReadOnlySpan<double> covariance, int d)
    {
        var options = new SpdSolverOptions
        {
            InitialJitter = 1e-10 * MeanVariance(covariance, d),
            JitterGrowth = 10,
            MaxRetries = 10,
        };
        var factor = new double[d * d];
        SpdSolver.Factor(backend, covariance, d, factor, options);
        return factor;
    }

    /// <summary>log det(L·Lᵀ) from the Cholesky factor L.</summary>
    public static double LogDeterminant(ReadOnlySpan<double> factor, int d)
    {
        double sum = 0;
        for (int j = 0; j < d; j++)
        {
            sum += Math.Log(factor[(j * d) + j]);
        }
        return 2 * sum;
    }

    /// <summary>
    /// L⁻¹ for a lower-triangular L with a positive diagonal (row-major, strict upper triangle zero), by forward
    /// substitution column by column: d³/6 multiply-adds, negligible next to the scatter that made L.
    /// </summary>
    public static double[] LowerInverse(ReadOnlySpan<double> factor, int d)
    {
        var inverse = new double[d * d];
        for (int j = 0; j < d; j++)
        {
            inverse[(j * d) + j] = 1.0 / factor[(j * d) + j];
            for (int i = j + 1; i < d; i++)
            {
                double sum = 0;
                for (int k = j; k < i; k++)
                {
                    sum += factor[(i * d) + k] * inverse[(k * d) + j];
                }
                inverse[(i * d) + j] = -sum / factor[(i * d) + i];
            }
        }
        return inverse;
    }
}
