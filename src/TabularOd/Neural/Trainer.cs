using TabularOd.Data;
using TabularOd.Sampling;

namespace TabularOd.Neural;

/// <summary>
/// The training loop: forward, loss, backward, one Adam step, over full batches or seeded mini-batches, with the
/// learning rate of a <see cref="StepDecaySchedule"/>, optional early stopping and a progress callback.
/// </summary>
/// <remarks>
/// Everything it draws comes from <see cref="TrainingOptions.ShuffleSeed"/> and every kernel it calls gives the same
/// bits on any thread count, so a seed fixes the trained parameters to the bit. The epoch loss reported (and watched
/// by early stopping) is the mean of the batch losses weighted by batch size, each measured before its own step: in
/// full-batch mode, exactly the loss of the parameters the epoch started with.
/// </remarks>
public static class Trainer
{
    /// <summary>
    /// Trains <paramref name="network"/> in place to map the rows of <paramref name="input"/> to those of
    /// <paramref name="target"/> under <paramref name="loss"/>. Pass an <paramref name="optimizer"/> to continue from its
    /// moments; by default a fresh Adam with the paper's β₁, β₂, ε is used.
    /// </summary>
    public static TrainingResult Train(SequentialNetwork network, ILoss loss, DataMatrix input, DataMatrix target,
        TrainingOptions options, AdamOptimizer? optimizer = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(options);
        Check(network, loss, input, target, options);
        optimizer ??= new AdamOptimizer(network.Parameters);

        int n = input.Rows, inWidth = input.Columns, targetWidth = target.Columns;
        int batch = options.BatchSize == 0 || options.BatchSize >= n ? n : options.BatchSize;
        bool fullBatch = batch == n;
        var cache = new ActivationCache();
        var gradient = new double[batch * network.OutputWidth];
        var batchInput = fullBatch ? Array.Empty<double>() : new double[batch * inWidth];
        var batchTarget = fullBatch ? Array.Empty<double>() : new double[batch * targetWidth];
        var order = Enumerable.Range(0, n).ToArray();
        var shuffler = new SeededRandom(options.ShuffleSeed);

        var losses = new List<double>(options.Epochs);
        double best = double.PositiveInfinity;
        int sinceImprovement = 0;
        bool stoppedEarly = false;
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            double rate = options.Schedule.RateAt(epoch);
            double epochLoss;
            if (fullBatch)
            {
                epochLoss = Step(network, loss, optimizer, cache, input.AsSpan(), target.AsSpan(), n, gradient, rate);
            }
            else
            {
                shuffler.Shuffle(order.AsSpan());
                double weighted = 0;
                for (int start = 0; start < n; start += batch)
                {
                    int rows = Math.Min(batch, n - start);
                    for (int r = 0; r < rows; r++)
                    {
                        input.Row(order[start + r]).CopyTo(batchInput.AsSpan(r * inWidth, inWidth));
                        target.Row(order[start + r]).CopyTo(batchTarget.AsSpan(r * targetWidth, targetWidth));
                    }
                    weighted += rows * Step(network, loss, optimizer, cache, batchInput.AsSpan(0, rows * inWidth),
                        batchTarget.AsSpan(0, rows * targetWidth), rows, gradient, rate);
                }
                epochLoss = weighted / n;
            }
            losses.Add(epochLoss);
            options.Progress?.Invoke(epoch + 1, epochLoss);

            if (epochLoss < best - options.EarlyStoppingMinDelta)
            {
                sinceImprovement = 0;
            }
            else
            {
                sinceImprovement++;
            }
            best = Math.Min(best, epochLoss);
            if (options.EarlyStoppingPatience > 0 && sinceImprovement >= options.EarlyStoppingPatience)
            {
                stoppedEarly = epoch + 1 < options.Epochs;
                break;
            }
        }
        return new TrainingResult(losses.Count, losses[^1], best, stoppedEarly, losses);
    }

    private static double Step(SequentialNetwork network, ILoss loss, AdamOptimizer optimizer, ActivationCache cache,
        ReadOnlySpan<double> input, ReadOnlySpan<double> target, int rows, double[] gradient, double rate)
    {
        var output = network.Forward(input, rows, cache);
        var outputGradient = gradient.AsSpan(0, rows * network.OutputWidth);
        double value = loss.Compute(output, target, rows, outputGradient);
        network.Backward(outputGradient, cache);
        optimizer.Step(rate);
        return value;
    }

    private static void Check(SequentialNetwork network, ILoss loss, DataMatrix input, DataMatrix target, TrainingOptions options)
    {
        if (input.Rows == 0 || input.Rows != target.Rows)
        {
            throw new ArgumentException($"Training needs at least one row and one target row per input row. Got {input.Rows} inputs and {target.Rows} targets.");
        }
        if (input.Columns != network.InputWidth)
        {
            throw new ArgumentException($"The network takes {network.InputWidth} values per row; the input has {input.Columns}.", nameof(input));
        }
        if (loss.OutputWidth(target.Columns) != network.OutputWidth)
        {
            throw new ArgumentException(
                $"The loss needs {loss.OutputWidth(target.Columns)} outputs for {target.Columns} target values, but the network gives {network.OutputWidth}.", nameof(target));
        }
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Epochs, "options.Epochs");
        ArgumentOutOfRangeException.ThrowIfNegative(options.BatchSize, "options.BatchSize");
        ArgumentOutOfRangeException.ThrowIfNegative(options.EarlyStoppingPatience, "options.EarlyStoppingPatience");
        if (!(options.EarlyStoppingMinDelta >= 0))
        {
            throw new ArgumentOutOfRangeException("options.EarlyStoppingMinDelta", options.EarlyStoppingMinDelta, "must be ≥ 0.");
        }
        ArgumentNullException.ThrowIfNull(options.Schedule, "options.Schedule");
        options.Schedule.RateAt(0);
    }
}
