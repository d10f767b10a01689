using System.Globalization;
using TabularOd.Detectors.Persistence;

namespace TabularOd.Detectors.Neural;

/// <summary>The catalog lines of the options both autoencoder detectors share, and how they are read.</summary>
internal static class AutoencoderParameters
{
    /// <summary>epochs, learning_rate, batch_size, seeds, mss, mss_k, mss_m.</summary>
    public static IReadOnlyList<ParameterDescriptor> Shared { get; } =
    [
        new("epochs", "int", Text(AutoencoderTrainingOptions.DefaultEpochs), "≥ 1", "passes over the training rows per network"),
        new("learning_rate", "double", Text(AutoencoderTrainingOptions.DefaultLearningRate), "> 0",
            "Adam's initial step size, halved every 1000 epochs"),
        new("batch_size", "int", Text(AutoencoderTrainingOptions.DefaultBatchSize), "≥ 0",
            $"rows per step; 0 = full batch up to {Text(AutoencoderTrainingOptions.FullBatchRowLimit)} rows, else {Text(AutoencoderTrainingOptions.AutomaticMiniBatchSize)}"),
        new("seeds", "int", Text(AutoencoderTrainingOptions.DefaultSeeds), "≥ 1",
            "networks trained from different seeds; their scores, min-max normalised on each one's training scores, are averaged"),
        new("mss", "bool", "false", "",
            "mean-shift scoring: score the reconstruction against the row moved to the mean of its nearest training rows"),
        new("mss_k", "int", Text(AutoencoderTrainingOptions.DefaultMeanShiftNeighbours), "≥ 1",
            "neighbours of the mean shift, the row itself included (capped at training rows − 1)"),
        new("mss_m", "int", Text(AutoencoderTrainingOptions.DefaultMeanShiftIterations), "in [1, 3]", "mean-shift iterations"),
    ];

    /// <summary><paramref name="options"/> with the shared options taken from the settings (defaults where absent).</summary>
    public static T Read<T>(DetectorSettings s, T options)
        where T : AutoencoderTrainingOptions
    {
        AutoencoderTrainingOptions shared = options;
        return (T)(shared with
        {
            Epochs = s.Int("epochs", AutoencoderTrainingOptions.DefaultEpochs),
            LearningRate = s.Double("learning_rate", AutoencoderTrainingOptions.DefaultLearningRate),
            BatchSize = s.Int("batch_size", AutoencoderTrainingOptions.DefaultBatchSize),
            Seeds = s.Int("seeds", AutoencoderTrainingOptions.DefaultSeeds),
            MeanShiftScoring = s.Bool("mss", AutoencoderTrainingOptions.DefaultMeanShiftScoring),
            MeanShiftNeighbours = s.Int("mss_k", AutoencoderTrainingOptions.DefaultMeanShiftNeighbours),
            MeanShiftIterations = s.Int("mss_m", AutoencoderTrainingOptions.DefaultMeanShiftIterations),
        });
    }

    /// <summary>
    /// <paramref name="options"/> with the shared options read from a model file, in the order
    /// <see cref="AutoencoderEnsemble.WriteOptions"/> writes them.
    /// </summary>
    public static T Read<T>(ModelReader reader, T options)
        where T : AutoencoderTrainingOptions
    {
        AutoencoderTrainingOptions shared = options;
        return (T)(shared with
        {
            Epochs = reader.ReadInt32(),
            LearningRate = reader.ReadDouble(),
            BatchSize = reader.ReadInt32(),
            Seeds = reader.ReadInt32(),
            MeanShiftScoring = reader.ReadBoolean(),
            MeanShiftNeighbours = reader.ReadInt32(),
            MeanShiftIterations = reader.ReadInt32(),
        });
    }

    private static string Text(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);
}
