using System.Globalization;
using TabularOd.Data;
using TabularOd.Detectors.Persistence;
using TabularOd.Shift;

namespace TabularOd.Detectors.Shift;

/// <summary>
/// The discriminative density ratio as a detector: a logistic classifier learns to tell the training rows from a
/// batch of new rows, and a batch row scores how sure it is that the row came from the batch.
/// </summary>
/// <remarks>
/// <para>
/// Bickel, Brückner and Scheffer, "Discriminative Learning for Differing Training and Test Distributions",
/// ICML 2007; the estimator is <see cref="LogisticDensityRatio"/> (L2 logistic regression, C = 1, on each feature
/// and its square, standardised on the pooled rows).
/// </para>
/// <para>
/// Score [ours]: P(batch | x) re-weighted to equal class priors, r/(1 + r) with r = (n/t)·P(1|x)/P(0|x) the density
/// ratio (<see cref="LogisticDensityRatio.BalancedPosterior"/>), so 0.5 means "as likely under either
/// distribution" whatever the batch size; the raw P(test | x) of SPEC §6 shrinks with the batch's share of the
/// pooled rows and would not compare across batches. Transductive: the classifier is refitted for every batch.
/// Training scores are cross-fitted (<see cref="CrossFittedScores"/>).
/// </para>
/// <para>Characteristics: needs scaling (the squares are taken before the internal standardisation, so they assume centred features); randomised (seeded folds); transductive.</para>
/// </remarks>
public sealed class ShiftLogisticDetector(ShiftLogisticOptions options) : IOutlierDetector
{
    /// <summary>Catalog name.</summary>
    public const string DetectorName = "shift-logistic";

    /// <summary>A detector with every option at its default.</summary>
    public ShiftLogisticDetector()
        : this(new ShiftLogisticOptions())
    {
    }

    /// <inheritdoc />
    public string Name => DetectorName;

    /// <inheritdoc />
    public DetectorOptions Options => options;

    /// <summary>The catalog entry.</summary>
    public static DetectorDescriptor Descriptor { get; } = new()
    {
        Name = DetectorName,
        Summary = "How surely an L2 logistic train-versus-batch classifier places a row in the batch (prior-balanced P(test | x)).",
        Citation = "Bickel, Brückner and Scheffer, Discriminative Learning for Differing Training and Test Distributions, ICML 2007.",
        NeedsScaling = true,
        Deterministic = false,
        Inductive = false,
        StateVersion = 1,
        Parameters =
        [
            new("c", "double", ShiftLogisticOptions.DefaultC.ToString(CultureInfo.InvariantCulture), "> 0",
                "inverse L2 regularisation strength of the classifier (scikit-learn's C)"),
            new("basis", "linear|quadratic", "quadratic", "",
                "the classifier's features: as given, or each feature and its square (location and spread shifts)"),
            .. CommonParameters.All,
        ],
        Create = s => new ShiftLogisticDetector(s.Common(new ShiftLogisticOptions
        {
            C = s.Double("c", ShiftLogisticOptions.DefaultC),
            Basis = s.Enum("basis", ShiftLogisticOptions.DefaultBasis),
        })),
        Load = Fitted.Load,
    };

    /// <inheritdoc />
    public FittedDetector Fit(DataMatrix train)
    {
        OptionCheck.Common(options, nameof(ShiftLogisticDetector));
        if (!(options.C > 0) || !double.IsFinite(options.C))
        {
            throw OptionCheck.Invalid(nameof(ShiftLogisticOptions.C), nameof(ShiftLogisticDetector), "> 0 and finite", options.C);
        }
        if (!Enum.IsDefined(options.Basis))
        {
            throw OptionCheck.Invalid(nameof(ShiftLogisticOptions.Basis), nameof(ShiftLogisticDetector), "a defined basis", options.Basis);
        }
        DetectorInput.CheckTrain(train, nameof(ShiftLogisticDetector));
        var reference = train.Clone();
        var trainingScores = CrossFittedScores.Compute(reference, options.Seed, (rows, batch) => ScoreBatch(options, rows, batch));
        return new Fitted(options, reference, trainingScores);
    }

    private static double[] ScoreBatch(ShiftLogisticOptions options, DataMatrix reference, DataMatrix batch)
    {
        var weights = LogisticDensityRatio.Fit(reference, batch, new LogisticDensityRatioOptions { C = options.C, Basis = options.Basis });
        return weights.TestScores!.Select(p => LogisticDensityRatio.BalancedPosterior(p, reference.Rows, batch.Rows)).ToArray();
    }

    private sealed class Fitted(ShiftLogisticOptions options, DataMatrix reference, double[] trainingScores)
        : FittedDetector(ShiftLogisticDetector.DetectorName, options, reference.Columns, trainingScores)
    {
        public override int StateVersion => 1;

        protected override void ScoreCore(DataMatrix rows, Span<double> scores) =>
            ScoreBatch(options, reference, rows).CopyTo(scores);

        protected internal override void WriteState(ModelWriter writer)
        {
            writer.Write(options.C);
            writer.Write((int)options.Basis);
            writer.Write(reference);
        }

        public static FittedDetector Load(ModelHeader header, ModelReader reader)
        {
            var options = new ShiftLogisticOptions
            {
                Contamination = header.Contamination,
                Seed = header.Seed,
                C = reader.ReadDouble(),
                Basis = (LogisticBasis)reader.ReadInt32(),
            };
            if (!Enum.IsDefined(options.Basis) || !(options.C > 0))
            {
                throw new InvalidDataException($"The stored shift-logistic options C = {options.C}, basis {(int)options.Basis} are invalid.");
            }
            var reference = reader.ReadMatrix();
            if (reference.Columns != header.Features || reference.Rows != header.TrainingScores.Length)
            {
                throw new InvalidDataException($"The stored shift-logistic training rows ({reference.Rows}×{reference.Columns}) do not match the model's {header.TrainingScores.Length} scores and {header.Features} features.");
            }
            return new Fitted(options, reference, header.TrainingScores);
        }
    }
}
