namespace TabularOd.Detectors;

/// <summary>The catalog lines of the options every detector shares.</summary>
public static class CommonParameters
{
    /// <summary>contamination and seed.</summary>
    public static IReadOnlyList<ParameterDescriptor> All { get; } =
    [
        new("contamination", "double", "0.1", "in (0, 0.5]", "expected outlier share of the training data; sets the label threshold"),
        new("seed", "int", "0", "", "seed of every random choice"),
    ];
}
