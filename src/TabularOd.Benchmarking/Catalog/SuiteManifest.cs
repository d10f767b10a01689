using System.Text.Json.Serialization;

namespace TabularOd.Benchmarking.Catalog;

/// <summary>
/// A benchmark suite as a list of dataset files with their sizes and checksums, stored as JSON in
/// <c>data-catalog/</c>. Entry file names are relative to the manifest's folder, or to <see cref="Root"/> when set.
/// </summary>
/// <remarks>
/// Version 1 manifests have no root. A manifest with a root is written as version 2, so that a build which
/// predates the field refuses it with a version message instead of looking for every file in the wrong folder;
/// a manifest without a root is still written as version 1, and this build reads both.
/// </remarks>
public sealed record SuiteManifest
{
    /// <summary>The newest format version this build reads and writes.</summary>
    public const int CurrentVersion = 2;

    /// <summary>The oldest format version this build reads.</summary>
    public const int OldestVersion = 1;

    /// <summary>The version a manifest needs: 2 when it has a <see cref="Root"/>, else 1.</summary>
    public static int RequiredVersion(SuiteManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return manifest.Root is null ? 1 : 2;
    }

    /// <summary>Manifest format version (see the type's remarks).</summary>
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

    /// <summary>
    /// The folder entry files resolve against, relative to the manifest's own folder (forward slashes), for data
    /// kept outside the catalog, e.g. <c>../../shared/datasets/macrodata</c>. Null: the manifest's folder.
    /// </summary>
    [JsonPropertyName("root")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Root { get; init; }

    /// <summary>The datasets, sorted by file name.</summary>
    [JsonPropertyName("datasets")]
    public required IReadOnlyList<ManifestEntry> Datasets { get; init; }
}
