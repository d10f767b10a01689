namespace TabularOd.Detectors;

/// <summary>
/// What every detector's options share. Each detector's options record derives from this one, stores its
/// hyperparameters as given (validated in <c>Fit</c>, never in the constructor) and documents each default
/// as a constant shared with its catalog entry.
/// </summary>
public abstract record DetectorOptions
{
    /// <summary>PyOD's default share of training rows taken as outliers when setting the threshold.</summary>
    public const double DefaultContamination = 0.1;

    /// <summary>Expected share of outliers in the training data, in (0, 0.5]; sets the label threshold.</summary>
    public double Contamination { get; init; } = DefaultContamination;

    /// <summary>Seed of every random choice the detector makes (ignored by deterministic detectors).</summary>
    public int Seed { get; init; }
}
