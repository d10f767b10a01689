namespace TabularOd.Neural;

/// <summary>
/// The buffers of one training loop: the input and every layer's output from the last forward pass (what the backward
/// pass differentiates through), and two gradient buffers the backward pass alternates between.
/// </summary>
/// <remarks>Buffers grow to the largest batch seen and are reused, so a training loop allocates once.</remarks>
public sealed class ActivationCache
{
    private double[][] _activations = [];
    private readonly double[][] _gradients = [[], []];
    private SequentialNetwork? _network;
    private int _rows;

    /// <summary>Starts a forward pass of <paramref name="rows"/> rows through <paramref name="network"/>.</summary>
    internal void Begin(SequentialNetwork network, int rows)
    {
        var widths = network.Widths;
        if (_activations.Length != widths.Count)
        {
            _activations = new double[widths.Count][];
            Array.Fill(_activations, Array.Empty<double>());
        }
        for (int l = 0; l < widths.Count; l++)
        {
            int length = checked(rows * widths[l]);
            if (_activations[l].Length < length)
            {
                _activations[l] = new double[length];
            }
        }
        int widest = checked(rows * widths.Max());
        for (int g = 0; g < _gradients.Length; g++)
        {
            if (_gradients[g].Length < widest)
            {
                _gradients[g] = new double[widest];
            }
        }
        _network = network;
        _rows = rows;
    }

    /// <summary>The rows of the last forward pass, which must have been through <paramref name="network"/>.</summary>
    internal int RowsOf(SequentialNetwork network) => ReferenceEquals(_network, network)
        ? _rows
        : throw new InvalidOperationException("Backward needs a forward pass through the same network on this cache first.");

    /// <summary>Activation <paramref name="index"/> (0 = the input, l + 1 = layer l's output) of the current batch.</summary>
    internal Span<double> Activation(int index) => _activations[index].AsSpan(0, _rows * _network!.Widths[index]);

    /// <summary>The first <paramref name="length"/> values of gradient buffer <paramref name="which"/> (0 or 1).</summary>
    internal Span<double> Gradient(int which, int length) => _gradients[which].AsSpan(0, length);
}
