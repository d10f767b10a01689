using System.Text.Json.Serialization;

namespace TabularOd.Benchmarking.Catalog;

/// <summary>
/// A benchmark suite as a list of dataset files with their sizes and checksums, stored as JSON in
/// <c>data-catalog/</c>. Entry file names are relative to the manifest's folder.
/// </summary>
public sealed record SuiteManifest
{
    /// <summary>Format version written into every manifest and checked on load.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Manifest format version.</summary>
    [JsonPropertyName("version")]
    public int Version { get; init; } = CurrentVersion;

    /// <summary>Suite name, e.g. "adbench".</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>"public" (test labels known) or "private" (held back for a leaderboard).</summary>
    [JsonPropertyName("partition")]
    public string Partition { get; init; } = "public";

    /// <summary>One line on what the suite is.</summary>
    [JsonPropertyName("description")]
    public string Description { get; init; } = "";

    /// <summary>Licence of the data files and where its notice lives.</summary>
    [JsonPropertyName("license")]
    public string License { get; init; } = "";

    /// <summary>The datasets, sorted by file name.</summary>
    [JsonPropertyName("datasets")]
    public required IReadOnlyList<ManifestEntry> Datasets { get; init; }
}
