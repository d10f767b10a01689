namespace TabularOd.Benchmarking.Synthetic;

/// <summary>
/// The lower-case words that name priors and archetypes in file names, metadata and tags
/// (<c>gmm</c>, <c>copula</c>, <c>dependence</c>, …), and their parsing.
/// </summary>
public static class SyntheticNames
{
    /// <summary>The prior's lower-case name.</summary>
    public static string Token(this SyntheticPrior prior) => prior.ToString().ToLowerInvariant();

    /// <summary>The archetype's lower-case name.</summary>
    public static string Token(this OutlierArchetype archetype) => archetype.ToString().ToLowerInvariant();

    /// <summary>The prior named by <paramref name="token"/> (case-insensitive), or null.</summary>
    public static SyntheticPrior? ParsePrior(string token) =>
        Enum.GetValues<SyntheticPrior>().Cast<SyntheticPrior?>().FirstOrDefault(p => p!.Value.Token() == token.ToLowerInvariant());

    /// <summary>The archetype named by <paramref name="token"/> (case-insensitive), or null.</summary>
    public static OutlierArchetype? ParseArchetype(string token) =>
        Enum.GetValues<OutlierArchetype>().Cast<OutlierArchetype?>().FirstOrDefault(a => a!.Value.Token() == token.ToLowerInvariant());
}
