using TabularOd.Compute;
using TabularOd.Data;
using TabularOd.Detectors.Persistence;

namespace TabularOd.Detectors.Proximity;

/// <summary>
/// Local Outlier Factor: a row whose local reachability density is low compared with that of its k nearest
/// training rows is anomalous. The score is the LOF itself (about 1 for inliers, larger for outliers).
/// </summary>
/// <remarks>
/// Breunig, Kriegel, Ng and Sander, "LOF: identifying density-based local outliers", SIGMOD 2000. Semantics follow
/// scikit-learn's <c>LocalOutlierFactor(novelty=True)</c>: k = min(K, n − 1) (at least 1); a training row's
/// neighbours exclude the row itself, new rows see every training row; reach(a, b) = max(k-distance(b), d(a, b));
/// lrd(a) = 1 / (mean reach + 1e-10), the 1e-10 keeping duplicate rows finite; LOF(a) = mean over the neighbours b
/// of lrd(b) / lrd(a). Our score is scikit-learn's <c>-score_samples</c> (training: <c>-negative_outlier_factor_</c>).
/// <para>Characteristics: needs scaling (Euclidean distances); deterministic; inductive.</para>
/// </remarks>
public sealed class LocalOutlierFactorDetector(LocalOutlierFactorOptions options) : IOutlierDetector
{
    /// <summary>Catalog name.</summary>
    public const string DetectorName = "lof";

    // scikit-learn's guard against division by zero in the local reachability density.
    private const double DensityGuard = 1e-10;

    /// <summary>A detector with every option at its default.</summary>
    public LocalOutlierFactorDetector()
        : this(new LocalOutlierFactorOptions())
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
        Summary = "Local Outlier Factor: local reachability density of a row relative to that of its k nearest training rows.",
        Citation = "Breunig et al., SIGMOD 2000 (scikit-learn LocalOutlierFactor, novelty=True).",
        NeedsScaling = true,
        Deterministic = true,
        Inductive = true,
        StateVersion = 1,
        Parameters =
        [
            new("k", "int", LocalOutlierFactorOptions.DefaultK.ToString(), "≥ 1", "neighbours per row (capped at training rows − 1)"),
            .. CommonParameters.All,
        ],
        Create = s => new LocalOutlierFactorDetector(s.Common(new LocalOutlierFactorOptions
        {
            K = s.Int("k", LocalOutlierFactorOptions.DefaultK),
        })),
        Load = Fitted.Load,
    };

    /// <inheritdoc />
    public FittedDetector Fit(DataMatrix train)
    {
        OptionCheck.Common(options, nameof(LocalOutlierFactorDetector));
        OptionCheck.AtLeast(options.K, 1, nameof(LocalOutlierFactorOptions.K), nameof(LocalOutlierFactorDetector));
        DetectorInput.CheckTrain(train, nameof(LocalOutlierFactorDetector));
        var reference = train.Clone();
        int n = reference.Rows;
        int k = Math.Max(1, Math.Min(options.K, n - 1));
        var kDistances = new double[n];
        var densities = new double[n];
        var trainingScores = new double[n];
        if (n == 1)
        {
            // A lone row has no neighbours: give it k-distance 0 (so new rows are reached at their plain distance),
            // the density of a zero mean reach, and LOF 1, the value of a row as dense as its surroundings.
            densities[0] = 1 / DensityGuard;
            trainingScores[0] = 1;
        }
        else
        {
            var neighbours = ComputeBackends.Default.KNearest<double>(reference.AsSpan(), n, reference.Columns, k, excludeSelf: true);
            for (int i = 0; i < n; i++)
            {
                kDistances[i] = neighbours.DistancesOf(i)[k - 1];
            }
            // Every k-distance must be known before any reachability distance, hence a second pass.
            for (int i = 0; i < n; i++)
            {
                densities[i] = Density(neighbours.IndicesOf(i), neighbours.DistancesOf(i), kDistances);
            }
            for (int i = 0; i < n; i++)
            {
                trainingScores[i] = Factor(neighbours.IndicesOf(i), densities, densities[i]);
            }
        }
        return new Fitted(options, reference, k, kDistances, densities, trainingScores);
    }

    private static double Density(ReadOnlySpan<int> indices, ReadOnlySpan<double> distances, double[] kDistances)
    {
        double sum = 0;
        for (int j = 0; j < indices.Length; j++)
        {
            sum += Math.Max(distances[j], kDistances[indices[j]]);
        }
        return 1 / ((sum / indices.Length) + DensityGuard);
    }

    // The mean of the ratios, not the ratio of the mean, as scikit-learn computes it (they differ in the last bits).
    private static double Factor(ReadOnlySpan<int> indices, double[] densities, double density)
    {
        double sum = 0;
        foreach (int b in indices)
        {
            sum += densities[b] / density;
        }
        return sum / indices.Length;
    }

    private sealed class Fitted(LocalOutlierFactorOptions options, DataMatrix reference, int k, double[] kDistances, double[] densities, double[] trainingScores)
        : FittedDetector(LocalOutlierFactorDetector.DetectorName, options, reference.Columns, trainingScores)
    {
        public override int StateVersion => 1;

        protected override void ScoreCore(DataMatrix rows, Span<double> scores)
        {
            // scikit-learn scores new rows with n_neighbors_ (the training cap), not with up to K training rows.
            var neighbours = ComputeBackends.Default.KNearest<double>(reference.AsSpan(), reference.Rows, rows.AsSpan(), rows.Rows, rows.Columns, k);
            for (int i = 0; i < rows.Rows; i++)
            {
                var indices = neighbours.IndicesOf(i);
                scores[i] = Factor(indices, densities, Density(indices, neighbours.DistancesOf(i), kDistances));
            }
        }

        protected internal override void WriteState(ModelWriter writer)
        {
            writer.Write(options.K);
            writer.Write(k);
            writer.Write(reference);
            writer.Write(kDistances);
            writer.Write(densities);
        }

        public static FittedDetector Load(ModelHeader header, ModelReader reader)
        {
            var options = new LocalOutlierFactorOptions
            {
                Contamination = header.Contamination,
                Seed = header.Seed,
                K = reader.ReadInt32(),
            };
            int k = reader.ReadInt32();
            var reference = reader.ReadMatrix();
            var kDistances = reader.ReadDoubles();
            var densities = reader.ReadDoubles();
            if (k < 1 || k > Math.Max(1, reference.Rows - 1) || kDistances.Length != reference.Rows || densities.Length != reference.Rows)
            {
                throw new InvalidDataException($"The LOF model file is inconsistent: k = {k}, {reference.Rows} training rows, {kDistances.Length} k-distances, {densities.Length} densities.");
            }
            return new Fitted(options, reference, k, kDistances, densities, header.TrainingScores);
        }
    }
}
