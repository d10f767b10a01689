using System.Globalization;
using TabularOd.Data;
using TabularOd.Detectors.Persistence;
using TabularOd.Neural;

namespace TabularOd.Detectors.Neural;

/// <summary>
/// Probabilistic autoencoder (PAE): the network reconstructs a mean μ and a variance σ² for every feature, is trained
/// on the probabilistic reconstruction error (PRE) and scores with the adjustable one, APRE(α, β), so that a residual
/// counts relative to the uncertainty the network admits there and a large admitted uncertainty counts too.
/// </summary>
/// <remarks>
/// <para>
/// Tan, Yang, Chen, Rahardja and Rahardja, "Improving autoencoder-based outlier detection with adjustable probabilistic
/// reconstruction error and mean-shift outlier scoring", arXiv:2304.00709, 2023 (later "MSS-PAE: saving autoencoder-based
/// outlier detection from unexpected reconstruction"): PRE, APRE and mean-shift scoring (MSS). The variance output
/// follows Nix and Weigend, "Estimating the mean and variance of the target probability distribution", ICNN 1994, and
/// the Gaussian decoder with learned variance of Kingma and Welling, "Auto-encoding variational Bayes", ICLR 2014.
/// </para>
/// <para>
/// Fitting: columns are z-scored with the training mean and population standard deviation + 10⁻⁵; the network is
/// d → hidden widths (<see cref="AutoencoderArchitecture"/>) → 2d with ReLUs between; the first d outputs are μ, the
/// last d pass through softplus to give σ². Training minimises the batch mean of
/// PRE = Σⱼ (zⱼ − μⱼ)²/(σ²ⱼ + ε) + Σⱼ log(σ²ⱼ + ε), ε = 10⁻⁵, with Adam (1000 epochs, learning rate 10⁻³ halved every
/// 1000 epochs, full batch up to 4096 rows). Five networks from different seeds are trained; each one's scores are
/// min-max normalised with the minimum and maximum of its own training scores, and the normalised scores are averaged
/// [ours].
/// </para>
/// <para>
/// Score per network: APRE(α, β) = α Σⱼ (zⱼ − μⱼ)²/(σ²ⱼ + ε) + β Σⱼ log(σ²ⱼ + ε), α = 0.5, β = 2 by default. With
/// mean-shift scoring (<c>mss=true</c>) the network still sees z, but the residuals are taken against z^MS, z moved to
/// the mean of its nearest standardised training rows (<see cref="Reconstruction.MeanShift"/>): APRE(net(z), z^MS). The
/// training rows are scored against their training-set shift, new rows against the shift SPEC §4 defines for test rows.
/// </para>
/// <para>Characteristics: scale-free (standardises internally); randomised (seeded); inductive.</para>
/// </remarks>
public sealed class ProbabilisticAutoencoderDetector(ProbabilisticAutoencoderOptions options) : IOutlierDetector
{
    /// <summary>Catalog name.</summary>
    public const string DetectorName = "pae";

    /// <summary>A detector with every option at its default.</summary>
    public ProbabilisticAutoencoderDetector()
        : this(new ProbabilisticAutoencoderOptions())
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
        Summary = "Mean–variance autoencoder trained on PRE, scored by APRE(α, β) (seed ensemble; optional mean-shift scoring).",
        Citation = "Tan et al., arXiv:2304.00709 (2023: PRE/APRE, MSS); Nix & Weigend, ICNN 1994; Kingma & Welling, ICLR 2014.",
        NeedsScaling = false,
        Deterministic = false,
        Inductive = true,
        StateVersion = FittedAutoencoder.Version,
        Parameters =
        [
            .. AutoencoderParameters.Shared,
            new("alpha", "double", ProbabilisticAutoencoderOptions.DefaultAlpha.ToString(CultureInfo.InvariantCulture), "≥ 0",
                "APRE weight of the squared residuals divided by the predicted variances (scoring only; training uses PRE)"),
            new("beta", "double", ProbabilisticAutoencoderOptions.DefaultBeta.ToString(CultureInfo.InvariantCulture), "≥ 0",
                "APRE weight of the log predicted variances (scoring only; training uses PRE)"),
            .. CommonParameters.All,
        ],
        Create = s => new ProbabilisticAutoencoderDetector(s.Common(AutoencoderParameters.Read(s, new ProbabilisticAutoencoderOptions
        {
            Alpha = s.Double("alpha", ProbabilisticAutoencoderOptions.DefaultAlpha),
            Beta = s.Double("beta", ProbabilisticAutoencoderOptions.DefaultBeta),
        }))),
        Load = Load,
    };

    /// <inheritdoc />
    public FittedDetector Fit(DataMatrix train)
    {
        AutoencoderEnsemble.Validate(options, nameof(ProbabilisticAutoencoderDetector));
        CheckWeight(options.Alpha, nameof(ProbabilisticAutoencoderOptions.Alpha));
        CheckWeight(options.Beta, nameof(ProbabilisticAutoencoderOptions.Beta));
        DetectorInput.CheckTrain(train, nameof(ProbabilisticAutoencoderDetector));
        // Trained on PRE (α = β = 1) whatever the scoring weights: SPEC §4 keeps APRE for scoring only.
        var (model, trainingScores) = AutoencoderEnsemble.Fit(train, options, new ProbabilisticReconstructionLoss(1.0, 1.0),
            new ReconstructionScore(true, options.Alpha, options.Beta));
        return new FittedAutoencoder(DetectorName, options, model, trainingScores);
    }

    private static void CheckWeight(double value, string parameter)
    {
        if (!(value >= 0) || double.IsInfinity(value))
        {
            throw OptionCheck.Invalid(parameter, nameof(ProbabilisticAutoencoderDetector), "finite and ≥ 0", value);
        }
    }

    private static FittedDetector Load(ModelHeader header, ModelReader reader)
    {
        var shared = AutoencoderParameters.Read(reader, new ProbabilisticAutoencoderOptions { Contamination = header.Contamination, Seed = header.Seed });
        var options = shared with { Alpha = reader.ReadDouble(), Beta = reader.ReadDouble() };
        var rule = new ReconstructionScore(true, options.Alpha, options.Beta);
        var model = AutoencoderModel.Read(reader, rule, header.Features, options.Seeds, options.MeanShiftScoring);
        return new FittedAutoencoder(DetectorName, options, model, header.TrainingScores);
    }
}
