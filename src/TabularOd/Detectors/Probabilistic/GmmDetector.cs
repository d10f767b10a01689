using System.Globalization;
using TabularOd.Compute;
using TabularOd.Data;
using TabularOd.Detectors.Linear;
using TabularOd.Detectors.Persistence;
using TabularOd.Sampling;

namespace TabularOd.Detectors.Probabilistic;

/// <summary>
/// Gaussian mixture density outlier score: −log p(x) under a mixture fitted to the training rows by EM.
/// </summary>
/// <remarks>
/// <para>
/// Dempster, Laird and Rubin, "Maximum likelihood from incomplete data via the EM algorithm", JRSS B 1977;
/// Arthur and Vassilvitskii, "k-means++", SODA 2007 for the seeding. Semantics follow scikit-learn's
/// <c>GaussianMixture</c> with PyOD's <c>GMM</c> defaults: one component, full covariance, reg_covar 10⁻⁶,
/// 100 iterations, tolerance 10⁻³ on the mean log-likelihood, one k-means initialisation; PyOD's score is
/// <c>-score_samples(X)</c>, the same −log p(x).
/// </para>
/// <para>
/// The k-means initialisation draws from the project's seeded generator, not NumPy's, so scores equal
/// scikit-learn's exactly only when the initialisation cannot matter (one component: the Gaussian with the
/// training mean and population covariance + reg_covar·I); with more components they agree in ranking.
/// </para>
/// <para>Characteristics: needs scaling (reg_covar is absolute); randomised (seeded); inductive.</para>
/// </remarks>
public sealed class GmmDetector(GmmOptions options) : IOutlierDetector
{
    /// <summary>Catalog name.</summary>
    public const string DetectorName = "gmm";

    /// <summary>A detector with every option at its default.</summary>
    public GmmDetector()
        : this(new GmmOptions())
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
        Summary = "Negative log-likelihood under a Gaussian mixture fitted by EM (k-means++ initialisation).",
        Citation = "Dempster et al., JRSS B 1977 (EM); scikit-learn GaussianMixture / PyOD GMM defaults.",
        NeedsScaling = true,
        Deterministic = false,
        Inductive = true,
        StateVersion = 1,
        Parameters =
        [
            new("components", "int", Text(GmmOptions.DefaultComponents), "≥ 1", "mixture components (capped at the training rows)"),
            new("covariance", "full|diagonal", "full", "", "covariance structure of each component"),
            new("max_iterations", "int", Text(GmmOptions.DefaultMaxIterations), "≥ 1", "EM iterations at most"),
            new("tolerance", "double", Text(GmmOptions.DefaultTolerance), "≥ 0", "stop when the mean log-likelihood changes by less"),
            new("reg_covar", "double", Text(GmmOptions.DefaultRegCovar), "≥ 0", "added to every variance (absolute)"),
            new("inits", "int", Text(GmmOptions.DefaultInits), "≥ 1", "EM runs from different seeds; the most likely is kept"),
            .. CommonParameters.All,
        ],
        Create = s => new GmmDetector(s.Common(new GmmOptions
        {
            Components = s.Int("components", GmmOptions.DefaultComponents),
            Covariance = s.Enum("covariance", GmmOptions.DefaultCovariance),
            MaxIterations = s.Int("max_iterations", GmmOptions.DefaultMaxIterations),
            Tolerance = s.Double("tolerance", GmmOptions.DefaultTolerance),
            RegCovar = s.Double("reg_covar", GmmOptions.DefaultRegCovar),
            Inits = s.Int("inits", GmmOptions.DefaultInits),
        })),
        Load = Fitted.Load,
    };

    /// <inheritdoc />
    public FittedDetector Fit(DataMatrix train)
    {
        const string detector = nameof(GmmDetector);
        OptionCheck.Common(options, detector);
        OptionCheck.AtLeast(options.Components, 1, nameof(GmmOptions.Components), detector);
        OptionCheck.AtLeast(options.Inits, 1, nameof(GmmOptions.Inits), detector);
        CheckEmSettings(Settings(options), detector);
        DetectorInput.CheckTrain(train, detector);
        var fit = GaussianMixtureEm.Fit(ComputeBackends.Default, train.AsSpan().ToArray(), train.Rows, train.Columns,
            Settings(options), new SeededRandom(options.Seed));
        var trainingScores = RowScoring.Run(train, fit.Mixture.ScratchLength, fit.Mixture.NegativeLogDensity);
        return new Fitted(options, fit.Mixture, trainingScores);
    }

    /// <summary>Checks the EM settings GMM and EGMM share, in the project's message format.</summary>
    internal static void CheckEmSettings(GaussianMixtureSettings settings, string detector)
    {
        if (!Enum.IsDefined(settings.Covariance))
        {
            throw OptionCheck.Invalid(nameof(GmmOptions.Covariance), detector, "full or diagonal", settings.Covariance);
        }
        OptionCheck.AtLeast(settings.MaxIterations, 1, nameof(GmmOptions.MaxIterations), detector);
        OptionCheck.AtLeast(settings.Tolerance, 0, nameof(GmmOptions.Tolerance), detector);
        OptionCheck.AtLeast(settings.RegCovar, 0, nameof(GmmOptions.RegCovar), detector);
        if (!double.IsFinite(settings.RegCovar))
        {
            throw OptionCheck.Invalid(nameof(GmmOptions.RegCovar), detector, "finite", settings.RegCovar);
        }
    }

    private static GaussianMixtureSettings Settings(GmmOptions o) =>
        new(o.Components, o.Covariance, o.MaxIterations, o.Tolerance, o.RegCovar, o.Inits);

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed class Fitted(GmmOptions options, GaussianMixture mixture, double[] trainingScores)
        : FittedDetector(GmmDetector.DetectorName, options, mixture.Features, trainingScores)
    {
        public override int StateVersion => 1;

        protected override void ScoreCore(DataMatrix rows, Span<double> scores) =>
            RowScoring.Run(rows, scores, mixture.ScratchLength, mixture.NegativeLogDensity);

        protected internal override void WriteState(ModelWriter writer)
        {
            writer.Write(options.Components);
            writer.Write((int)options.Covariance);
            writer.Write(options.MaxIterations);
            writer.Write(options.Tolerance);
            writer.Write(options.RegCovar);
            writer.Write(options.Inits);
            mixture.Write(writer);
        }

        public static FittedDetector Load(ModelHeader header, ModelReader reader)
        {
            var options = new GmmOptions
            {
                Contamination = header.Contamination,
                Seed = header.Seed,
                Components = reader.ReadInt32(),
                Covariance = (GmmCovariance)reader.ReadInt32(),
                MaxIterations = reader.ReadInt32(),
                Tolerance = reader.ReadDouble(),
                RegCovar = reader.ReadDouble(),
                Inits = reader.ReadInt32(),
            };
            return new Fitted(options, GaussianMixture.Read(reader, header.Features), header.TrainingScores);
        }
    }
}
