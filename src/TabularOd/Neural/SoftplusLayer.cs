namespace TabularOd.Neural;

/// <summary>
/// softplus(x) = log(1 + eˣ) on the columns from <see cref="FirstColumn"/> on, the identity on the columns before it:
/// the output head of a probabilistic autoencoder, whose first half is a mean μ (any real) and whose second half is a
/// variance σ² (positive), as in Nix and Weigend's mean–variance network.
/// </summary>
/// <remarks>
/// Softplus rather than exp keeps σ² growing only linearly with the pre-activation, so an input far outside the
/// training data cannot overflow the variance. Evaluated as max(x, 0) + log1p(e^−|x|), finite for every finite x and
/// accurate where eˣ is tiny; its derivative is the logistic function 1/(1 + e^−x), evaluated without overflow.
/// </remarks>
public sealed class SoftplusLayer : ILayer
{
    /// <summary>Softplus on columns <paramref name="firstColumn"/> … <paramref name="width"/> − 1 of each row.</summary>
    public SoftplusLayer(int width, int firstColumn = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        if (firstColumn < 0 || firstColumn >= width)
        {
            throw new ArgumentOutOfRangeException(nameof(firstColumn), firstColumn, $"The first softplus column must be in [0, {width}).");
        }
        InputWidth = width;
        FirstColumn = firstColumn;
    }

    /// <inheritdoc />
    public int InputWidth { get; }

    /// <inheritdoc />
    public int OutputWidth => InputWidth;

    /// <summary>Columns before this one pass unchanged.</summary>
    public int FirstColumn { get; }

    /// <inheritdoc />
    public IReadOnlyList<TrainableParameter> Parameters => [];

    /// <summary>log(1 + eˣ), accurate and finite for every finite x.</summary>
    public static double Softplus(double x) => Math.Max(x, 0.0) + LogOnePlus(Math.Exp(-Math.Abs(x)));

    /// <summary>The derivative of <see cref="Softplus"/>: the logistic function 1/(1 + e^−x).</summary>
    public static double Logistic(double x)
    {
        if (x >= 0)
        {
            return 1.0 / (1.0 + Math.Exp(-x));
        }
        double e = Math.Exp(x);
        return e / (1.0 + e);
    }

    /// <inheritdoc />
    public void Forward(ReadOnlySpan<double> input, int rows, Span<double> output)
    {
        NetworkArguments.CheckBatch(input, rows, InputWidth, nameof(input));
        NetworkArguments.CheckBatch(output, rows, OutputWidth, nameof(output));
        for (int r = 0; r < rows; r++)
        {
            Apply(input.Slice(r * InputWidth, InputWidth), output.Slice(r * InputWidth, InputWidth));
        }
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
        for (int r = 0; r < rows; r++)
        {
            int offset = r * InputWidth;
            for (int c = 0; c < InputWidth; c++)
            {
                double g = outputGradient[offset + c];
                inputGradient[offset + c] = c < FirstColumn ? g : g * Logistic(input[offset + c]);
            }
        }
    }

    /// <inheritdoc />
    public void ForwardRow(ReadOnlySpan<double> input, Span<double> output)
    {
        NetworkArguments.CheckBatch(input, 1, InputWidth, nameof(input));
        NetworkArguments.CheckBatch(output, 1, OutputWidth, nameof(output));
        Apply(input, output);
    }

    private void Apply(ReadOnlySpan<double> row, Span<double> output)
    {
        row[..FirstColumn].CopyTo(output);
        for (int c = FirstColumn; c < row.Length; c++)
        {
            output[c] = Softplus(row[c]);
        }
    }

    // log(1 + t) for t in [0, 1], accurate to a few ulps where 1 + t rounds (Goldberg's "What every computer scientist
    // should know about floating-point arithmetic", theorem 4); written out because double.LogP1 is log(1 + t) as is.
    private static double LogOnePlus(double t)
    {
        double u = 1.0 + t;
        return u == 1.0 ? t : Math.Log(u) * t / (u - 1.0);
    }
}
