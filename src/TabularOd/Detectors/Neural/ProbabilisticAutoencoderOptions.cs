namespace TabularOd.Detectors.Neural;

/// <summary>
/// Options of <see cref="ProbabilisticAutoencoderDetector"/>: the shared ones plus the weights of the APRE score.
/// Training always uses PRE (α = β = 1); α and β only change how a trained network scores (SPEC §4).
/// </summary>
public sealed record ProbabilisticAutoencoderOptions : AutoencoderTrainingOptions
{
    /// <summary>SPEC §4's scoring weight of the variance-scaled squared residuals.</summary>
    public const double DefaultAlpha = 0.5;

    /// <summary>SPEC §4's scoring weight of the log-variances.</summary>
    public const double DefaultBeta = 2.0;

    /// <summary>α of APRE(α, β), finite and ≥ 0: how much a residual counts relative to the variance predicted for it.</summary>
    public double Alpha { get; init; } = DefaultAlpha;

    /// <summary>β of APRE(α, β), finite and ≥ 0: how much a large predicted variance (the network's own doubt) counts.</summary>
    public double Beta { get; init; } = DefaultBeta;
}
