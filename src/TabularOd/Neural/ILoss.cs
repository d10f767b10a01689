namespace TabularOd.Neural;

/// <summary>A training loss: a batch of network outputs against their targets, with its gradient.</summary>
public interface ILoss
{
    /// <summary>The network output width this loss expects for targets of <paramref name="targetWidth"/> values.</summary>
    int OutputWidth(int targetWidth);

    /// <summary>
    /// The loss of <paramref name="rows"/> output rows against their target rows, averaged over the batch, and its
    /// gradient with respect to every output value written to <paramref name="outputGradient"/> (same shape as the output).
    /// </summary>
    double Compute(ReadOnlySpan<double> output, ReadOnlySpan<double> target, int rows, Span<double> outputGradient);
}
