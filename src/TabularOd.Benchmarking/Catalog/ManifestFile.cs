using System.Security.Cryptography;
using System.Text.Json;
using TabularOd.Data;

namespace TabularOd.Benchmarking.Catalog;

/// <summary>Reads, writes, builds and verifies suite manifests.</summary>
public static class ManifestFile
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Longest tag taken from a file's metadata; longer ones are prose, not tags.</summary>
    public const int MaxTagLength = 32;

    /// <summary>Reads a manifest, checking its version and that it lists datasets.</summary>
    public static SuiteManifest Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new DataFileException(path, "manifest not found.");
        }
        SuiteManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<SuiteManifest>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new DataFileException(path, $"is not a valid suite manifest: {e.Message.ReplaceLineEndings(" ")}", e);
        }
        if (manifest is null)
        {
            throw new DataFileException(path, "is not a valid suite manifest: the file holds null.");
        }
        if (manifest.Version is < SuiteManifest.OldestVersion or > SuiteManifest.CurrentVersion)
        {
            throw new DataFileException(path, $"manifest version {manifest.Version} is not supported; this build reads versions {SuiteManifest.OldestVersion} to {SuiteManifest.CurrentVersion}.");
        }
        return manifest;
    }

    /// <summary>Writes a manifest as indented JSON, stamped with the oldest version that can express it.</summary>
    public static void Save(SuiteManifest manifest, string path)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var stamped = manifest with { Version = SuiteManifest.RequiredVersion(manifest) };
        File.WriteAllText(path, JsonSerializer.Serialize(stamped, Json) + "\n");
    }

    /// <summary>The absolute folder a manifest's entries resolve against: its root, or else its own folder.</summary>
    public static string DataFolder(string manifestPath, SuiteManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        string folder = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
        return manifest.Root is { } root ? Path.GetFullPath(Path.Combine(folder, root)) : folder;
    }

    /// <summary>The absolute path of an entry's file.</summary>
    public static string Resolve(string manifestPath, SuiteManifest manifest, ManifestEntry entry) =>
        Path.GetFullPath(Path.Combine(DataFolder(manifestPath, manifest), entry.File));

    /// <summary>
    /// The absolute path of an entry's file, reading the manifest at <paramref name="manifestPath"/> again to find
    /// its root. Prefer <see cref="Resolve(string, SuiteManifest, ManifestEntry)"/> when the manifest is at hand.
    /// </summary>
    public static string Resolve(string manifestPath, ManifestEntry entry)
    {
        // Kept for callers written before manifests had a root: without this look-up they would resolve a rooted
        // manifest's entries against the wrong folder.
        string? root = File.Exists(manifestPath) ? ReadRoot(manifestPath) : null;
        string folder = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
        return Path.GetFullPath(Path.Combine(root is null ? folder : Path.Combine(folder, root), entry.File));
    }

    /// <summary>
    /// Builds a manifest by reading every data file in <paramref name="dataFolder"/>; entry paths are made
    /// relative to <paramref name="manifestFolder"/>. Reports each file through <paramref name="progress"/>.
    /// </summary>
    public static SuiteManifest Build(string name, string dataFolder, string manifestFolder, string description = "",
        string license = "", string partition = "public", IProgress<string>? progress = null) =>
        Build(name, [dataFolder], manifestFolder, null, description, license, partition, progress);

    /// <summary>
    /// Builds a manifest from every data file of several folders. With a <paramref name="rootFolder"/>, entry
    /// paths are relative to it and the manifest records it relative to <paramref name="manifestFolder"/>;
    /// without one, entry paths are relative to <paramref name="manifestFolder"/>. Each entry is tagged with the
    /// suite name (one folder) or its folder's name (several), then with its file's dataset type and tags.
    /// </summary>
    public static SuiteManifest Build(string name, IReadOnlyList<string> dataFolders, string manifestFolder, string? rootFolder,
        string description = "", string license = "", string partition = "public", IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(dataFolders);
        string manifestFull = Path.GetFullPath(manifestFolder);
        string? rootFull = rootFolder is null ? null : Path.GetFullPath(rootFolder);
        string? root = rootFull is null ? null : Path.GetRelativePath(manifestFull, rootFull).Replace('\\', '/');
        if (root == ".")
        {
            // The root is the manifest's own folder: say nothing and stay readable by version-1 builds.
            root = null;
        }
        string relativeTo = rootFull ?? manifestFull;
        var files = new List<(string File, string Group)>();
        foreach (string folder in dataFolders)
        {
            if (!Directory.Exists(folder))
            {
                throw new DataFileException(folder, "is not a folder.");
            }
            string group = dataFolders.Count == 1 ? name : Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder))).ToLowerInvariant();
            foreach (string file in DataReader.ListFiles(folder))
            {
                if (rootFull is not null && !IsInside(rootFull, file))
                {
                    throw new DataFileException(file, $"lies outside the manifest root {rootFolder}.");
                }
                files.Add((file, group));
            }
        }
        var entries = new ManifestEntry[files.Count];
        // Reading is the slow part (hundreds of files); the entries keep the folders' order whatever the schedule.
        Parallel.For(0, files.Count, i =>
        {
            progress?.Report(files[i].File);
            entries[i] = Describe(files[i].File, relativeTo, files[i].Group);
        });
        return new SuiteManifest
        {
            Name = name, Description = description, License = license, Partition = partition, Root = root, Datasets = entries,
        };
    }

    /// <summary>
    /// Reads one data file into a manifest entry whose path is relative to <paramref name="relativeTo"/>.
    /// A caller that has just verified the file's hash passes it as <paramref name="sha256"/> to skip rehashing.
    /// </summary>
    public static ManifestEntry Describe(string file, string relativeTo, string suiteTag, string? sha256 = null)
    {
        var data = DataReader.Read(file);
        var (rows, features, outliers) = Count(data);
        var metadata = data.Pair?.Metadata ?? data.Table!.Metadata;
        return new ManifestEntry
        {
            Name = data.Name,
            File = Path.GetRelativePath(relativeTo, file).Replace('\\', '/'),
            Sha256 = sha256 ?? Sha256Of(file),
            Rows = rows,
            Features = features,
            Outliers = outliers,
            Tags = TagsOf(suiteTag, metadata),
        };
    }

    /// <summary>
    /// An entry's tags: the suite's, then the file's <c>dataset_type</c> and <c>tags</c> metadata (MacrOData), in
    /// lower case with spaces as underscores, without repeats, leaving out any longer than <see cref="MaxTagLength"/>.
    /// </summary>
    public static IReadOnlyList<string> TagsOf(string suiteTag, IReadOnlyDictionary<string, object> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var tags = new List<string>();
        void Add(string raw)
        {
            string tag = string.Join('_', raw.Trim().ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));
            if (tag.Length is > 0 and <= MaxTagLength && !tags.Contains(tag))
            {
                tags.Add(tag);
            }
        }
        Add(suiteTag);
        foreach (string key in (ReadOnlySpan<string>)["dataset_type", "tags"])
        {
            // OvRBench stores an empty float array for "tags"; only strings are tags.
            switch (metadata.GetValueOrDefault(key))
            {
                case string one:
                    Add(one);
                    break;
                case string[] many:
                    foreach (string tag in many)
                    {
                        Add(tag);
                    }
                    break;
            }
        }
        return tags;
    }

    /// <summary>Lists every disagreement between a manifest and the files it names (missing file, changed bytes).</summary>
    public static IReadOnlyList<string> Verify(string manifestPath, SuiteManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var problems = new List<string>();
        foreach (var entry in manifest.Datasets)
        {
            string file = Resolve(manifestPath, manifest, entry);
            if (!File.Exists(file))
            {
                problems.Add($"{file}: listed in the manifest but missing.");
            }
            else if (!string.Equals(Sha256Of(file), entry.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{file}: SHA-256 differs from the manifest's {entry.Sha256}.");
            }
        }
        return problems;
    }

    /// <summary>Lower-case hex SHA-256 of a file.</summary>
    public static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>Total rows, features and outliers of a data file (train and test together for a pair).</summary>
    public static (int Rows, int Features, int Outliers) Count(DataFile data) => data.Pair is { } pair
        ? (pair.Train.Rows + pair.Test.Rows, pair.Train.Columns, (pair.Train.OutlierCount ?? 0) + (pair.Test.OutlierCount ?? 0))
        : (data.Table!.Rows, data.Table.Columns, data.Table.OutlierCount ?? 0);

    private static bool IsInside(string folder, string file)
    {
        string relative = Path.GetRelativePath(folder, Path.GetFullPath(file));
        return !Path.IsPathRooted(relative) && relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    // Reads only the top-level "root" property, skipping the (long) dataset list without building objects.
    private static string? ReadRoot(string manifestPath)
    {
        try
        {
            var reader = new Utf8JsonReader(File.ReadAllBytes(manifestPath), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isRoot = reader.ValueTextEquals("root"u8);
                reader.Read();
                if (isRoot)
                {
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                reader.Skip();
            }
            return null;
        }
        catch (JsonException)
        {
            // A broken manifest is reported by Load, which every real caller has run first.
            return null;
        }
    }
}
