namespace TabularOd.Neural;

/// <summary>
/// One array of learned values (a weight matrix or a bias vector) with the gradient of the loss beside it: what an
/// optimiser updates and what a saved model stores.
/// </summary>
public sealed class TrainableParameter
{
    /// <summary>A zero-filled parameter of <paramref name="length"/> values.</summary>
    public TrainableParameter(string name, int length)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Name = name;
        Values = new double[length];
        Gradient = new double[length];
    }

    /// <summary>What the parameter is, e.g. "dense 2 weights" (for messages and tests).</summary>
    public string Name { get; }

    /// <summary>The values; a layer reads them in place, so writing here changes the network.</summary>
    public double[] Values { get; }

    /// <summary>∂loss/∂value from the last backward pass (overwritten by every pass, not accumulated).</summary>
    public double[] Gradient { get; }

    /// <summary>Number of values.</summary>
    public int Length => Values.Length;
}
