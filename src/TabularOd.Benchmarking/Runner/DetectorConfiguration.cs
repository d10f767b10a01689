using System.Text;

namespace TabularOd.Benchmarking.Runner;

/// <summary>
/// One detector with one set of hyperparameters (the others at their defaults). Its <see cref="Id"/> names it in
/// results and reports: "knn" for the defaults, "knn(k=5)" otherwise, keys sorted so the same settings always give
/// the same id.
/// </summary>
public sealed record DetectorConfiguration
{
    /// <summary>Makes a configuration; parameter names are compared case-insensitively and kept sorted.</summary>
    public DetectorConfiguration(string detector, IReadOnlyDictionary<string, string>? parameters = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(detector);
        Detector = detector;
        Parameters = new SortedDictionary<string, string>(
            (parameters ?? new Dictionary<string, string>()).ToDictionary(p => p.Key.ToLowerInvariant(), p => p.Value),
            StringComparer.Ordinal);
        Id = Parameters.Count == 0 ? detector : $"{detector}({string.Join(',', Parameters.Select(p => $"{p.Key}={p.Value}"))})";
    }

    /// <summary>Catalog name of the detector.</summary>
    public string Detector { get; }

    /// <summary>Hyperparameters set explicitly, sorted by name.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>"knn(k=5)": the detector and its explicit settings.</summary>
    public string Id { get; }

    /// <summary>The parameters as a compact JSON object (stored with every result).</summary>
    public string ParametersJson()
    {
        var text = new StringBuilder("{");
        foreach (var (key, value) in Parameters)
        {
            if (text.Length > 1)
            {
                text.Append(',');
            }
            text.Append(System.Text.Json.JsonSerializer.Serialize(key)).Append(':').Append(System.Text.Json.JsonSerializer.Serialize(value));
        }
        return text.Append('}').ToString();
    }

    /// <inheritdoc/>
    public bool Equals(DetectorConfiguration? other) => other is not null && Id == other.Id;

    /// <inheritdoc/>
    public override int GetHashCode() => Id.GetHashCode(StringComparison.Ordinal);

    /// <inheritdoc/>
    public override string ToString() => Id;
}
