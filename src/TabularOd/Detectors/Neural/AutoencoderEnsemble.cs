using TabularOd.Compute;
using TabularOd.Data;
using TabularOd.Detectors.Persistence;
using TabularOd.Detectors.Reconstruction;
using TabularOd.Neural;
using TabularOd.Sampling;

namespace TabularOd.Detectors.Neural;

/// <summary>
/// Fitting shared by the plain and the probabilistic autoencoder: option checks, standardisation, the mean-shift step,
/// one network per seed, and the saved form of the shared options.
/// </summary>
internal static class AutoencoderEnsemble
{
    /// <summary>Checks the shared options in the project's message format.</summary>
    public static void Validate(AutoencoderTrainingOptions options, string detector)
    {
        OptionCheck.Common(options, detector);
        OptionCheck.AtLeast(options.Epochs, 1, nameof(AutoencoderTrainingOptions.Epochs), detector);
        if (!(options.LearningRate > 0) || double.IsInfinity(options.LearningRate))
        {
            throw OptionCheck.Invalid(nameof(AutoencoderTrainingOptions.LearningRate), detector, "finite and > 0", options.LearningRate);
        }
        OptionCheck.AtLeast(options.BatchSize, 0, nameof(AutoencoderTrainingOptions.BatchSize), detector);
        OptionCheck.AtLeast(options.Seeds, 1, nameof(AutoencoderTrainingOptions.Seeds), detector);
        OptionCheck.AtLeast(options.MeanShiftNeighbours, 1, nameof(AutoencoderTrainingOptions.MeanShiftNeighbours), detector);
        OptionCheck.InRange(options.MeanShiftIterations, 1, 3, nameof(AutoencoderTrainingOptions.MeanShiftIterations), detector);
    }

    /// <summary>
    /// Standardises <paramref name="train"/>, fits the mean-shift step when asked, trains one network per seed with
    /// <paramref name="loss"/> (networks in parallel, each on one thread, so the bits do not depend on scheduling) and
    /// scores the training rows.
    /// </summary>
    public static (AutoencoderModel Model, double[] TrainingScores) Fit(DataMatrix train, AutoencoderTrainingOptions options,
        ILoss loss, ReconstructionScore rule)
    {
        int n = train.Rows, d = train.Columns;
        var (mean, scale) = AutoencoderModel.Standardiser(train);
        var z = AutoencoderModel.Standardise(train, mean, scale);
        var shift = options.MeanShiftScoring ? MeanShift.Fit(z, options.MeanShiftNeighbours, options.MeanShiftIterations) : null;

        // One draw per network from the detector's seed: network s's weights and row order follow from draw s alone.
        var master = new SeededRandom(options.Seed);
        var memberSeeds = Enumerable.Range(0, options.Seeds).Select(_ => unchecked((long)master.NextUInt64())).ToArray();
        var training = new TrainingOptions
        {
            Epochs = options.Epochs,
            BatchSize = options.EffectiveBatchSize(n),
            Schedule = new StepDecaySchedule(options.LearningRate),
        };
        var members = new SequentialNetwork[options.Seeds];
        ComputeParallelism.For(options.Seeds, ComputeParallelism.DefaultDegree, s =>
        {
            var random = new SeededRandom(memberSeeds[s]);
            var network = AutoencoderArchitecture.Build(d, rule.Probabilistic, random);
            Trainer.Train(network, loss, z, z, training with { ShuffleSeed = unchecked((long)random.NextUInt64()) });
            members[s] = network;
        });
        return AutoencoderModel.FromTrained(rule, mean, scale, members, z, shift?.ShiftedTraining ?? z, shift);
    }

    /// <summary>Writes the shared options (the container already stores contamination and seed).</summary>
    public static void WriteOptions(AutoencoderTrainingOptions options, ModelWriter writer)
    {
        writer.Write(options.Epochs);
        writer.Write(options.LearningRate);
        writer.Write(options.BatchSize);
        writer.Write(options.Seeds);
        writer.Write(options.MeanShiftScoring);
        writer.Write(options.MeanShiftNeighbours);
        writer.Write(options.MeanShiftIterations);
    }
}
