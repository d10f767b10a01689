namespace TabularOd.Neural;

/// <summary>
/// One step of a <see cref="SequentialNetwork"/>: a map from rows of <see cref="InputWidth"/> values to rows of
/// <see cref="OutputWidth"/> values, with its gradient.
/// </summary>
/// <remarks>
/// A layer keeps no activations of its own: the network hands it the input and output it cached on the forward pass,
/// so one network can be read from several threads at once and its training buffers can be dropped after training.
/// Batches are row-major, one row per sample.
/// </remarks>
public interface ILayer
{
    /// <summary>Values per input row.</summary>
    int InputWidth { get; }

    /// <summary>Values per output row.</summary>
    int OutputWidth { get; }

    /// <summary>Learned parameters (none for an activation).</summary>
    IReadOnlyList<TrainableParameter> Parameters { get; }

    /// <summary>Maps <paramref name="rows"/> input rows to output rows for training (may use batched kernels).</summary>
    void Forward(ReadOnlySpan<double> input, int rows, Span<double> output);

    /// <summary>
    /// Given ∂loss/∂output, overwrites each parameter's <see cref="TrainableParameter.Gradient"/> and writes ∂loss/∂input
    /// into <paramref name="inputGradient"/>; an empty <paramref name="inputGradient"/> means nobody needs it (the first
    /// layer) and it is not computed. <paramref name="input"/> and <paramref name="output"/> are those of the forward pass.
    /// </summary>
    void Backward(ReadOnlySpan<double> input, ReadOnlySpan<double> output, ReadOnlySpan<double> outputGradient, int rows,
        Span<double> inputGradient);

    /// <summary>
    /// Maps one row, with every output value computed by a fixed sequence of operations that does not depend on any
    /// other row: the scoring path, where a row's score must not depend on the batch it came in.
    /// </summary>
    void ForwardRow(ReadOnlySpan<double> input, Span<double> output);
}
