using System.Globalization;
using TabularOd.Data;
using TabularOd.Detectors.Persistence;
using TabularOd.Shift;

namespace TabularOd.Detectors.Shift;

/// <summary>
/// Double-weighting kernel mean matching as a detector: a batch of new rows is matched against the training rows,
/// and a row scores 1 − α, how much DW-KMM had to down-weight it because the training rows do not cover it.
/// </summary>
/// <remarks>
/// <para>
/// Segovia-Martín, Mazuelas and Liu, "Double-Weighting for Covariate Shift Adaptation", ICML 2023, building on
/// kernel mean matching (Huang et al., NIPS 2006); the estimator is <see cref="DoubleWeighting"/> with SPEC §6's
/// defaults (D = 4, B = 1000, ε = 1 − 1/√n, σ by the 50-NN rule on training + batch rows).
/// </para>
/// <para>
/// Transductive: the weights are a joint solution over the whole batch, so a row's score depends on the other rows
/// scored with it. The ball constraint lets at most about (1 − 1/√D)²·t rows of a batch of t drop to α = 0. Scores are
/// relative within a batch: vᵀKv is homogeneous in (β, α) and the slab bounds only the difference of their means,
/// so part of the ball's budget goes to shrinking every α alike; an in-distribution batch scores near 1 − 1/√D
/// throughout, and a batch of one row scores 1 − 1/√D (0.5 at D = 4) wherever the row lies — score batches, not
/// single rows. Training scores are cross-fitted (<see cref="CrossFittedScores"/>: each of 5
/// seeded folds scored as a batch against the other four), so the threshold reflects how new in-distribution
/// rows score. Fitting keeps the training rows; scoring solves a QP over (n + t) variables with an (n + t)²
/// kernel matrix.
/// </para>
/// <para>
/// Large data [ours]: one solve is capped at <see cref="DwKmmOptions.MaxRows"/> pooled rows (default 1000, a few seconds per solve). Up to the
/// cap a batch is solved exactly, as above. Above it (<see cref="ChunkedDoubleWeighting"/>) σ is estimated once on
/// all pooled rows, the reference side is a seeded random subsample of r = min(n, max(cap/2, cap − t)) training
/// rows, and the batch is dealt into seeded random chunks of at most cap − r rows, each solved against that
/// subsample; a chunk's α gives its rows' scores. Random chunks of one batch hold alike shares of shifted rows, so
/// their scores compare. The cross-fitted training scores go through the same path (each fold is a batch against the
/// other folds), so fitting is bounded too: memory O(cap²), time about (n + t)/(cap/2) solves of cap variables.
/// </para>
/// <para>Characteristics: needs scaling (one Gaussian width for all features); randomised (seeded folds, σ sample beyond 1000 rows, and above max_rows pooled rows a seeded reference subsample and seeded batch chunks); transductive; memory O(max_rows²) on any data size.</para>
/// </remarks>
public sealed class DwKmmDetector(DwKmmOptions options) : IOutlierDetector
{
    /// <summary>Catalog name.</summary>
    public const string DetectorName = "dwkmm";

    /// <summary>A detector with every option at its default.</summary>
    public DwKmmDetector()
        : this(new DwKmmOptions())
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
        Summary = "1 − α: how far double-weighting kernel mean matching down-weights a batch row the training rows do not cover.",
        Citation = "Segovia-Martín, Mazuelas and Liu, Double-Weighting for Covariate Shift Adaptation, ICML 2023; KMM: Huang et al., NIPS 2006.",
        NeedsScaling = true,
        Deterministic = false,
        Inductive = false,
        StateVersion = 2,
        Parameters =
        [
            new("d", "double", DwKmmOptions.DefaultD.ToString(CultureInfo.InvariantCulture), "≥ 1",
                "how far test weights may fall below 1: ‖α − 1‖₂ ≤ (1 − 1/√D)√t (1 = KMM, scores all 0)"),
            new("bound", "double", DwKmmOptions.DefaultBound.ToString(CultureInfo.InvariantCulture), "≥ √d",
                "B: training weights are capped at B/√D"),
            new("max_rows", "int", DwKmmOptions.DefaultMaxRows.ToString(CultureInfo.InvariantCulture), "≥ 20",
                "the most pooled rows in one solve; above it the training rows are a seeded subsample and the batch is solved in seeded random chunks (approximate)"),
            new("tolerance", "double", ProjectedGradientSolver.DefaultTolerance.ToString(CultureInfo.InvariantCulture), "> 0",
                "the QP solver's relative stopping tolerance; 1e-5 is about 15× faster than the default"),
            .. CommonParameters.All,
        ],
        Create = s => new DwKmmDetector(s.Common(new DwKmmOptions
        {
            D = s.Double("d", DwKmmOptions.DefaultD),
            Bound = s.Double("bound", DwKmmOptions.DefaultBound),
            MaxRows = s.Int("max_rows", DwKmmOptions.DefaultMaxRows),
            Tolerance = s.Double("tolerance", ProjectedGradientSolver.DefaultTolerance),
        })),
        Load = Fitted.Load,
    };

    /// <inheritdoc />
    public FittedDetector Fit(DataMatrix train)
    {
        OptionCheck.Common(options, nameof(DwKmmDetector));
        OptionCheck.AtLeast(options.D, 1, nameof(DwKmmOptions.D), nameof(DwKmmDetector));
        OptionCheck.AtLeast(options.Bound, Math.Sqrt(options.D), nameof(DwKmmOptions.Bound), nameof(DwKmmDetector));
        OptionCheck.AtLeast(options.MaxRows, ChunkedDoubleWeighting.MinMaxRows, nameof(DwKmmOptions.MaxRows), nameof(DwKmmDetector));
        if (!(options.Tolerance > 0) || !double.IsFinite(options.Tolerance))
        {
            throw OptionCheck.Invalid(nameof(DwKmmOptions.Tolerance), nameof(DwKmmDetector), "> 0 and finite", options.Tolerance);
        }
        DetectorInput.CheckTrain(train, nameof(DwKmmDetector));
        var reference = train.Clone();
        var trainingScores = CrossFittedScores.Compute(reference, options.Seed, (rows, batch) => ScoreBatch(options, rows, batch));
        return new Fitted(options, reference, trainingScores);
    }

    private static double[] ScoreBatch(DwKmmOptions options, DataMatrix reference, DataMatrix batch) =>
        ChunkedDoubleWeighting.Scores(reference, batch, options.MaxRows,
            new DoubleWeightingOptions
            {
                D = options.D,
                Bound = options.Bound,
                Seed = options.Seed,
                Solver = new ProjectedGradientSolver { Tolerance = options.Tolerance },
            }).Scores;

    private sealed class Fitted(DwKmmOptions options, DataMatrix reference, double[] trainingScores)
        : FittedDetector(DwKmmDetector.DetectorName, options, reference.Columns, trainingScores)
    {
        public override int StateVersion => 2;

        protected override void ScoreCore(DataMatrix rows, Span<double> scores) =>
            ScoreBatch(options, reference, rows).CopyTo(scores);

        protected internal override void WriteState(ModelWriter writer)
        {
            writer.Write(options.D);
            writer.Write(options.Bound);
            writer.Write(options.MaxRows);
            writer.Write(options.Tolerance);
            writer.Write(reference);
        }

        public static FittedDetector Load(ModelHeader header, ModelReader reader)
        {
            var options = new DwKmmOptions
            {
                Contamination = header.Contamination,
                Seed = header.Seed,
                D = reader.ReadDouble(),
                Bound = reader.ReadDouble(),
            };
            // State version 1 predates max_rows and tolerance: such models were fitted exactly, with no row limit.
            if (header.StateVersion >= 2)
            {
                options = options with { MaxRows = reader.ReadInt32(), Tolerance = reader.ReadDouble() };
            }
            else
            {
                options = options with { MaxRows = int.MaxValue };
            }
            var reference = reader.ReadMatrix();
            if (reference.Columns != header.Features || reference.Rows != header.TrainingScores.Length)
            {
                throw new InvalidDataException($"The stored DW-KMM training rows ({reference.Rows}×{reference.Columns}) do not match the model's {header.TrainingScores.Length} scores and {header.Features} features.");
            }
            if (!(options.D >= 1) || !(options.Bound >= Math.Sqrt(options.D)) || options.MaxRows < ChunkedDoubleWeighting.MinMaxRows || !(options.Tolerance > 0))
            {
                throw new InvalidDataException($"The stored DW-KMM options D = {options.D}, B = {options.Bound}, max_rows = {options.MaxRows}, tolerance = {options.Tolerance} are invalid.");
            }
            return new Fitted(options, reference, header.TrainingScores);
        }
    }
}
