using System.Globalization;

namespace TabularOd.Benchmarking.Synthetic;

/// <summary>
/// Everything that determines one synthetic dataset. <see cref="SyntheticGenerator"/> is a pure function of it:
/// the same spec always gives the same rows, split and file bytes.
/// </summary>
/// <param name="Prior">The inlier distribution.</param>
/// <param name="Archetype">How the outliers are made; must be one the prior supports (<see cref="SyntheticSuite.Combinations"/>).</param>
/// <param name="Rows">Inliers plus outliers, before the split.</param>
/// <param name="Features">Feature columns.</param>
/// <param name="Contamination">Fraction of the rows that are outliers, in (0, 0.5]; the count is rounded and at least 1.</param>
/// <param name="Seed">Seed of every random draw, from the prior's parameters to the split.</param>
public sealed record SyntheticSpec(
    SyntheticPrior Prior,
    OutlierArchetype Archetype,
    int Rows,
    int Features,
    double Contamination,
    long Seed)
{
    /// <summary>Fewest rows a spec may ask for: enough for outliers and a train half of at least a few inliers.</summary>
    public const int MinRows = 10;

    /// <summary>Fewest features: the dependence archetypes need two columns to have a dependence to break.</summary>
    public const int MinFeatures = 2;

    /// <summary>Largest contamination: beyond one half the "outliers" would be the majority.</summary>
    public const double MaxContamination = 0.5;

    /// <summary>The dataset's name; when null, one is made from the prior, archetype and seed.</summary>
    public string? Name { get; init; }

    /// <summary>The name the dataset and its file carry.</summary>
    public string DatasetName => Name ?? $"syn-{Prior.Token()}-{Archetype.Token()}-{Seed.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Rows labelled outlier: <see cref="Contamination"/> × <see cref="Rows"/>, rounded half away from zero, at least 1.</summary>
    public int OutlierCount => Math.Max(1, (int)Math.Round(Rows * Contamination, MidpointRounding.AwayFromZero));

    /// <summary>Rows labelled inlier.</summary>
    public int InlierCount => Rows - OutlierCount;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first field that is out of range.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Prior))
        {
            throw new ArgumentException($"The 'Prior' parameter of SyntheticSpec must be one of {string.Join(", ", Enum.GetNames<SyntheticPrior>())}. Got {(int)Prior}.", nameof(Prior));
        }
        if (!Enum.IsDefined(Archetype))
        {
            throw new ArgumentException($"The 'Archetype' parameter of SyntheticSpec must be one of {string.Join(", ", Enum.GetNames<OutlierArchetype>())}. Got {(int)Archetype}.", nameof(Archetype));
        }
        if (!SyntheticSuite.Supports(Prior, Archetype))
        {
            string allowed = string.Join(", ", SyntheticSuite.Combinations.Where(c => c.Prior == Prior).Select(c => c.Archetype.Token()));
            throw new ArgumentException($"The 'Archetype' parameter of SyntheticSpec must be one the {Prior.Token()} prior supports ({allowed}). Got {Archetype.Token()}.", nameof(Archetype));
        }
        if (Rows < MinRows)
        {
            throw new ArgumentOutOfRangeException(nameof(Rows), $"The 'Rows' parameter of SyntheticSpec must be ≥ {MinRows}. Got {Rows}.");
        }
        if (Features < MinFeatures)
        {
            throw new ArgumentOutOfRangeException(nameof(Features), $"The 'Features' parameter of SyntheticSpec must be ≥ {MinFeatures}. Got {Features}.");
        }
        if (!(Contamination > 0 && Contamination <= MaxContamination))
        {
            throw new ArgumentOutOfRangeException(nameof(Contamination),
                $"The 'Contamination' parameter of SyntheticSpec must be in (0, {MaxContamination.ToString(CultureInfo.InvariantCulture)}]. Got {Contamination.ToString(CultureInfo.InvariantCulture)}.");
        }
        if (Name is not null && (Name.Length == 0 || Name.IndexOfAny(['/', '\\']) >= 0))
        {
            throw new ArgumentException($"The 'Name' parameter of SyntheticSpec must be a non-empty file name without folder separators. Got '{Name}'.", nameof(Name));
        }
    }
}
