namespace TabularOd.Detectors.Neural;

/// <summary>
/// The options <see cref="AutoencoderDetector"/> and <see cref="ProbabilisticAutoencoderDetector"/> share: training
/// (SPEC §4: Adam, learning rate 10⁻³ halved every 1000 epochs, 1000 epochs), the seed ensemble, and mean-shift scoring.
/// </summary>
public abstract record AutoencoderTrainingOptions : DetectorOptions
{
    /// <summary>SPEC §4's default number of epochs.</summary>
    public const int DefaultEpochs = 1000;

    /// <summary>SPEC §4's default Adam learning rate.</summary>
    public const double DefaultLearningRate = 1e-3;

    /// <summary>0 = automatic: full batch up to <see cref="FullBatchRowLimit"/> rows, else <see cref="AutomaticMiniBatchSize"/>.</summary>
    public const int DefaultBatchSize = 0;

    /// <summary>
    /// The most training rows the automatic batch size trains on in one full batch [ours]. Up to here one step per epoch
    /// costs a few megabytes of activations; beyond it mini-batches keep memory flat and give more steps per epoch.
    /// </summary>
    public const int FullBatchRowLimit = 4096;

    /// <summary>Rows per step when the automatic batch size switches to mini-batches [ours]; large enough for efficient GEMMs.</summary>
    public const int AutomaticMiniBatchSize = 1024;

    /// <summary>Networks in the seed ensemble [ours, SPEC §4].</summary>
    public const int DefaultSeeds = 5;

    /// <summary>Mean-shift scoring is off unless asked for.</summary>
    public const bool DefaultMeanShiftScoring = false;

    /// <summary>SPEC §4's default k of the mean shift (the row itself included; capped at n − 1).</summary>
    public const int DefaultMeanShiftNeighbours = 10;

    /// <summary>SPEC §4's default number of mean-shift iterations m.</summary>
    public const int DefaultMeanShiftIterations = 1;

    /// <summary>Passes over the training rows per network, ≥ 1.</summary>
    public int Epochs { get; init; } = DefaultEpochs;

    /// <summary>Adam's initial learning rate, finite and &gt; 0; halved every 1000 epochs.</summary>
    public double LearningRate { get; init; } = DefaultLearningRate;

    /// <summary>
    /// Rows per optimiser step, ≥ 0: 0 is automatic (see <see cref="DefaultBatchSize"/>); a value at or above the
    /// number of training rows means full batch; mini-batches visit the rows in a seeded random order each epoch.
    /// </summary>
    public int BatchSize { get; init; } = DefaultBatchSize;

    /// <summary>
    /// Networks trained from different seeds, ≥ 1. Each network's scores are min-max normalised with the minimum and
    /// maximum of its own training scores and the normalised scores are averaged, so no member dominates by scale.
    /// </summary>
    public int Seeds { get; init; } = DefaultSeeds;

    /// <summary>
    /// Mean-shift scoring (SPEC §4 "MSS score"): the network still sees the row, but its reconstruction is scored against
    /// the row moved to the mean of its nearest training rows (in the standardised space). Training is unchanged.
    /// </summary>
    public bool MeanShiftScoring { get; init; } = DefaultMeanShiftScoring;

    /// <summary>k of the mean shift, ≥ 1, the row itself included; capped at n − 1 training rows.</summary>
    public int MeanShiftNeighbours { get; init; } = DefaultMeanShiftNeighbours;

    /// <summary>Mean-shift iterations m, in [1, 3].</summary>
    public int MeanShiftIterations { get; init; } = DefaultMeanShiftIterations;

    /// <summary>The rows per step training on <paramref name="rows"/> rows actually uses (the learned batch size).</summary>
    public int EffectiveBatchSize(int rows) => BatchSize > 0
        ? Math.Min(BatchSize, rows)
        : rows <= FullBatchRowLimit ? rows : AutomaticMiniBatchSize;
}
