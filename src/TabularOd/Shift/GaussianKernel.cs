using TabularOd.Compute;

namespace TabularOd.Shift;

/// <summary>The Gaussian kernel k(x, y) = exp(−‖x − y‖²/(2σ²)) on the rows of one matrix.</summary>
public static class GaussianKernel
{
    /// <summary>
    /// The full rows×rows kernel matrix (row-major, exactly symmetric, ones on the diagonal), from the backend's
    /// pairwise squared distances.
    /// </summary>
    public static double[] Matrix(IComputeBackend backend, ReadOnlySpan<double> x, int rows, int columns, double sigma)
    {
        ArgumentNullException.ThrowIfNull(backend);
        if (!(sigma > 0) || !double.IsFinite(sigma))
        {
            throw new ArgumentException($"The Gaussian kernel needs a finite width σ > 0. Got {sigma}.", nameof(sigma));
        }
        var k = new double[checked(rows * rows)];
        backend.SquaredDistances(x, rows, columns, k);
        double scale = -1.0 / (2 * sigma * sigma);
        for (int i = 0; i < k.Length; i++)
        {
            k[i] = Math.Exp(k[i] * scale);
        }
        return k;
    }
}
