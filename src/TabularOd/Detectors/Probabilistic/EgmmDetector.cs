using System.Globalization;
using TabularOd.Compute;
using TabularOd.Data;
using TabularOd.Detectors.Linear;
using TabularOd.Detectors.Persistence;
using TabularOd.Sampling;

namespace TabularOd.Detectors.Probabilistic;

/// <summary>
/// Ensemble of Gaussian mixtures: the average of −log p(x) over mixtures with several component counts, each fitted
/// by EM to its own bootstrap sample of the training rows.
/// </summary>
/// <remarks>
/// <para>
/// After the EGMM of Emmott, Das, Dietterich, Fern and Wong, "Systematic construction of anomaly detection
/// benchmarks from real data", ACM SIGKDD ODD workshop 2013, and "A meta-analysis of the anomaly detection
/// problem", arXiv:1503.01158, 2015. Our choices [ours]: component counts <see cref="EgmmOptions.MinComponents"/>
/// to <see cref="EgmmOptions.MaxComponents"/> (1–5), <see cref="EgmmOptions.Replicates"/> (3) bootstrap samples of n
/// rows each, so 15 mixtures by default; every mixture is kept (no model filtering) and the score is the plain mean
/// of their −log p(x), i.e. −log of the geometric mean density. Each mixture is fitted as <see cref="GmmDetector"/>
/// fits one (k-means++ seeding, EM with scikit-learn's defaults).
/// </para>
/// <para>
/// Randomness: one generator seeded with <see cref="DetectorOptions.Seed"/> draws, in order, every bootstrap sample
/// and the seed of every mixture before any is fitted, so the mixtures may be fitted in parallel and the ensemble
/// is the same whatever the thread count.
/// </para>
/// <para>Characteristics: needs scaling (reg_covar is absolute); randomised (seeded); inductive.</para>
/// </remarks>
public sealed class EgmmDetector(EgmmOptions options) : IOutlierDetector
{
    /// <summary>Catalog name.</summary>
    public const string DetectorName = "egmm";

    /// <summary>A detector with every option at its default.</summary>
    public EgmmDetector()
        : this(new EgmmOptions())
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
        Summary = "Mean negative log-likelihood over Gaussian mixtures of several sizes fitted to bootstrap samples.",
        Citation = "Emmott et al., ODD workshop 2013 and arXiv:1503.01158 (EGMM); counts, replicates and averaging ours.",
        NeedsScaling = true,
        Deterministic = false,
        Inductive = true,
        StateVersion = 1,
        Parameters =
        [
            new("min_components", "int", Text(EgmmOptions.DefaultMinComponents), "≥ 1", "smallest mixture size"),
            new("max_components", "int", Text(EgmmOptions.DefaultMaxComponents), "≥ min_components", "largest mixture size"),
            new("replicates", "int", Text(EgmmOptions.DefaultReplicates), "≥ 1", "bootstrap samples (mixtures) per size"),
            new("sample_fraction", "double", Text(EgmmOptions.DefaultSampleFraction), "in (0, 1]", "bootstrap sample size as a share of the training rows"),
            new("covariance", "full|diagonal", "full", "", "covariance structure of each component"),
            new("max_iterations", "int", Text(GmmOptions.DefaultMaxIterations), "≥ 1", "EM iterations at most per mixture"),
            new("tolerance", "double", Text(GmmOptions.DefaultTolerance), "≥ 0", "stop when the mean log-likelihood changes by less"),
            new("reg_covar", "double", Text(GmmOptions.DefaultRegCovar), "≥ 0", "added to every variance (absolute)"),
            .. CommonParameters.All,
        ],
        Create = s => new EgmmDetector(s.Common(new EgmmOptions
        {
            MinComponents = s.Int("min_components", EgmmOptions.DefaultMinComponents),
            MaxComponents = s.Int("max_components", EgmmOptions.DefaultMaxComponents),
            Replicates = s.Int("replicates", EgmmOptions.DefaultReplicates),
            SampleFraction = s.Double("sample_fraction", EgmmOptions.DefaultSampleFraction),
            Covariance = s.Enum("covariance", GmmOptions.DefaultCovariance),
            MaxIterations = s.Int("max_iterations", GmmOptions.DefaultMaxIterations),
            Tolerance = s.Double("tolerance", GmmOptions.DefaultTolerance),
            RegCovar = s.Double("reg_covar", GmmOptions.DefaultRegCovar),
        })),
        Load = Fitted.Load,
    };

    /// <inheritdoc />
    public FittedDetector Fit(DataMatrix train)
    {
        const string detector = nameof(EgmmDetector);
        OptionCheck.Common(options, detector);
        OptionCheck.AtLeast(options.MinComponents, 1, nameof(EgmmOptions.MinComponents), detector);
        OptionCheck.AtLeast(options.MaxComponents, options.MinComponents, nameof(EgmmOptions.MaxComponents), detector);
        OptionCheck.AtLeast(options.Replicates, 1, nameof(EgmmOptions.Replicates), detector);
        OptionCheck.InHalfOpen(options.SampleFraction, 0, 1, nameof(EgmmOptions.SampleFraction), detector);
        GmmDetector.CheckEmSettings(Settings(options, 1), detector);
        DetectorInput.CheckTrain(train, detector);

        int n = train.Rows, d = train.Columns;
        var x = train.AsSpan().ToArray();
        int sampleRows = Math.Max(1, (int)Math.Round(options.SampleFraction * n));
        // Every random draw is made here, in a fixed order, so fitting the mixtures in parallel changes nothing.
        var random = new SeededRandom(options.Seed);
        var plans = new List<(int Components, int[] Sample, long Seed)>();
        for (int k = options.MinComponents; k <= options.MaxComponents; k++)
        {
            for (int r = 0; r < options.Replicates; r++)
            {
                var sample = new int[sampleRows];
                for (int i = 0; i < sampleRows; i++)
                {
                    sample[i] = random.NextInt(n);
                }
                plans.Add((k, sample, unchecked((long)random.NextUInt64())));
            }
        }

        var backend = ComputeBackends.Default;
        var mixtures = new GaussianMixture[plans.Count];
        ComputeParallelism.For(plans.Count, ComputeParallelism.DefaultDegree, m =>
        {
            var (components, sample, seed) = plans[m];
            var rows = new double[sample.Length * d];
            for (int i = 0; i < sample.Length; i++)
            {
                Array.Copy(x, sample[i] * d, rows, i * d, d);
            }
            mixtures[m] = GaussianMixtureEm.Fit(backend, rows, sample.Length, d, Settings(options, components), new SeededRandom(seed)).Mixture;
        });

        var ensemble = new Ensemble(mixtures);
        var trainingScores = RowScoring.Run(train, ensemble.ScratchLength, ensemble.Score);
        return new Fitted(options, ensemble, trainingScores);
    }

    private static GaussianMixtureSettings Settings(EgmmOptions o, int components) =>
        new(components, o.Covariance, o.MaxIterations, o.Tolerance, o.RegCovar, Inits: 1);

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The fitted mixtures and their averaged score.</summary>
    private sealed class Ensemble(GaussianMixture[] mixtures)
    {
        public GaussianMixture[] Mixtures => mixtures;

        public int Features => mixtures[0].Features;

        public int ScratchLength => mixtures.Max(m => m.ScratchLength);

        // Summed in model order, so the bits do not depend on anything but the row.
        public double Score(ReadOnlySpan<double> x, Span<double> scratch)
        {
            double sum = 0;
            foreach (var mixture in mixtures)
            {
                sum += mixture.NegativeLogDensity(x, scratch);
            }
            return sum / mixtures.Length;
        }
    }

    private sealed class Fitted(EgmmOptions options, Ensemble ensemble, double[] trainingScores)
        : FittedDetector(EgmmDetector.DetectorName, options, ensemble.Features, trainingScores)
    {
        public override int StateVersion => 1;

        protected override void ScoreCore(DataMatrix rows, Span<double> scores) =>
            RowScoring.Run(rows, scores, ensemble.ScratchLength, ensemble.Score);

        protected internal override void WriteState(ModelWriter writer)
        {
            writer.Write(options.MinComponents);
            writer.Write(options.MaxComponents);
            writer.Write(options.Replicates);
            writer.Write(options.SampleFraction);
            writer.Write((int)options.Covariance);
            writer.Write(options.MaxIterations);
            writer.Write(options.Tolerance);
            writer.Write(options.RegCovar);
            writer.Write(ensemble.Mixtures.Length);
            foreach (var mixture in ensemble.Mixtures)
            {
                mixture.Write(writer);
            }
        }

        public static FittedDetector Load(ModelHeader header, ModelReader reader)
        {
            var options = new EgmmOptions
            {
                Contamination = header.Contamination,
                Seed = header.Seed,
                MinComponents = reader.ReadInt32(),
                MaxComponents = reader.ReadInt32(),
                Replicates = reader.ReadInt32(),
                SampleFraction = reader.ReadDouble(),
                Covariance = (GmmCovariance)reader.ReadInt32(),
                MaxIterations = reader.ReadInt32(),
                Tolerance = reader.ReadDouble(),
                RegCovar = reader.ReadDouble(),
            };
            int count = reader.ReadInt32();
            if (count < 1 || count > 1_000_000)
            {
                throw new InvalidDataException($"A stored EGMM holds {count} mixtures.");
            }
            var mixtures = new GaussianMixture[count];
            for (int m = 0; m < count; m++)
            {
                mixtures[m] = GaussianMixture.Read(reader, header.Features);
            }
            return new Fitted(options, new Ensemble(mixtures), header.TrainingScores);
        }
    }
}
