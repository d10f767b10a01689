using TabularOd.Compute;
using TabularOd.Data;
using TabularOd.Detectors.Persistence;

namespace TabularOd.Detectors.Proximity;

/// <summary>
/// k-nearest-neighbour distance outlier score: a row far from its k-th (or mean/median of its k) nearest
/// training rows is anomalous.
/// </summary>
/// <remarks>
/// Ramaswamy, Rastogi and Shim, "Efficient algorithms for mining outliers from large data sets", SIGMOD 2000;
/// Angiulli and Pizzuti, "Fast outlier detection in high dimensional spaces", PKDD 2002. Semantics follow
/// PyOD's <c>KNN</c>: a training row's neighbours exclude the row itself; new rows see every training row.
/// <para>Characteristics: needs scaling (Euclidean distances); deterministic; inductive.</para>
/// </remarks>
public sealed class KNearestDetector(KNearestOptions options) : IOutlierDetector
{
    /// <summary>Catalog name.</summary>
    public const string DetectorName = "knn";

    /// <summary>A detector with every option at its default.</summary>
    public KNearestDetector()
        : this(new KNearestOptions())
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
        Summary = "Distance to the k-th nearest training row (or mean/median of the k distances).",
        Citation = "Ramaswamy et al., SIGMOD 2000; Angiulli & Pizzuti, PKDD 2002 (PyOD KNN).",
        NeedsScaling = true,
        Deterministic = true,
        Inductive = true,
        StateVersion = 1,
        Parameters =
        [
            new("k", "int", KNearestOptions.DefaultK.ToString(), "≥ 1", "neighbours per row (capped at training rows − 1)"),
            new("method", "largest|mean|median", "largest", "", "how the k distances are combined"),
            .. CommonParameters.All,
        ],
        Create = s => new KNearestDetector(s.Common(new KNearestOptions
        {
            K = s.Int("k", KNearestOptions.DefaultK),
            Method = s.Enum("method", KNearestMethod.Largest),
        })),
        Load = Fitted.Load,
    };

    /// <inheritdoc />
    public FittedDetector Fit(DataMatrix train)
    {
        OptionCheck.Common(options, nameof(KNearestDetector));
        OptionCheck.AtLeast(options.K, 1, nameof(KNearestOptions.K), nameof(KNearestDetector));
        DetectorInput.CheckTrain(train, nameof(KNearestDetector));
        var reference = train.Clone();
        int kEffective = Math.Min(options.K, Math.Max(reference.Rows - 1, 1));
        var trainingScores = new double[reference.Rows];
        if (reference.Rows > 1)
        {
            var neighbours = ComputeBackends.Default.KNearest<double>(reference.AsSpan(), reference.Rows, reference.Columns, kEffective, excludeSelf: true);
            Aggregate(neighbours, options.Method, trainingScores);
        }
        return new Fitted(options, reference, kEffective, trainingScores);
    }

    private static void Aggregate(NeighborResult<double> neighbours, KNearestMethod method, Span<double> scores)
    {
        for (int i = 0; i < neighbours.Queries; i++)
        {
            var distances = neighbours.DistancesOf(i);
            scores[i] = method switch
            {
                KNearestMethod.Largest => distances[^1],
                KNearestMethod.Mean => Mean(distances),
                KNearestMethod.Median => Median(distances),
                _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown kNN method."),
            };
        }
    }

    private static double Mean(ReadOnlySpan<double> sorted)
    {
        double sum = 0;
        foreach (double d in sorted)
        {
            sum += d;
        }
        return sum / sorted.Length;
    }

    // Distances arrive sorted ascending, so the median is read off directly (NumPy's median of an even count averages the middle two).
    private static double Median(ReadOnlySpan<double> sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;

    private sealed class Fitted(KNearestOptions options, DataMatrix reference, int kEffective, double[] trainingScores)
        : FittedDetector(KNearestDetector.DetectorName, options, reference.Columns, trainingScores)
    {
        public override int StateVersion => 1;

        protected override void ScoreCore(DataMatrix rows, Span<double> scores)
        {
            // New rows may be neighbours of every training row, so up to K (not K − 1) are available.
            int k = Math.Min(options.K, reference.Rows);
            var neighbours = ComputeBackends.Default.KNearest<double>(reference.AsSpan(), reference.Rows, rows.AsSpan(), rows.Rows, rows.Columns, k);
            Aggregate(neighbours, options.Method, scores);
        }

        protected internal override void WriteState(ModelWriter writer)
        {
            writer.Write(options.K);
            writer.Write((int)options.Method);
            writer.Write(kEffective);
            writer.Write(reference);
        }

        public static FittedDetector Load(ModelHeader header, ModelReader reader)
        {
            var options = new KNearestOptions
            {
                Contamination = header.Contamination,
                Seed = header.Seed,
                K = reader.ReadInt32(),
                Method = (KNearestMethod)reader.ReadInt32(),
            };
            int kEffective = reader.ReadInt32();
            return new Fitted(options, reader.ReadMatrix(), kEffective, header.TrainingScores);
        }
    }
}
