using TabularOd.Compute;

namespace TabularOd.Stacking;

/// <summary>
/// Ridge on a centred Gram system for any α from one eigen-decomposition G = V·diag(λ)·Vᵀ:
/// w(α) = V·diag(1/(λ + α))·Vᵀq. Eigenvalues that rounding pushes below zero are taken as zero, as
/// <see cref="RidgeSpectrum"/> does.
/// </summary>
internal sealed class RidgeEigen
{
    private readonly double[] _eigenvalues;
    private readonly double[] _eigenvectors;
    private readonly double[] _rotated;

    private RidgeEigen(double[] eigenvalues, double[] eigenvectors, double[] rotated)
    {
        _eigenvalues = eigenvalues;
        _eigenvectors = eigenvectors;
        _rotated = rotated;
    }

    public static RidgeEigen Create(IComputeBackend backend, GramSystem system)
    {
        int p = system.Columns;
        var eigenvalues = new double[p];
        var eigenvectors = new double[p * p];
        backend.SymmetricEigen(system.Gram, p, eigenvalues, eigenvectors);
        var rotated = new double[p];
        for (int i = 0; i < p; i++)
        {
            eigenvalues[i] = Math.Max(eigenvalues[i], 0.0);
            // Column i of the row-major eigenvector matrix, against q.
            double dot = 0;
            for (int j = 0; j < p; j++)
            {
                dot += eigenvectors[(j * p) + i] * system.Xty[j];
            }
            rotated[i] = dot;
        }
        return new RidgeEigen(eigenvalues, eigenvectors, rotated);
    }

    public double[] Coefficients(double alpha)
    {
        int p = _rotated.Length;
        var w = new double[p];
        for (int i = 0; i < p; i++)
        {
            double shrunk = _rotated[i] / (_eigenvalues[i] + alpha);
            for (int j = 0; j < p; j++)
            {
                w[j] += _eigenvectors[(j * p) + i] * shrunk;
            }
        }
        return w;
    }
}
