namespace TabularOd.Data;

/// <summary>
/// Reads any supported data file by its extension (<c>.npz</c>, <c>.npy</c>, <c>.csv</c>, <c>.mat</c>) and
/// applies the checks every dataset must pass: finite features (or median imputation on request),
/// labels in {0, 1}, train and test of one width.
/// </summary>
public static class DataReader
{
    /// <summary>The file extensions <see cref="Read"/> understands.</summary>
    public static IReadOnlyList<string> SupportedExtensions { get; } = [".npz", ".npy", ".csv", ".mat"];

    /// <summary>Reads a data file. Every failure is a <see cref="DataFileException"/> naming the file.</summary>
    public static DataFile Read(string path, DataReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= DataReadOptions.Default;
        if (Directory.Exists(path))
        {
            throw new DataFileException(path, "is a folder, not a data file.");
        }
        if (!File.Exists(path))
        {
            throw new DataFileException(path, "file not found.");
        }
        if (new FileInfo(path).Length == 0)
        {
            throw new DataFileException(path, "the file is empty.");
        }
        string extension = Path.GetExtension(path).ToLowerInvariant();
        // Every reader's low-level failure becomes one line naming the file, whatever the format.
        return ReadGuard.Run(path, () =>
        {
            DataFile file = extension switch
            {
                ".npz" => NpzDatasetReader.Read(path),
                ".npy" => NpyDatasetReader.Read(path),
                ".csv" => CsvDatasetReader.Read(path, options),
                ".mat" => MatDatasetReader.Read(path),
                _ => throw new DataFileException(path, $"unknown file type '{extension}'; expected one of {string.Join(", ", SupportedExtensions)}."),
            };
            return MissingValueCheck.Apply(file, options.MissingValues);
        });
    }

    /// <summary>Lists the supported data files in a folder (not recursive), sorted by name.</summary>
    public static IReadOnlyList<string> ListFiles(string folder) =>
        Directory.EnumerateFiles(folder)
            .Where(f => SupportedExtensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Order(StringComparer.Ordinal)
            .ToArray();
}
