using System.Text.Json.Serialization;

namespace TabularOd.Benchmarking.Catalog;

/// <summary>One dataset file of a suite manifest.</summary>
public sealed record ManifestEntry
{
    /// <summary>Dataset name (file name without extension).</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>Path relative to the manifest's root (by default its folder), with forward slashes.</summary>
    [JsonPropertyName("file")]
    public required string File { get; init; }

    /// <summary>Lower-case hex SHA-256 of the file's bytes.</summary>
    [JsonPropertyName("sha256")]
    public required string Sha256 { get; init; }

    /// <summary>All rows (train and test together for a split file).</summary>
    [JsonPropertyName("rows")]
    public int Rows { get; init; }

    /// <summary>Feature columns.</summary>
    [JsonPropertyName("features")]
    public int Features { get; init; }

    /// <summary>Rows labelled outlier.</summary>
    [JsonPropertyName("outliers")]
    public int Outliers { get; init; }

    /// <summary>Free-form tags (suite name, domain, size class).</summary>
    [JsonPropertyName("tags")]
    public IReadOnlyList<string> Tags { get; init; } = [];
}
