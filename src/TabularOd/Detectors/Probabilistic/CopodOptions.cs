namespace TabularOd.Detectors.Probabilistic;

/// <summary>Options of <see cref="CopodDetector"/>: COPOD has no hyperparameters beyond which ECDF new rows meet.</summary>
public sealed record CopodOptions : DetectorOptions
{
    /// <summary>PyOD's behaviour: new rows are scored on the ECDF of the training column plus the scored rows.</summary>
    public const EcdfMode DefaultMode = EcdfMode.Transductive;

    /// <summary>Which ECDF new rows are scored against; training scores are the same in both modes.</summary>
    public EcdfMode Mode { get; init; } = DefaultMode;
}
