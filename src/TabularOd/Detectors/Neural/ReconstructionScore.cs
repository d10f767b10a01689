using TabularOd.Neural;

namespace TabularOd.Detectors.Neural;

/// <summary>
/// How one network's output for a row becomes that network's raw score: the squared reconstruction error of a plain
/// autoencoder, or APRE(α, β) of a probabilistic one (SPEC §4), always against the given target row — the standardised
/// row itself, or its mean-shifted version under mean-shift scoring.
/// </summary>
internal sealed record ReconstructionScore(bool Probabilistic, double Alpha, double Beta)
{
    /// <summary>The plain autoencoder's rule.</summary>
    public static ReconstructionScore SquaredError { get; } = new(false, 0, 0);

    /// <summary>The raw score of <paramref name="output"/> against <paramref name="target"/>.</summary>
    public double Of(ReadOnlySpan<double> output, ReadOnlySpan<double> target) => Probabilistic
        ? ReconstructionErrors.Probabilistic(output, target, Alpha, Beta)
        : ReconstructionErrors.SquaredError(output, target);
}
