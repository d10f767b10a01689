namespace TabularOd.Neural;

/// <summary>
/// The per-row reconstruction errors of SPEC §4, shared by the training losses and the detectors' scores: the squared
/// error of a plain autoencoder and the adjustable probabilistic reconstruction error (APRE) of a mean–variance one.
/// </summary>
/// <remarks>Sums run over the columns in ascending order, so a row's error depends on that row alone.</remarks>
public static class ReconstructionErrors
{
    /// <summary>ε added to every predicted variance σ² before dividing by it or taking its logarithm (SPEC §4).</summary>
    public const double VarianceEpsilon = 1e-5;

    /// <summary>Σⱼ (reconstructionⱼ − targetⱼ)².</summary>
    public static double SquaredError(ReadOnlySpan<double> reconstruction, ReadOnlySpan<double> target)
    {
        CheckWidths(reconstruction.Length, target.Length, 1);
        double sum = 0;
        for (int j = 0; j < target.Length; j++)
        {
            double r = reconstruction[j] - target[j];
            sum += r * r;
        }
        return sum;
    }

    /// <summary>
    /// APRE(α, β) = α Σⱼ (targetⱼ − μⱼ)²/(σ²ⱼ + ε) + β Σⱼ log(σ²ⱼ + ε), where <paramref name="output"/> holds μ (the first
    /// d values) then σ² (the last d). With α = β = 1 it is the probabilistic reconstruction error PRE, twice the Gaussian
    /// negative log-likelihood up to a constant.
    /// </summary>
    public static double Probabilistic(ReadOnlySpan<double> output, ReadOnlySpan<double> target, double alpha, double beta)
    {
        CheckWidths(output.Length, target.Length, 2);
        int d = target.Length;
        double weighted = 0, logVariance = 0;
        for (int j = 0; j < d; j++)
        {
            double variance = output[d + j] + VarianceEpsilon;
            double r = target[j] - output[j];
            weighted += r * r / variance;
            logVariance += Math.Log(variance);
        }
        return (alpha * weighted) + (beta * logVariance);
    }

    private static void CheckWidths(int output, int target, int factor)
    {
        if (output != factor * target)
        {
            throw new ArgumentException($"A target of {target} values needs an output of {factor * target} values. Got {output}.");
        }
    }
}
