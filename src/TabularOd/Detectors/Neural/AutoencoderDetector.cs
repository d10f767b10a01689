using TabularOd.Data;
using TabularOd.Detectors.Persistence;
using TabularOd.Neural;

namespace TabularOd.Detectors.Neural;

/// <summary>
/// Autoencoder reconstruction error: a network trained to reproduce the inliers through a narrow middle layer
/// reconstructs an unusual row badly; the score is the squared reconstruction error of the standardised row.
/// </summary>
/// <remarks>
/// <para>
/// Hinton and Salakhutdinov, "Reducing the dimensionality of data with neural networks", Science 313, 2006; as an
/// outlier score: Sakurada and Yairi, "Anomaly detection using autoencoders with nonlinear dimensionality reduction",
/// MLSDA 2014. Architecture, training and the optional mean-shift scoring follow SPEC §4, after Tan, Yang, Chen,
/// Rahardja and Rahardja, "Improving autoencoder-based outlier detection with adjustable probabilistic reconstruction
/// error and mean-shift outlier scoring" (arXiv:2304.00709, 2023; later "MSS-PAE: saving autoencoder-based outlier
/// detection from unexpected reconstruction"), whose MSE baseline this is.
/// </para>
/// <para>
/// Fitting: columns are z-scored with the training mean and population standard deviation + 10⁻⁵; the network is
/// d → hidden widths (<see cref="AutoencoderArchitecture"/>) → d with ReLUs between, trained on mean squared error by
/// Adam (<see cref="AutoencoderTrainingOptions"/>: 1000 epochs, learning rate 10⁻³ halved every 1000 epochs, full
/// batch up to 4096 rows). Five networks from different seeds are trained; each one's scores are min-max normalised
/// with the minimum and maximum of its own training scores, and the normalised scores are averaged [ours].
/// </para>
/// <para>
/// Score of a row x with z its standardised form: Σⱼ (AE(z)ⱼ − zⱼ)² per network. With mean-shift scoring
/// (<c>mss=true</c>) the network still sees z but is scored against z^MS, z moved to the mean of its nearest standardised
/// training rows (<see cref="Reconstruction.MeanShift"/>): Σⱼ (AE(z)ⱼ − z^MSⱼ)². The training rows are then scored
/// against their training-set shift (each row among its own k nearest), new rows against the shift SPEC §4 defines for
/// test rows, so scoring a training row again can differ slightly from its training score.
/// </para>
/// <para>
/// Cost: every epoch is one forward and one backward pass over all rows; five networks of 1000 epochs on n rows of d
/// features take about 5 · 1000 · 6 · n · (parameters) floating-point operations.
/// </para>
/// <para>Characteristics: scale-free (standardises internally); randomised (seeded); inductive.</para>
/// </remarks>
public sealed class AutoencoderDetector(AutoencoderOptions options) : IOutlierDetector
{
    /// <summary>Catalog name.</summary>
    public const string DetectorName = "ae";

    /// <summary>A detector with every option at its default.</summary>
    public AutoencoderDetector()
        : this(new AutoencoderOptions())
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
        Summary = "Squared reconstruction error of an autoencoder on the standardised row (seed ensemble; optional mean-shift scoring).",
        Citation = "Hinton & Salakhutdinov, Science 2006; Sakurada & Yairi, MLSDA 2014; MSS: Tan et al., arXiv:2304.00709 (2023).",
        NeedsScaling = false,
        Deterministic = false,
        Inductive = true,
        StateVersion = FittedAutoencoder.Version,
        Parameters = [.. AutoencoderParameters.Shared, .. CommonParameters.All],
        Create = s => new AutoencoderDetector(s.Common(AutoencoderParameters.Read(s, new AutoencoderOptions()))),
        Load = Load,
    };

    /// <inheritdoc />
    public FittedDetector Fit(DataMatrix train)
    {
        AutoencoderEnsemble.Validate(options, nameof(AutoencoderDetector));
        DetectorInput.CheckTrain(train, nameof(AutoencoderDetector));
        var (model, trainingScores) = AutoencoderEnsemble.Fit(train, options, new MeanSquaredErrorLoss(), ReconstructionScore.SquaredError);
        return new FittedAutoencoder(DetectorName, options, model, trainingScores);
    }

    private static FittedDetector Load(ModelHeader header, ModelReader reader)
    {
        var options = AutoencoderParameters.Read(reader, new AutoencoderOptions { Contamination = header.Contamination, Seed = header.Seed });
        var model = AutoencoderModel.Read(reader, ReconstructionScore.SquaredError, header.Features, options.Seeds, options.MeanShiftScoring);
        return new FittedAutoencoder(DetectorName, options, model, header.TrainingScores);
    }
}
