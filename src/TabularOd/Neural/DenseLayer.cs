using System.Numerics.Tensors;
using TabularOd.Compute;
using TabularOd.Sampling;

namespace TabularOd.Neural;

/// <summary>
/// A fully connected layer y = x·W + b, with W stored row-major as <see cref="InputWidth"/> × <see cref="OutputWidth"/>
/// (row i holds the weights leaving input i) and b of <see cref="OutputWidth"/> values.
/// </summary>
/// <remarks>
/// <para>
/// Training runs the three products of a dense layer through the compute backend's GEMM: Y = X·W forward, and
/// ∂W = Xᵀ·∂Y and ∂X = ∂Y·Wᵀ backward. The backend's GEMM is bit-identical whatever its thread count, but not
/// promised to give a row the same bits whatever the other rows of the product (a native BLAS may switch to a
/// matrix-vector kernel for one row), so <see cref="ForwardRow"/> computes a single row without it: y ← b, then
/// y ← fma(W[i, ·], x[i], y) for i = 0, 1, …, in that order. Each output value then sees one fixed sequence of fused
/// multiply-adds, the same for a row scored alone or among thousands, on any processor.
/// </para>
/// <para>The bias gradient is summed over rows in row order, so it too is the same whatever the thread count.</para>
/// </remarks>
public sealed class DenseLayer : ILayer
{
    private readonly IComputeBackend? _backend;

    /// <summary>A layer with zero weights and biases (call <see cref="Initialize"/>, or load stored values).</summary>
    /// <param name="inputWidth">Values per input row, ≥ 1.</param>
    /// <param name="outputWidth">Values per output row, ≥ 1.</param>
    /// <param name="name">Prefix of the parameter names ("dense 0" gives "dense 0 weights", "dense 0 bias").</param>
    /// <param name="backend">
    /// The GEMM used in training; null for <see cref="ComputeBackends.Default"/>, looked up when first needed so that a
    /// layer that only scores (<see cref="ForwardRow"/>) never touches a backend.
    /// </param>
    public DenseLayer(int inputWidth, int outputWidth, string name = "dense", IComputeBackend? backend = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputWidth);
        InputWidth = inputWidth;
        OutputWidth = outputWidth;
        _backend = backend;
        Weights = new TrainableParameter($"{name} weights", checked(inputWidth * outputWidth));
        Bias = new TrainableParameter($"{name} bias", outputWidth);
        Parameters = [Weights, Bias];
    }

    /// <inheritdoc />
    public int InputWidth { get; }

    private IComputeBackend Backend => _backend ?? ComputeBackends.Default;

    /// <inheritdoc />
    public int OutputWidth { get; }

    /// <summary>W, <see cref="InputWidth"/> × <see cref="OutputWidth"/>, row-major.</summary>
    public TrainableParameter Weights { get; }

    /// <summary>b, <see cref="OutputWidth"/> values.</summary>
    public TrainableParameter Bias { get; }

    /// <inheritdoc />
    public IReadOnlyList<TrainableParameter> Parameters { get; }

    /// <summary>
    /// Draws the weights from <paramref name="random"/> (uniform, row-major order, bound set by
    /// <paramref name="scheme"/>) and zeroes the biases.
    /// </summary>
    public void Initialize(SeededRandom random, WeightInitialization scheme)
    {
        ArgumentNullException.ThrowIfNull(random);
        double bound = scheme switch
        {
            WeightInitialization.HeUniform => Math.Sqrt(6.0 / InputWidth),
            WeightInitialization.GlorotUniform => Math.Sqrt(6.0 / (InputWidth + OutputWidth)),
            _ => throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "Unknown weight initialisation."),
        };
        var weights = Weights.Values;
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = ((2.0 * random.NextDouble()) - 1.0) * bound;
        }
        Array.Clear(Bias.Values);
    }

    /// <inheritdoc />
    public void Forward(ReadOnlySpan<double> input, int rows, Span<double> output)
    {
        NetworkArguments.CheckBatch(input, rows, InputWidth, nameof(input));
        NetworkArguments.CheckBatch(output, rows, OutputWidth, nameof(output));
        Backend.Gemm(MatrixTranspose.None, MatrixTranspose.None, rows, OutputWidth, InputWidth,
            1.0, input, InputWidth, Weights.Values, OutputWidth, 0.0, output, OutputWidth);
        for (int r = 0; r < rows; r++)
        {
            var row = output.Slice(r * OutputWidth, OutputWidth);
            TensorPrimitives.Add(row, Bias.Values, row);
        }
    }

    /// <inheritdoc />
    public void Backward(ReadOnlySpan<double> input, ReadOnlySpan<double> output, ReadOnlySpan<double> outputGradient, int rows,
        Span<double> inputGradient)
    {
        NetworkArguments.CheckBatch(input, rows, InputWidth, nameof(input));
        NetworkArguments.CheckBatch(outputGradient, rows, OutputWidth, nameof(outputGradient));
        // ∂W = Xᵀ·∂Y: (in × rows)·(rows × out).
        Backend.Gemm(MatrixTranspose.Transpose, MatrixTranspose.None, InputWidth, OutputWidth, rows,
            1.0, input, InputWidth, outputGradient, OutputWidth, 0.0, Weights.Gradient, OutputWidth);
        var biasGradient = Bias.Gradient.AsSpan();
        biasGradient.Clear();
        for (int r = 0; r < rows; r++)
        {
            TensorPrimitives.Add(biasGradient, outputGradient.Slice(r * OutputWidth, OutputWidth), biasGradient);
        }
        if (inputGradient.IsEmpty)
        {
            return;
        }
        NetworkArguments.CheckBatch(inputGradient, rows, InputWidth, nameof(inputGradient));
        // ∂X = ∂Y·Wᵀ: (rows × out)·(out × in), W stored in × out.
        Backend.Gemm(MatrixTranspose.None, MatrixTranspose.Transpose, rows, InputWidth, OutputWidth,
            1.0, outputGradient, OutputWidth, Weights.Values, OutputWidth, 0.0, inputGradient, InputWidth);
    }

    /// <inheritdoc />
    public void ForwardRow(ReadOnlySpan<double> input, Span<double> output)
    {
        NetworkArguments.CheckBatch(input, 1, InputWidth, nameof(input));
        NetworkArguments.CheckBatch(output, 1, OutputWidth, nameof(output));
        Bias.Values.CopyTo(output);
        var weights = Weights.Values.AsSpan();
        for (int i = 0; i < InputWidth; i++)
        {
            // Element-wise: every output value gets fma(w, x_i, y) whichever vector lane or tail computes it.
            TensorPrimitives.FusedMultiplyAdd(weights.Slice(i * OutputWidth, OutputWidth), input[i], output, output);
        }
    }
}
