using TabularOd.Detectors.Persistence;

namespace TabularOd.Detectors;

/// <summary>
/// A detector as the catalog knows it: how to make one from text settings (<c>--param k=5</c>, spec files),
/// how to load its saved model, and what to tell a user about it.
/// </summary>
public sealed record DetectorDescriptor
{
    /// <summary>Catalog name ("knn").</summary>
    public required string Name { get; init; }

    /// <summary>One line on what it does.</summary>
    public required string Summary { get; init; }

    /// <summary>The paper or reference implementation it follows.</summary>
    public required string Citation { get; init; }

    /// <summary>Whether features should be standardised first (distance- or variance-based detectors).</summary>
    public required bool NeedsScaling { get; init; }

    /// <summary>Whether the scores are the same without a seed (no random choices at all).</summary>
    public required bool Deterministic { get; init; }

    /// <summary>
    /// Whether a row's score depends only on the fitted model and the row (true), or also on the other rows
    /// scored with it (false: transductive, e.g. ECOD scoring on the training column plus the batch).
    /// </summary>
    public required bool Inductive { get; init; }

    /// <summary>"needs scaling; deterministic; inductive" — the line the catalog shows.</summary>
    public string Characteristics =>
        $"{(NeedsScaling ? "needs scaling" : "scale-free")}; {(Deterministic ? "deterministic" : "randomised (seeded)")}; {(Inductive ? "inductive" : "transductive")}";

    /// <summary>Every hyperparameter (the shared 'contamination' and 'seed' included).</summary>
    public required IReadOnlyList<ParameterDescriptor> Parameters { get; init; }

    /// <summary>The newest saved-state version this build reads.</summary>
    public required int StateVersion { get; init; }

    /// <summary>Makes an unfitted detector from settings; unknown names or bad values throw <see cref="ArgumentException"/>.</summary>
    public required Func<DetectorSettings, IOutlierDetector> Create { get; init; }

    /// <summary>Rebuilds a fitted model from its saved state.</summary>
    public required Func<ModelHeader, ModelReader, FittedDetector> Load { get; init; }

    /// <summary>Makes a detector from "name=value" settings, checking that every name is a parameter of this detector.</summary>
    public IOutlierDetector CreateFrom(IReadOnlyDictionary<string, string> settings)
    {
        var bound = new DetectorSettings(Name, settings);
        var detector = Create(bound);
        bound.EnsureAllUsed(Parameters.Select(p => p.Name));
        return detector;
    }
}
