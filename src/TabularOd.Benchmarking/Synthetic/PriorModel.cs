using TabularOd.Data;
using TabularOd.Sampling;

namespace TabularOd.Benchmarking.Synthetic;

/// <summary>
/// One prior with its random parameters fixed: it draws inliers, and the outliers of the archetypes that break
/// its own structure. The archetypes every prior shares live in <see cref="ClassicOutliers"/>.
/// </summary>
internal abstract class PriorModel(int features)
{
    /// <summary>Feature columns of every row drawn.</summary>
    public int Features { get; } = features;

    /// <summary>Draws the prior's parameters (cluster means, graph, correlation, …) from <paramref name="random"/>.</summary>
    public static PriorModel Create(SyntheticPrior prior, int features, SeededRandom random) => prior switch
    {
        SyntheticPrior.Gmm => new GaussianMixturePrior(features, random),
        SyntheticPrior.Scm => new StructuralCausalPrior(features, random),
        SyntheticPrior.Copula => new GaussianCopulaPrior(features, random),
        _ => throw new ArgumentOutOfRangeException(nameof(prior), $"Unknown prior {prior}."),
    };

    /// <summary><paramref name="count"/> inlier rows.</summary>
    public abstract DataMatrix SampleInliers(int count, SeededRandom random);

    /// <summary>
    /// <paramref name="count"/> outlier rows of an archetype specific to this prior; the caller has checked that
    /// the prior supports it.
    /// </summary>
    public abstract DataMatrix SampleOutliers(OutlierArchetype archetype, int count, SeededRandom random);

    /// <summary>Metadata entries that describe the drawn parameters (e.g. the copula's marginals).</summary>
    public virtual IEnumerable<KeyValuePair<string, object>> Describe() => [];

    protected ArgumentOutOfRangeException Unsupported(OutlierArchetype archetype) =>
        new(nameof(archetype), $"The {GetType().Name} has no {archetype.Token()} outliers of its own.");
}
