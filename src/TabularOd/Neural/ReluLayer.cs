namespace TabularOd.Neural;

/// <summary>The rectifier y = max(x, 0), element by element; its gradient passes where the input was positive.</summary>
public sealed class ReluLayer(int width) : ILayer
{
    /// <inheritdoc />
    public int InputWidth { get; } = width > 0 ? width : throw new ArgumentOutOfRangeException(nameof(width), width, "A layer needs at least one value per row.");

    /// <inheritdoc />
    public int OutputWidth => InputWidth;

    /// <inheritdoc />
    public IReadOnlyList<TrainableParameter> Parameters => [];

    /// <inheritdoc />
    public void Forward(ReadOnlySpan<double> input, int rows, Span<double> output)
    {
        NetworkArguments.CheckBatch(input, rows, InputWidth, nameof(input));
        NetworkArguments.CheckBatch(output, rows, OutputWidth, nameof(output));
        Apply(input, output);
    }

    /// <inheritdoc />
    public void Backward(ReadOnlySpan<double> input, ReadOnlySpan<double> output, ReadOnlySpan<double> outputGradient, int rows,
        Span<double> inputGradient)
    {
        if (inputGradient.IsEmpty)
        {
            return;
        }
        NetworkArguments.CheckBatch(input, rows, InputWidth, nameof(input));
        NetworkArguments.CheckBatch(outputGradient, rows, OutputWidth, nameof(outputGradient));
        NetworkArguments.CheckBatch(inputGradient, rows, InputWidth, nameof(inputGradient));
        // The subgradient at exactly 0 is taken as 0, as PyTorch does.
        for (int k = 0; k < input.Length; k++)
        {
            inputGradient[k] = input[k] > 0 ? outputGradient[k] : 0.0;
        }
    }

    /// <inheritdoc />
    public void ForwardRow(ReadOnlySpan<double> input, Span<double> output)
    {
        NetworkArguments.CheckBatch(input, 1, InputWidth, nameof(input));
        NetworkArguments.CheckBatch(output, 1, OutputWidth, nameof(output));
        Apply(input, output);
    }

    private static void Apply(ReadOnlySpan<double> input, Span<double> output)
    {
        for (int k = 0; k < input.Length; k++)
        {
            output[k] = input[k] > 0 ? input[k] : 0.0;
        }
    }
}
