namespace TabularOd.Neural;

/// <summary>
/// Mean squared error over every value of the batch, (1/(rows·d)) Σᵢ Σⱼ (yᵢⱼ − tᵢⱼ)² (PyTorch's <c>MSELoss</c> default):
/// the loss of a plain autoencoder, whose output has the target's width.
/// </summary>
public sealed class MeanSquaredErrorLoss : ILoss
{
    /// <inheritdoc />
    public int OutputWidth(int targetWidth) => targetWidth;

    /// <inheritdoc />
    public double Compute(ReadOnlySpan<double> output, ReadOnlySpan<double> target, int rows, Span<double> outputGradient)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        int d = target.Length / rows;
        NetworkArguments.CheckBatch(target, rows, d, nameof(target));
        NetworkArguments.CheckBatch(output, rows, d, nameof(output));
        NetworkArguments.CheckBatch(outputGradient, rows, d, nameof(outputGradient));
        double scale = 1.0 / ((double)rows * d);
        double sum = 0;
        for (int i = 0; i < rows; i++)
        {
            var y = output.Slice(i * d, d);
            var t = target.Slice(i * d, d);
            sum += ReconstructionErrors.SquaredError(y, t);
            var g = outputGradient.Slice(i * d, d);
            for (int j = 0; j < d; j++)
            {
                g[j] = 2.0 * scale * (y[j] - t[j]);
            }
        }
        return sum * scale;
    }
}
