using TabularOd.Compute;

namespace TabularOd.Detectors.Magnitude;

/// <summary>
/// The similarity matrix of magnitude theory, Z_ij = exp(−t·‖x_i − x_j‖) (the Laplacian kernel), from squared
/// distances the backend computed.
/// </summary>
/// <remarks>
/// Entries go through scalar <see cref="Math.Exp(double)"/> and <see cref="Math.Sqrt(double)"/>, so an entry's
/// value depends only on its distance, never on its position in a vector loop: a new point's kernel row is the
/// same whichever batch it is scored in.
/// </remarks>
internal static class LaplacianKernel
{
    private const int BlockRows = 64;

    /// <summary>exp(−t·√s) for one squared distance s.</summary>
    public static double Of(double squaredDistance, double t) => Math.Exp(-t * Math.Sqrt(squaredDistance));

    /// <summary>
    /// Turns the lower triangle (diagonal included) of an m×m squared-distance matrix into Z, in place; the strict
    /// upper triangle is left as it is, since the Cholesky factorisation reads only the lower one (and half the
    /// exponentials are saved).
    /// </summary>
    public static void LowerInPlace(double[] squared, int m, double t) => Lower(squared, squared, m, t);

    /// <summary>Writes Z's lower triangle into <paramref name="kernel"/> from the squared distances <paramref name="squared"/>.</summary>
    public static void Lower(double[] squared, double[] kernel, int m, double t)
    {
        int blocks = (m + BlockRows - 1) / BlockRows;
        ComputeParallelism.For(blocks, ComputeParallelism.DefaultDegree, block =>
        {
            int end = Math.Min(m, (block + 1) * BlockRows);
            for (int i = block * BlockRows; i < end; i++)
            {
                int row = i * m;
                for (int j = 0; j <= i; j++)
                {
                    kernel[row + j] = Of(squared[row + j], t);
                }
            }
        });
    }

    /// <summary>Replaces each squared distance of <paramref name="values"/> by its kernel value.</summary>
    public static void InPlace(Span<double> values, double t)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = Of(values[i], t);
        }
    }
}
