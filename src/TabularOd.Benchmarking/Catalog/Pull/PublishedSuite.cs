namespace TabularOd.Benchmarking.Catalog.Pull;

/// <summary>
/// A suite published as a Hugging Face dataset repository in the MacrOData layout: one folder per subset
/// (<c>public/</c>, <c>representative/</c>) holding one <c>.npz</c> file per dataset.
/// </summary>
/// <param name="Name">Short lower-case name used on the command line and as the manifest's suite name.</param>
/// <param name="Repository">The dataset repository, "owner/name".</param>
/// <param name="Title">The suite's name as its authors write it.</param>
public sealed record PublishedSuite(string Name, string Repository, string Title)
{
    /// <summary>Real semantic anomalies (one categorical value marks the anomaly).</summary>
    public static PublishedSuite OddBench { get; } = new("oddbench", "MacrOData-CMU/OddBench", "OddBench");

    /// <summary>One-vs-rest anomalies (majority class = inliers).</summary>
    public static PublishedSuite OvRBench { get; } = new("ovrbench", "MacrOData-CMU/OvRBench", "OvRBench");

    /// <summary>Every published suite.</summary>
    public static IReadOnlyList<PublishedSuite> All { get; } = [OddBench, OvRBench];

    /// <summary>The full public partition.</summary>
    public const string PublicSubset = "public";

    /// <summary>The 50-dataset subset the authors chose as representative.</summary>
    public const string RepresentativeSubset = "representative";

    /// <summary>The folders every published suite has.</summary>
    public static IReadOnlyList<string> Subsets { get; } = [PublicSubset, RepresentativeSubset];

    /// <summary>The suite of that name (case-insensitive), or null.</summary>
    public static PublishedSuite? Find(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The manifest file name a pull writes: "&lt;suite&gt;-&lt;subset&gt;.json".</summary>
    public string ManifestFileName(string subset) => $"{Name}-{subset}.json";
}
