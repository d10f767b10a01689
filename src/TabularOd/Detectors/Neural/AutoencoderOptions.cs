namespace TabularOd.Detectors.Neural;

/// <summary>Options of <see cref="AutoencoderDetector"/>: the shared training, ensemble and mean-shift options only.</summary>
public sealed record AutoencoderOptions : AutoencoderTrainingOptions;
