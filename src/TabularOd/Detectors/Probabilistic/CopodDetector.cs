using TabularOd.Data;
using TabularOd.Detectors.Persistence;

namespace TabularOd.Detectors.Probabilistic;

/// <summary>
/// COPOD, copula-based outlier detection: the empirical copula's left, right and skewness-corrected tail
/// probabilities of a row, each summed over features in −log space; the most extreme of the three is the score.
/// </summary>
/// <remarks>
/// Li, Zhao, Botta, Ionescu and Hu, "COPOD: Copula-Based Outlier Detection", IEEE ICDM 2020, Algorithm 1:
/// score = max(Σ_j U_l, Σ_j U_r, Σ_j U_skew), with the same per-feature tails as <see cref="EcodDetector"/>
/// (one shared implementation). A constant column contributes 0 to all three sums. PyOD's <c>COPOD</c> class instead
/// sums ECOD's per-feature maximum; this detector follows the paper, as the specification asks, so the two differ.
/// <para>
/// New rows are scored transductively by default (the ECDFs rebuilt on training + scored rows, as PyOD does) or
/// against the frozen training ECDF with F = (count + 1)/(n + 1) [ours] (<see cref="CopodOptions.Mode"/>); training
/// scores are the same in both modes.
/// </para>
/// <para>Characteristics: scale-free; deterministic; transductive by default (the catalog reports the default).</para>
/// </remarks>
public sealed class CopodDetector(CopodOptions options) : IOutlierDetector
{
    /// <summary>Catalog name.</summary>
    public const string DetectorName = "copod";

    /// <summary>A detector with every option at its default.</summary>
    public CopodDetector()
        : this(new CopodOptions())
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
        Summary = "Empirical-copula tail probabilities: the largest of the left, right and skewness-corrected −log sums.",
        Citation = "Li et al., COPOD, IEEE ICDM 2020 (Algorithm 1).",
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
        Create = s => new CopodDetector(s.Common(new CopodOptions { Mode = s.Enum("mode", CopodOptions.DefaultMode) })),
        Load = Fitted.Load,
    };

    /// <inheritdoc />
    public FittedDetector Fit(DataMatrix train)
    {
        OptionCheck.Common(options, nameof(CopodDetector));
        EcdfModeCheck.Defined(options.Mode, nameof(CopodDetector));
        DetectorInput.CheckTrain(train, nameof(CopodDetector));
        var (tails, trainingScores) = ColumnTails.Fit(train, RowScore);
        return new Fitted(options, tails, trainingScores);
    }

    /// <summary>max(Σ U_l, Σ U_r, Σ U_skew): one row's COPOD score from its per-feature tails.</summary>
    internal static double RowScore(ReadOnlySpan<double> left, ReadOnlySpan<double> right, ReadOnlySpan<int> skewSigns)
    {
        double sumLeft = 0, sumRight = 0, sumSkew = 0;
        for (int j = 0; j < left.Length; j++)
        {
            sumLeft += left[j];
            sumRight += right[j];
            sumSkew += ColumnTails.SkewTail(skewSigns[j], left[j], right[j]);
        }
        return Math.Max(sumSkew, Math.Max(sumLeft, sumRight));
    }

    private sealed class Fitted(CopodOptions options, ColumnTails tails, double[] trainingScores)
        : FittedDetector(CopodDetector.DetectorName, options, tails.Columns, trainingScores)
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
            var options = new CopodOptions
            {
                Contamination = header.Contamination,
                Seed = header.Seed,
                Mode = EcdfModeCheck.Read(reader.ReadInt32(), CopodDetector.DetectorName),
            };
            return new Fitted(options, ColumnTails.Read(reader, header.Features, header.TrainingScores.Length), header.TrainingScores);
        }
    }
}
