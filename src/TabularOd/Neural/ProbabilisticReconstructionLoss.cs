namespace TabularOd.Neural;

/// <summary>
/// The batch mean of the adjustable probabilistic reconstruction error, (1/rows) Σᵢ APRE(α, β)ᵢ (see
/// <see cref="ReconstructionErrors.Probabilistic"/>), for a network whose output is μ (d values) then σ² (d values,
/// already positive). Training uses α = β = 1, the plain PRE of SPEC §4.
/// </summary>
/// <remarks>
/// With r = t − μ and v = σ² + ε, one row's gradient is ∂/∂μⱼ = −2α rⱼ/vⱼ and ∂/∂σ²ⱼ = −α rⱼ²/vⱼ² + β/vⱼ: the variance
/// is pushed towards the squared residual (α/β)·r², which is where the loss of a value is smallest.
/// </remarks>
public sealed class ProbabilisticReconstructionLoss(double alpha = 1.0, double beta = 1.0) : ILoss
{
    /// <summary>Weight of the variance-scaled squared residuals.</summary>
    public double Alpha { get; } = alpha;

    /// <summary>Weight of the log-variance term.</summary>
    public double Beta { get; } = beta;

    /// <inheritdoc />
    public int OutputWidth(int targetWidth) => 2 * targetWidth;

    /// <inheritdoc />
    public double Compute(ReadOnlySpan<double> output, ReadOnlySpan<double> target, int rows, Span<double> outputGradient)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        int d = target.Length / rows;
        NetworkArguments.CheckBatch(target, rows, d, nameof(target));
        NetworkArguments.CheckBatch(output, rows, 2 * d, nameof(output));
        NetworkArguments.CheckBatch(outputGradient, rows, 2 * d, nameof(outputGradient));
        double scale = 1.0 / rows;
        double sum = 0;
        for (int i = 0; i < rows; i++)
        {
            var y = output.Slice(i * 2 * d, 2 * d);
            var t = target.Slice(i * d, d);
            sum += ReconstructionErrors.Probabilistic(y, t, Alpha, Beta);
            var g = outputGradient.Slice(i * 2 * d, 2 * d);
            for (int j = 0; j < d; j++)
            {
                double v = y[d + j] + ReconstructionErrors.VarianceEpsilon;
                double r = t[j] - y[j];
                g[j] = -2.0 * Alpha * r / v * scale;
                g[d + j] = ((-Alpha * r * r / (v * v)) + (Beta / v)) * scale;
            }
        }
        return sum * scale;
    }
}
