namespace TabularOd.Data;

/// <summary>
/// Reads an ODDS-style MATLAB <c>.mat</c> file (v5 to v7, compressed or not): variable <c>X</c> (rows × features)
/// and optional <c>y</c> (0/1 labels, one per row) → one table. Other scalar, vector and text variables become
/// metadata; anything else is skipped with a warning. MATLAB v7.3 (HDF5) files are refused with a hint.
/// </summary>
public static class MatDatasetReader
{
    /// <summary>Reads <paramref name="path"/>; every failure is a <see cref="DataFileException"/> naming the file.</summary>
    public static DataFile Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return ReadGuard.Run(path, () =>
        {
            var variables = MatV5Reader.ReadAll(path).ToDictionary(v => v.Name, StringComparer.Ordinal);
            var warnings = new List<string>();
            if (!variables.TryGetValue("X", out MatVariable? x))
            {
                string found = variables.Count == 0 ? "it holds no variables" : $"it holds {string.Join(", ", variables.Keys.Select(k => $"'{k}'"))}";
                throw new DataFileException(path, $"has no variable 'X' (the feature matrix of an ODDS .mat file); {found}.");
            }
            DataMatrix features = ToMatrix(path, x);
            // ODDS writes 'y'; a capital 'Y' is accepted for files re-saved by hand.
            string labelName = variables.ContainsKey("y") || !variables.ContainsKey("Y") ? "y" : "Y";
            int[]? labels = variables.TryGetValue(labelName, out MatVariable? y) ? ToLabels(path, y, features.Rows) : null;
            var metadata = new Dictionary<string, object>(StringComparer.Ordinal);
            foreach (MatVariable variable in variables.Values)
            {
                if (variable.Name == "X" || variable.Name == labelName)
                {
                    continue;
                }
                if (ToMetadataValue(variable) is { } value)
                {
                    metadata[variable.Name] = value;
                }
                else
                {
                    warnings.Add($"skipped '{variable.Name}': {variable.NotRead ?? $"a {variable.ClassName} matrix of size {string.Join(" × ", variable.Dimensions)} is not kept as metadata"}");
                }
            }
            var table = new Dataset(Path.GetFileNameWithoutExtension(path), features, null, labels, null, metadata);
            return DataFile.OfTable(path, table, warnings) with
            {
                StoredTypes = variables.Values.Select(v => KeyValuePair.Create(v.Name, v.Describe())).ToArray(),
            };
        });
    }

    private static DataMatrix ToMatrix(string path, MatVariable x)
    {
        if (x.Values is null)
        {
            throw new DataFileException(path, $"variable 'X' cannot be read: {x.NotRead ?? $"it is a {x.ClassName} array, not numbers"}.");
        }
        if (x.Dimensions.Length != 2)
        {
            throw new DataFileException(path, $"variable 'X' must be a 2-D matrix (rows × features), but its size is {string.Join(" × ", x.Dimensions)}.");
        }
        int rows = x.Dimensions[0], columns = x.Dimensions[1];
        return DataMatrix.FromRowMajor(rows, columns, ArrayConversions.ColumnMajorToRowMajor(x.Values, rows, columns));
    }

    private static int[] ToLabels(string path, MatVariable y, int rows)
    {
        string label = $"variable '{y.Name}'";
        if (y.Values is null)
        {
            throw new DataFileException(path, $"{label} cannot be read as labels: {y.NotRead ?? $"it is a {y.ClassName} array, not numbers"}.");
        }
        // A column (n × 1) or a row (1 × n) vector: both hold the values in row order.
        if (y.Dimensions.Count(d => d != 1) > 1 || y.ElementCount != rows)
        {
            throw new DataFileException(path, $"{label} must be a vector of {rows} labels, one per row of 'X', but its size is {string.Join(" × ", y.Dimensions)}.");
        }
        return ArrayConversions.ToLabels(y.Values, path, label);
    }

    private static object? ToMetadataValue(MatVariable variable)
    {
        if (variable.Text is { } text)
        {
            return text.Length == 1 ? text[0] : text;
        }
        if (variable.Values is not { } values || variable.Dimensions.Count(d => d != 1) > 1)
        {
            return null; // not read, or a matrix
        }
        object array = variable.Logical ? Array.ConvertAll(values, v => v != 0)
            : variable.IsIntegerClass ? Array.ConvertAll(values, v => (long)v)
            : values;
        return values.Length == 1 ? ((Array)array).GetValue(0) : array;
    }
}
