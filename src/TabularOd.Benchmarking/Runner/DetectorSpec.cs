using System.Globalization;
using System.Text.Json;
using TabularOd.Data;
using TabularOd.Detectors;

namespace TabularOd.Benchmarking.Runner;

/// <summary>
/// What a benchmark runs on every dataset: detector configurations (grids expanded), the seeds of randomised
/// detectors, and how each cell is prepared and bounded. Read from a JSON spec file, a built-in name
/// (<c>classical</c>, <c>zoo</c>) or a comma-separated list of detector names at their defaults.
/// </summary>
/// <remarks>
/// A spec file:
/// <code>
/// {
///   "seeds": [0, 1, 2],              // seeds of randomised detectors (deterministic ones run once)
///   "standardize": true,             // z-score features with training statistics before fitting
///   "timeout_seconds": 3600,         // per cell
///   "split_seed": 0,                 // seed of the MacrOData split of single-table files (ADBench)
///   "keep_scores": false,            // store every test score (stacking needs them)
///   "detectors": [
///     "lof",
///     { "detector": "knn", "grid": { "k": [1, 5, 10, 20, 50] } },
///     { "detector": "iforest", "params": { "n_estimators": 200 }, "seeds": [0] }
///   ]
/// }
/// </code>
/// </remarks>
public sealed record DetectorSpec
{
    /// <summary>The classical detectors at their defaults: the built-in spec "classical".</summary>
    public static IReadOnlyList<string> ClassicalDetectors { get; } =
        ["knn", "lof", "iforest", "ecod", "copod", "hbos", "pca", "mahalanobis", "gmm", "egmm", "ocsvm"];

    /// <summary>Default per-cell time limit.</summary>
    public const double DefaultTimeoutSeconds = 3600;

    /// <summary>Where the spec came from (file path or built-in name), for messages and the results store.</summary>
    public required string Source { get; init; }

    /// <summary>Every configuration, in spec order, grids expanded in key order.</summary>
    public required IReadOnlyList<SpecEntry> Entries { get; init; }

    /// <summary>Whether features are standardised with training statistics before fitting.</summary>
    public bool Standardize { get; init; } = true;

    /// <summary>Per-cell time limit in seconds.</summary>
    public double TimeoutSeconds { get; init; } = DefaultTimeoutSeconds;

    /// <summary>Seed of the MacrOData split for files that hold one labelled table.</summary>
    public int SplitSeed { get; init; }

    /// <summary>Whether every cell's test scores are stored.</summary>
    public bool KeepScores { get; init; }

    /// <summary>
    /// Resolves <paramref name="text"/>: an existing file is read as a JSON spec; "classical" and "zoo" are built in;
    /// anything else is a comma-separated list of detector names.
    /// </summary>
    public static DetectorSpec Resolve(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        if (File.Exists(text))
        {
            return Load(text);
        }
        string[] names = text.Trim().ToLowerInvariant() switch
        {
            "classical" => [.. ClassicalDetectors],
            "zoo" => DetectorCatalog.All.Select(d => d.Name).ToArray(),
            _ when text.EndsWith(".json", StringComparison.OrdinalIgnoreCase) => throw new DataFileException(text, "detector spec file not found."),
            _ => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        };
        var entries = names.Select(n => new SpecEntry(new DetectorConfiguration(Known(n, "")), null)).ToArray();
        var spec = new DetectorSpec { Source = text, Entries = entries };
        spec.Validate();
        return spec;
    }

    /// <summary>Reads and validates a JSON spec file; every problem is a <see cref="DataFileException"/> naming it.</summary>
    public static DetectorSpec Load(string path)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new DataFileException(path, $"is not valid JSON: {e.Message.ReplaceLineEndings(" ")}", e);
        }
        using (document)
        {
            try
            {
                var spec = Parse(document.RootElement, path);
                spec.Validate();
                return spec;
            }
            catch (ArgumentException e)
            {
                throw new DataFileException(path, e.Message, e);
            }
        }
    }

    /// <summary>The seeds a configuration runs with: the first seed only for a deterministic detector.</summary>
    public IReadOnlyList<int> SeedsFor(SpecEntry entry)
    {
        var seeds = entry.Seeds ?? Seeds;
        return DetectorCatalog.Get(entry.Configuration.Detector).Deterministic ? [seeds[0]] : seeds;
    }

    /// <summary>Seeds for entries that do not give their own.</summary>
    public IReadOnlyList<int> Seeds { get; init; } = [0];

    private static DetectorSpec Parse(JsonElement root, string path)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("a detector spec must be a JSON object with a 'detectors' list.");
        }
        var known = new HashSet<string>(StringComparer.Ordinal) { "seeds", "standardize", "timeout_seconds", "split_seed", "keep_scores", "detectors", "name", "description" };
        foreach (var property in root.EnumerateObject())
        {
            if (!known.Contains(property.Name))
            {
                throw new ArgumentException($"unknown key '{property.Name}'; expected {string.Join(", ", known.Order(StringComparer.Ordinal))}.");
            }
        }
        if (!root.TryGetProperty("detectors", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            throw new ArgumentException("'detectors' must be a non-empty list.");
        }
        var entries = new List<SpecEntry>();
        int index = 0;
        foreach (var item in list.EnumerateArray())
        {
            entries.AddRange(ParseEntry(item, index++));
        }
        return new DetectorSpec
        {
            Source = path,
            Entries = entries,
            Seeds = root.TryGetProperty("seeds", out var seeds) ? Seeds_(seeds, "'seeds'") : [0],
            Standardize = !root.TryGetProperty("standardize", out var s) || Bool(s, "'standardize'"),
            TimeoutSeconds = root.TryGetProperty("timeout_seconds", out var t) ? Positive(t, "'timeout_seconds'") : DefaultTimeoutSeconds,
            SplitSeed = root.TryGetProperty("split_seed", out var ss) ? Int(ss, "'split_seed'") : 0,
            KeepScores = root.TryGetProperty("keep_scores", out var k) && Bool(k, "'keep_scores'"),
        };
    }

    private static IEnumerable<SpecEntry> ParseEntry(JsonElement item, int index)
    {
        string where = $"detectors[{index}]";
        if (item.ValueKind == JsonValueKind.String)
        {
            return [new SpecEntry(new DetectorConfiguration(Known(item.GetString()!, where)), null)];
        }
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"{where} must be a detector name or an object with 'detector', 'params', 'grid', 'seeds'.");
        }
        string? name = null;
        var fixedParams = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var grid = new SortedDictionary<string, string[]>(StringComparer.Ordinal);
        IReadOnlyList<int>? seeds = null;
        foreach (var property in item.EnumerateObject())
        {
            switch (property.Name)
            {
                case "detector":
                    name = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                    break;
                case "params":
                    foreach (var p in Object(property.Value, $"{where}.params").EnumerateObject())
                    {
                        fixedParams[p.Name] = Scalar(p.Value, $"{where}.params.{p.Name}");
                    }
                    break;
                case "grid":
                    foreach (var p in Object(property.Value, $"{where}.grid").EnumerateObject())
                    {
                        if (p.Value.ValueKind != JsonValueKind.Array || p.Value.GetArrayLength() == 0)
                        {
                            throw new ArgumentException($"{where}.grid.{p.Name} must be a non-empty list of values.");
                        }
                        grid[p.Name.ToLowerInvariant()] = p.Value.EnumerateArray().Select(v => Scalar(v, $"{where}.grid.{p.Name}")).ToArray();
                    }
                    break;
                case "seeds":
                    seeds = Seeds_(property.Value, $"{where}.seeds");
                    break;
                default:
                    throw new ArgumentException($"{where}: unknown key '{property.Name}'; expected detector, params, grid, seeds.");
            }
        }
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException($"{where} needs a 'detector' name.");
        }
        name = Known(name, where);
        var overlap = grid.Keys.FirstOrDefault(k => fixedParams.ContainsKey(k));
        if (overlap is not null)
        {
            throw new ArgumentException($"{where}: '{overlap}' is both in 'params' and in 'grid'.");
        }
        // The Cartesian product of the grid, keys in order, values in the order given.
        IEnumerable<Dictionary<string, string>> combos = [new Dictionary<string, string>(fixedParams, StringComparer.OrdinalIgnoreCase)];
        foreach (var (key, values) in grid)
        {
            combos = combos.SelectMany(c => values.Select(v => new Dictionary<string, string>(c, StringComparer.OrdinalIgnoreCase) { [key] = v })).ToArray();
        }
        return combos.Select(c => new SpecEntry(new DetectorConfiguration(name, c), seeds)).ToArray();
    }

    /// <summary>Checks every configuration against its detector's parameters, once, before any cell runs.</summary>
    private void Validate()
    {
        var duplicate = Entries.GroupBy(e => e.Configuration.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"the configuration '{duplicate.Key}' is listed twice.");
        }
        foreach (var entry in Entries)
        {
            var descriptor = DetectorCatalog.Get(entry.Configuration.Detector);
            if (entry.Configuration.Parameters.ContainsKey("seed"))
            {
                throw new ArgumentException($"{entry.Configuration.Id}: set seeds with 'seeds', not as a parameter.");
            }
            IOutlierDetector detector;
            try
            {
                detector = descriptor.CreateFrom(entry.Configuration.Parameters);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"{entry.Configuration.Id}: {e.Message}", e);
            }
            try
            {
                // Detectors check their options when fitted, before they look at the data; fitting on zero rows
                // therefore reports a bad option (say, a grid value k = 0) at once, and otherwise stops at the data
                // check without doing any work. A bad value would else fail on every dataset of a long sweep.
                detector.Fit(NoRows);
            }
            catch (ArgumentException e) when (e.Message.StartsWith("The '", StringComparison.Ordinal))
            {
                throw new ArgumentException($"{entry.Configuration.Id}: {e.Message}", e);
            }
            catch (ArgumentException)
            {
                // The data check refusing zero rows: the options passed.
            }
        }
    }

    private static readonly DataMatrix NoRows = DataMatrix.FromRowMajor(0, 3, []);

    private static string Known(string name, string where) =>
        DetectorCatalog.Find(name)?.Name
        ?? throw new ArgumentException($"{(where.Length > 0 ? where + ": " : "")}unknown detector '{name}'; known detectors are: {string.Join(", ", DetectorCatalog.All.Select(d => d.Name))}.");

    private static JsonElement Object(JsonElement value, string where) => value.ValueKind == JsonValueKind.Object
        ? value
        : throw new ArgumentException($"{where} must be an object of name: value.");

    private static string Scalar(JsonElement value, string where) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => throw new ArgumentException($"{where} must be a number, string or boolean."),
    };

    private static IReadOnlyList<int> Seeds_(JsonElement value, string where)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
        {
            throw new ArgumentException($"{where} must be a non-empty list of integers.");
        }
        var seeds = value.EnumerateArray().Select(v => Int(v, where)).ToArray();
        if (seeds.Distinct().Count() != seeds.Length)
        {
            throw new ArgumentException($"{where} lists a seed twice.");
        }
        return seeds;
    }

    private static int Int(JsonElement value, string where) => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int v)
        ? v
        : throw new ArgumentException($"{where} must be an integer. Got {value.GetRawText()}.");

    private static bool Bool(JsonElement value, string where) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new ArgumentException($"{where} must be true or false. Got {value.GetRawText()}."),
    };

    private static double Positive(JsonElement value, string where) =>
        value.ValueKind == JsonValueKind.Number && value.GetDouble() is > 0 and var v && double.IsFinite(v)
            ? v
            : throw new ArgumentException($"{where} must be a positive number. Got {value.GetRawText()}.");

    /// <summary>The spec as canonical text, stored in the results store so that a resume can tell a changed spec.</summary>
    public string Describe() => string.Join(";", Entries.Select(e => e.Configuration.Id + (e.Seeds is null ? "" : $"[seeds={string.Join(',', e.Seeds)}]")))
        + $";seeds={string.Join(',', Seeds)};standardize={Standardize};split_seed={SplitSeed.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>One configuration of a spec and its own seeds (null: the spec's seeds).</summary>
public sealed record SpecEntry(DetectorConfiguration Configuration, IReadOnlyList<int>? Seeds);
