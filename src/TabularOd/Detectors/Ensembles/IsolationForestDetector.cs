using System.Globalization;
using TabularOd.Data;
using TabularOd.Detectors.Persistence;

namespace TabularOd.Detectors.Ensembles;

/// <summary>
/// Isolation Forest: random axis-parallel splits isolate an anomalous row in fewer steps than a normal one, so a
/// short average path length over many random trees marks an outlier.
/// </summary>
/// <remarks>
/// Liu, Ting and Zhou, "Isolation Forest", ICDM 2008. Semantics follow scikit-learn's <c>IsolationForest</c>
/// defaults: 100 trees, ψ = min(256, n) rows per tree drawn without replacement, depth limit ⌈log2 ψ⌉, a feature
/// drawn among those that vary on the node and a threshold uniform between their minimum and maximum; the score
/// 2^(−E[h(x)]/c(ψ)) equals <c>−score_samples</c> (higher = more anomalous, in (0, 1)). The random streams are
/// the project's own, so the trees differ from scikit-learn's for the same seed while the score distribution does not.
/// <para>Characteristics: scale-free (splits are uniform within each feature's range); randomised (seeded); inductive.</para>
/// </remarks>
public sealed class IsolationForestDetector(IsolationForestOptions options) : IOutlierDetector
{
    /// <summary>Catalog name.</summary>
    public const string DetectorName = "iforest";

    /// <summary>A detector with every option at its default.</summary>
    public IsolationForestDetector()
        : this(new IsolationForestOptions())
    {
    }

    /// <inheritdoc />
    public string Name => DetectorName;

    /// <inheritdoc />
    public DetectorOptions Options => options;

    /// <summary>Threads used to grow trees and score rows; results are bit-identical for every value (a test knob).</summary>
    internal int DegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>The catalog entry.</summary>
    public static DetectorDescriptor Descriptor { get; } = new()
    {
        Name = DetectorName,
        Summary = "Average path length over random isolation trees; rows isolated in few splits are anomalous.",
        Citation = "Liu, Ting & Zhou, Isolation Forest, ICDM 2008 (scikit-learn IsolationForest).",
        NeedsScaling = false,
        Deterministic = false,
        Inductive = true,
        StateVersion = 1,
        Parameters =
        [
            new("n_estimators", "int", IsolationForestOptions.DefaultNEstimators.ToString(CultureInfo.InvariantCulture), "≥ 1", "number of isolation trees"),
            new("max_samples", "int", IsolationForestOptions.DefaultMaxSamples.ToString(CultureInfo.InvariantCulture), "≥ 1", "rows drawn per tree (capped at the training rows)"),
            new("max_features", "double", IsolationForestOptions.DefaultMaxFeatures.ToString("0.0###", CultureInfo.InvariantCulture), "in (0, 1]", "share of the features each tree may split on"),
            new("bootstrap", "bool", "false", "", "draw each tree's rows with replacement"),
            .. CommonParameters.All,
        ],
        Create = s => new IsolationForestDetector(s.Common(new IsolationForestOptions
        {
            NEstimators = s.Int("n_estimators", IsolationForestOptions.DefaultNEstimators),
            MaxSamples = s.Int("max_samples", IsolationForestOptions.DefaultMaxSamples),
            MaxFeatures = s.Double("max_features", IsolationForestOptions.DefaultMaxFeatures),
            Bootstrap = s.Bool("bootstrap", IsolationForestOptions.DefaultBootstrap),
        })),
        Load = Fitted.Load,
    };

    /// <inheritdoc />
    public FittedDetector Fit(DataMatrix train)
    {
        Validate(options);
        DetectorInput.CheckTrain(train, nameof(IsolationForestDetector));
        var forest = IsolationForestModel.Grow(train, options, DegreeOfParallelism);
        var trainingScores = new double[train.Rows];
        forest.Score(train, trainingScores, DegreeOfParallelism);
        return new Fitted(options, forest, trainingScores, DegreeOfParallelism);
    }

    private static void Validate(IsolationForestOptions options)
    {
        const string detector = nameof(IsolationForestDetector);
        OptionCheck.Common(options, detector);
        OptionCheck.AtLeast(options.NEstimators, 1, nameof(IsolationForestOptions.NEstimators), detector);
        OptionCheck.AtLeast(options.MaxSamples, 1, nameof(IsolationForestOptions.MaxSamples), detector);
        OptionCheck.InHalfOpen(options.MaxFeatures, 0, 1, nameof(IsolationForestOptions.MaxFeatures), detector);
    }

    private sealed class Fitted(IsolationForestOptions options, IsolationForestModel forest, double[] trainingScores, int degreeOfParallelism)
        : FittedDetector(IsolationForestDetector.DetectorName, options, forest.Features, trainingScores)
    {
        public override int StateVersion => 1;

        protected override void ScoreCore(DataMatrix rows, Span<double> scores) => forest.Score(rows, scores, degreeOfParallelism);

        protected internal override void WriteState(ModelWriter writer)
        {
            writer.Write(options.NEstimators);
            writer.Write(options.MaxSamples);
            writer.Write(options.MaxFeatures);
            writer.Write(options.Bootstrap);
            forest.Write(writer);
        }

        public static FittedDetector Load(ModelHeader header, ModelReader reader)
        {
            var options = new IsolationForestOptions
            {
                Contamination = header.Contamination,
                Seed = header.Seed,
                NEstimators = reader.ReadInt32(),
                MaxSamples = reader.ReadInt32(),
                MaxFeatures = reader.ReadDouble(),
                Bootstrap = reader.ReadBoolean(),
            };
            var forest = IsolationForestModel.Read(reader, header.Features, options.NEstimators);
            return new Fitted(options, forest, header.TrainingScores, Environment.ProcessorCount);
        }
    }
}
