namespace TabularOd.Data;

/// <summary>
/// Reads a dataset from a <c>.npz</c> file in one of two layouts:
/// <list type="bullet">
/// <item>MacrOData: <c>train</c>, <c>test</c>, optional <c>train_labels</c>, <c>test_labels</c>,
/// <c>train_groups</c>, <c>test_groups</c>, <c>feature_names</c> → a train/test pair;</item>
/// <item>ADBench: <c>X</c>, optional <c>y</c>, <c>feature_names</c> and <c>groups</c> → one table.</item>
/// </list>
/// Every other array becomes metadata (0-D → scalar, 1-D → array). Object arrays are never unpickled: they
/// are skipped with a warning, or refused when the layout needs them.
/// </summary>
public static class NpzDatasetReader
{
    private static readonly string[] PairArrays = ["train", "test", "train_labels", "test_labels", "train_groups", "test_groups", "feature_names"];
    private static readonly string[] TableArrays = ["X", "y", "groups", "feature_names"];

    /// <summary>Reads <paramref name="path"/>; every failure is a <see cref="DataFileException"/> naming the file.</summary>
    public static DataFile Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return ReadGuard.Run(path, () =>
        {
            var warnings = new List<string>();
            var arrays = NpzArchive.ReadAll(path, warnings).ToDictionary(a => a.Name, StringComparer.Ordinal);
            string name = Path.GetFileNameWithoutExtension(path);
            var storedTypes = arrays.Values.Select(a => KeyValuePair.Create(a.Name, a.Header.Describe() + (a.IsObject ? ", not read" : ""))).ToArray();
            DataFile file;
            if (arrays.ContainsKey("train") || arrays.ContainsKey("test"))
            {
                file = DataFile.OfPair(path, ReadPair(path, name, arrays, warnings), warnings);
            }
            else if (arrays.ContainsKey("X"))
            {
                file = DataFile.OfTable(path, ReadTable(name, arrays, warnings), warnings);
            }
            else
            {
                string found = arrays.Count == 0 ? "it holds no arrays" : $"it holds {string.Join(", ", arrays.Keys.Select(k => $"'{k}'"))}";
                throw new DataFileException(path, $"has neither 'train' and 'test' arrays (MacrOData layout) nor 'X' (ADBench layout); {found}.");
            }
            return file with { StoredTypes = storedTypes };
        });
    }

    private static TrainTestPair ReadPair(string path, string name, Dictionary<string, NpyArray> arrays, List<string> warnings)
    {
        NpyArray trainArray = Require(path, arrays, "train", "test");
        NpyArray testArray = Require(path, arrays, "test", "train");
        DataMatrix train = trainArray.ToMatrix();
        DataMatrix test = testArray.ToMatrix();
        if (train.Columns != test.Columns)
        {
            throw new DataFileException(path, $"'train' has {train.Columns} columns but 'test' has {test.Columns}; they must have the same features.");
        }
        IReadOnlyList<string>? featureNames = arrays.GetValueOrDefault("feature_names")?.ToStrings(train.Columns, "'train'");
        var metadata = ReadMetadata(arrays, PairArrays, warnings);
        return new TrainTestPair(
            new Dataset(
                name,
                train,
                featureNames,
                arrays.GetValueOrDefault("train_labels")?.ToLabels(train.Rows, "'train'"),
                arrays.GetValueOrDefault("train_groups")?.ToIntegers(train.Rows, "'train'"),
                metadata),
            new Dataset(
                name,
                test,
                featureNames,
                arrays.GetValueOrDefault("test_labels")?.ToLabels(test.Rows, "'test'"),
                arrays.GetValueOrDefault("test_groups")?.ToIntegers(test.Rows, "'test'"),
                metadata));
    }

    private static Dataset ReadTable(string name, Dictionary<string, NpyArray> arrays, List<string> warnings)
    {
        DataMatrix features = arrays["X"].ToMatrix();
        return new Dataset(
            name,
            features,
            arrays.GetValueOrDefault("feature_names")?.ToStrings(features.Columns, "'X'"),
            arrays.GetValueOrDefault("y")?.ToLabels(features.Rows, "'X'"),
            arrays.GetValueOrDefault("groups")?.ToIntegers(features.Rows, "'X'"),
            ReadMetadata(arrays, TableArrays, warnings));
    }

    private static NpyArray Require(string path, Dictionary<string, NpyArray> arrays, string key, string partner) =>
        arrays.TryGetValue(key, out NpyArray? array)
            ? array
            : throw new DataFileException(path, $"has a '{partner}' array but no '{key}'; a MacrOData file needs both.");

    private static Dictionary<string, object> ReadMetadata(Dictionary<string, NpyArray> arrays, string[] layoutArrays, List<string> warnings)
    {
        var metadata = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (NpyArray array in arrays.Values)
        {
            if (layoutArrays.Contains(array.Name))
            {
                continue;
            }
            if (array.IsObject)
            {
                warnings.Add($"skipped '{array.Name}': object arrays are not read");
                continue;
            }
            if (array.ToMetadataValue() is { } value)
            {
                metadata[array.Name] = value;
            }
            else
            {
                warnings.Add($"skipped '{array.Name}': only 0-D and 1-D arrays are kept as metadata, it has shape {NpyHeader.FormatShape(array.Header.Shape)}");
            }
        }
        return metadata;
    }
}
