namespace TabularOd.Neural;

/// <summary>
/// Layers applied one after another: a batched forward pass that keeps every intermediate activation in an
/// <see cref="ActivationCache"/>, the backward pass that turns ∂loss/∂output into every parameter's gradient from
/// those activations, and a per-row forward pass for scoring.
/// </summary>
/// <remarks>
/// The network holds only its layers and their parameters; activations live in the cache the caller passes. A trained
/// network can therefore score from several threads at once through <see cref="ForwardRow"/>, and the training buffers
/// (rows × every width) are garbage once the trainer lets its cache go.
/// </remarks>
public sealed class SequentialNetwork
{
    private readonly ILayer[] _layers;

    /// <summary>A network of <paramref name="layers"/>; each layer's input width must be the previous one's output width.</summary>
    public SequentialNetwork(IEnumerable<ILayer> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        _layers = [.. layers];
        if (_layers.Length == 0)
        {
            throw new ArgumentException("A network needs at least one layer.", nameof(layers));
        }
        for (int l = 1; l < _layers.Length; l++)
        {
            if (_layers[l].InputWidth != _layers[l - 1].OutputWidth)
            {
                throw new ArgumentException(
                    $"Layer {l} takes {_layers[l].InputWidth} values per row but layer {l - 1} gives {_layers[l - 1].OutputWidth}.", nameof(layers));
            }
        }
        Parameters = [.. _layers.SelectMany(layer => layer.Parameters)];
        Widths = [_layers[0].InputWidth, .. _layers.Select(layer => layer.OutputWidth)];
        RowScratchLength = 2 * Widths.Max();
    }

    /// <summary>The layers, input side first.</summary>
    public IReadOnlyList<ILayer> Layers => _layers;

    /// <summary>Values per input row.</summary>
    public int InputWidth => Widths[0];

    /// <summary>Values per output row.</summary>
    public int OutputWidth => Widths[^1];

    /// <summary>The input width followed by every layer's output width.</summary>
    public IReadOnlyList<int> Widths { get; }

    /// <summary>Every learned parameter, in layer order (the order an optimiser and a saved model use).</summary>
    public IReadOnlyList<TrainableParameter> Parameters { get; }

    /// <summary>The scratch length <see cref="ForwardRow"/> needs.</summary>
    public int RowScratchLength { get; }

    /// <summary>
    /// Runs <paramref name="rows"/> input rows through every layer, keeping the activations in <paramref name="cache"/>
    /// for <see cref="Backward"/>; returns the output rows (a view into the cache, valid until its next use).
    /// </summary>
    public ReadOnlySpan<double> Forward(ReadOnlySpan<double> input, int rows, ActivationCache cache)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        NetworkArguments.CheckBatch(input, rows, InputWidth, nameof(input));
        cache.Begin(this, rows);
        input.CopyTo(cache.Activation(0));
        for (int l = 0; l < _layers.Length; l++)
        {
            _layers[l].Forward(cache.Activation(l), rows, cache.Activation(l + 1));
        }
        return cache.Activation(_layers.Length);
    }

    /// <summary>
    /// Back-propagates ∂loss/∂output of the last <see cref="Forward"/> on <paramref name="cache"/>, overwriting the
    /// <see cref="TrainableParameter.Gradient"/> of every parameter.
    /// </summary>
    public void Backward(ReadOnlySpan<double> outputGradient, ActivationCache cache)
    {
        ArgumentNullException.ThrowIfNull(cache);
        int rows = cache.RowsOf(this);
        NetworkArguments.CheckBatch(outputGradient, rows, OutputWidth, nameof(outputGradient));
        ReadOnlySpan<double> gradient = outputGradient;
        for (int l = _layers.Length - 1; l >= 0; l--)
        {
            // Two buffers in turn: a layer reads its output gradient from one and writes its input gradient to the other.
            Span<double> inputGradient = l == 0 ? [] : cache.Gradient(l % 2, rows * Widths[l]);
            _layers[l].Backward(cache.Activation(l), cache.Activation(l + 1), gradient, rows, inputGradient);
            gradient = inputGradient;
        }
    }

    /// <summary>
    /// One row through every layer's <see cref="ILayer.ForwardRow"/>: the batch-independent scoring path. Thread-safe
    /// as long as each thread passes its own <paramref name="scratch"/> of at least <see cref="RowScratchLength"/> values.
    /// </summary>
    public void ForwardRow(ReadOnlySpan<double> input, Span<double> output, Span<double> scratch)
    {
        NetworkArguments.CheckBatch(input, 1, InputWidth, nameof(input));
        NetworkArguments.CheckBatch(output, 1, OutputWidth, nameof(output));
        if (scratch.Length < RowScratchLength)
        {
            throw new ArgumentException($"ForwardRow needs {RowScratchLength} scratch values. Got {scratch.Length}.", nameof(scratch));
        }
        int half = RowScratchLength / 2;
        ReadOnlySpan<double> current = input;
        for (int l = 0; l < _layers.Length; l++)
        {
            Span<double> next = l == _layers.Length - 1 ? output : scratch.Slice(l % 2 * half, Widths[l + 1]);
            _layers[l].ForwardRow(current, next);
            current = next;
        }
    }
}
