using TabularOd.Data;
using TabularOd.Detectors.Persistence;

namespace TabularOd.Detectors.Probabilistic;

/// <summary>
/// ECOD, empirical-cumulative-distribution outlier detection: a row is anomalous when its values sit far into the
/// tails of each feature's empirical distribution, the tail chosen by the feature's skewness.
/// </summary>
/// <remarks>
/// Li, Zhao, Hu, Botta, Ionescu and Chen, "ECOD: Unsupervised Outlier Detection Using Empirical Cumulative
/// Distribution Functions", IEEE TKDE 2022. Semantics follow PyOD's <c>ECOD</c>: per feature j, U_l = −log F_j(x),
/// U_r = −log F_j(−x) on −X, U_skew = U_l or U_r by the sign of the column's skewness (both when it is 0), and
/// score = Σ_j max(U_skew, (U_l + U_r)/2).
/// <para>
/// Scoring new rows has two modes (<see cref="EcodOptions.Mode"/>). The default, <see cref="EcdfMode.Transductive"/>,
/// is PyOD's: the ECDFs and skewness are rebuilt on the training column plus the rows being scored, so a row's score
/// depends on its batch. <see cref="EcdfMode.Inductive"/> [ours] freezes the training ECDF with
/// F = (count + 1)/(n + 1). Training scores are PyOD's (count/n on the training columns) in both modes; that is also
/// what the inductive formula gives a training row scored against the other n − 1 rows.
/// </para>
/// <para>Characteristics: scale-free; deterministic; transductive by default (the catalog reports the default).</para>
/// </remarks>
public sealed class EcodDetector(EcodOptions options) : IOutlierDetector
{
    /// <summary>Catalog name.</summary>
    public const string DetectorName = "ecod";

    /// <summary>A detector with every option at its default.</summary>
    public EcodDetector()
        : this(new EcodOptions())
    {
    }

    /// <inheritdoc />
    public string Name => DetectorName;

    /// <inheritdoc />
    public DetectorOptions Options => options;

    /// <summary>The catalog entry; it describes the default (transductive) mode.</summary>
    public static DetectorDescriptor Descriptor { get; } = new()
    {
        Name = DetectorName,
        Summary = "Sum over features of −log empirical tail probabilities, the tail picked by each feature's skewness.",
        Citation = "Li et al., ECOD, IEEE TKDE 2022 (PyOD ECOD).",
        NeedsScaling = false,
        Deterministic = true,
        Inductive = false,
        StateVersion = 1,
        Parameters =
        [
            new("mode", "transductive|inductive", "transductive", "",
                "transductive: new rows meet the ECDF of training + scored rows (PyOD); inductive: the frozen training ECDF, F = (count + 1)/(n + 1)"),
            .. CommonParameters.All,
        ],
        Create = s => new EcodDetector(s.Common(new EcodOptions { Mode = s.Enum("mode", EcodOptions.DefaultMode) })),
        Load = Fitted.Load,
    };

    /// <inheritdoc />
    public FittedDetector Fit(DataMatrix train)
    {
        OptionCheck.Common(options, nameof(EcodDetector));
        EcdfModeCheck.Defined(options.Mode, nameof(EcodDetector));
        DetectorInput.CheckTrain(train, nameof(EcodDetector));
        var (tails, trainingScores) = ColumnTails.Fit(train, RowScore);
        return new Fitted(options, tails, trainingScores);
    }

    /// <summary>Σ_j max(U_skew, (U_l + U_r)/2): one row's ECOD score from its per-feature tails.</summary>
    internal static double RowScore(ReadOnlySpan<double> left, ReadOnlySpan<double> right, ReadOnlySpan<int> skewSigns)
    {
        double score = 0;
        for (int j = 0; j < left.Length; j++)
        {
            score += Math.Max(ColumnTails.SkewTail(skewSigns[j], left[j], right[j]), (left[j] + right[j]) / 2);
        }
        return score;
    }

    private sealed class Fitted(EcodOptions options, ColumnTails tails, double[] trainingScores)
        : FittedDetector(EcodDetector.DetectorName, options, tails.Columns, trainingScores)
    {
        public override int StateVersion => 1;

        protected override void ScoreCore(DataMatrix rows, Span<double> scores) =>
            tails.Score(rows, options.Mode, RowScore).CopyTo(scores);

        protected internal override void WriteState(ModelWriter writer)
        {
            writer.Write((int)options.Mode);
            tails.Write(writer);
        }

        public static FittedDetector Load(ModelHeader header, ModelReader reader)
        {
            var options = new EcodOptions
            {
                Contamination = header.Contamination,
                Seed = header.Seed,
                Mode = EcdfModeCheck.Read(reader.ReadInt32(), EcodDetector.DetectorName),
            };
            return new Fitted(options, ColumnTails.Read(reader, header.Features, header.TrainingScores.Length), header.TrainingScores);
        }
    }
}
