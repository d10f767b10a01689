namespace TabularOd.Benchmarking.Synthetic;

/// <summary>
/// The lower Cholesky factor of a small symmetric positive-definite matrix, in plain sequential loops: the copula
/// factor must come out bit-identical on every machine, and at d ≤ a few hundred speed does not matter.
/// </summary>
internal static class LowerCholesky
{
    /// <summary>L with A = L Lᵀ, both n × n row-major; the upper triangle of L is zero.</summary>
    public static double[] Factor(double[] a, int n)
    {
        var l = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double sum = a[(i * n) + j];
                for (int k = 0; k < j; k++)
                {
                    sum -= l[(i * n) + k] * l[(j * n) + k];
                }
                if (i == j)
                {
                    if (!(sum > 0))
                    {
                        throw new InvalidOperationException($"The matrix is not positive definite (pivot {i} is {sum}).");
                    }
                    l[(i * n) + i] = Math.Sqrt(sum);
                }
                else
                {
                    l[(i * n) + j] = sum / l[(j * n) + j];
                }
            }
        }
        return l;
    }
}
