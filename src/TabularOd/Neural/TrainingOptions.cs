namespace TabularOd.Neural;

/// <summary>How <see cref="Trainer"/> runs: epochs, batching, learning-rate schedule, early stopping, progress.</summary>
public sealed record TrainingOptions
{
    /// <summary>SPEC §4's default number of epochs.</summary>
    public const int DefaultEpochs = 1000;

    /// <summary>Passes over the training rows, ≥ 1.</summary>
    public int Epochs { get; init; } = DefaultEpochs;

    /// <summary>
    /// Rows per optimiser step. 0, or any value ≥ the number of rows, means full batch: one step per epoch on every row,
    /// in their given order. Otherwise each epoch visits the rows in a fresh seeded random order, in batches of this many
    /// (the last one smaller when the rows do not divide evenly).
    /// </summary>
    public int BatchSize { get; init; }

    /// <summary>Seed of the per-epoch row order in mini-batch mode (unused in full-batch mode).</summary>
    public long ShuffleSeed { get; init; }

    /// <summary>The learning rate per epoch; SPEC §4's default is 10⁻³ halved every 1000 epochs.</summary>
    public StepDecaySchedule Schedule { get; init; } = new(AdamOptimizer.DefaultLearningRate);

    /// <summary>
    /// Stop once this many epochs in a row have not lowered the epoch's training loss below the best so far by more
    /// than <see cref="EarlyStoppingMinDelta"/>; 0 turns early stopping off. The parameters are those of the last epoch
    /// run, not of the best one.
    /// </summary>
    public int EarlyStoppingPatience { get; init; }

    /// <summary>The smallest fall of the training loss that counts as an improvement for early stopping, ≥ 0.</summary>
    public double EarlyStoppingMinDelta { get; init; }

    /// <summary>Called after every epoch with the 1-based epoch number and that epoch's training loss; null for none.</summary>
    public Action<int, double>? Progress { get; init; }
}
