using System.Security.Cryptography;
using System.Text.Json;
using TabularOd.Data;

namespace TabularOd.Benchmarking.Catalog;

/// <summary>Reads, writes, builds and verifies suite manifests.</summary>
public static class ManifestFile
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

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
        if (manifest.Version != SuiteManifest.CurrentVersion)
        {
            throw new DataFileException(path, $"manifest version {manifest.Version} is not supported; this build reads version {SuiteManifest.CurrentVersion}.");
        }
        return manifest;
    }

    /// <summary>Writes a manifest as indented JSON.</summary>
    public static void Save(SuiteManifest manifest, string path) =>
        File.WriteAllText(path, JsonSerializer.Serialize(manifest, Json) + "\n");

    /// <summary>The absolute path of an entry's file.</summary>
    public static string Resolve(string manifestPath, ManifestEntry entry) =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(manifestPath))!, entry.File));

    /// <summary>
    /// Builds a manifest by reading every data file in <paramref name="dataFolder"/>; entry paths are made
    /// relative to <paramref name="manifestFolder"/>. Reports each file through <paramref name="progress"/>.
    /// </summary>
    public static SuiteManifest Build(string name, string dataFolder, string manifestFolder, string description = "",
        string license = "", string partition = "public", IProgress<string>? progress = null)
    {
        var entries = new List<ManifestEntry>();
        foreach (string file in DataReader.ListFiles(dataFolder))
        {
            progress?.Report(file);
            var data = DataReader.Read(file);
            var (rows, features, outliers) = Count(data);
            entries.Add(new ManifestEntry
            {
                Name = data.Name,
                File = Path.GetRelativePath(manifestFolder, file).Replace('\\', '/'),
                Sha256 = Sha256Of(file),
                Rows = rows,
                Features = features,
                Outliers = outliers,
                Tags = [name],
            });
        }
        return new SuiteManifest { Name = name, Description = description, License = license, Partition = partition, Datasets = entries };
    }

    /// <summary>Lists every disagreement between a manifest and the files it names (missing file, changed bytes).</summary>
    public static IReadOnlyList<string> Verify(string manifestPath, SuiteManifest manifest)
    {
        var problems = new List<string>();
        foreach (var entry in manifest.Datasets)
        {
            string file = Resolve(manifestPath, entry);
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
}
