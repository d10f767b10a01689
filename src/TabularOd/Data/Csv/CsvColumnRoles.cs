namespace TabularOd.Data.Csv;

/// <summary>
/// What each header column of a CSV is for: the label, the train/test marker, the group id, or a feature.
/// </summary>
internal sealed class CsvColumnRoles
{
    /// <summary>How many column names a "not found" message lists before summarising the rest.</summary>
    private const int MaxListedColumns = 20;

    /// <summary>
    /// Names that suggest a label column. When the file has no label column, a feature with one of these
    /// names is probably the ground truth about to be fed to a detector as an input, so it gets a warning.
    /// </summary>
    private static readonly HashSet<string> LabelLikeNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "label", "labels", "y", "class", "target", "outlier", "is_outlier", "anomaly", "is_anomaly", "ground_truth",
    };

    private CsvColumnRoles(IReadOnlyList<string> header, int label, int split, int group)
    {
        Header = header;
        Label = label;
        Split = split;
        Group = group;
        Features = Enumerable.Range(0, header.Count).Where(j => j != label && j != split && j != group).ToArray();
    }

    /// <summary>The header names, in file order.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>Index of the label column, or −1.</summary>
    public int Label { get; }

    /// <summary>Index of the split column, or −1.</summary>
    public int Split { get; }

    /// <summary>Index of the group column, or −1.</summary>
    public int Group { get; }

    /// <summary>Indices of the feature columns, in file order.</summary>
    public int[] Features { get; }

    /// <summary>Checks the header and assigns the roles the options ask for.</summary>
    /// <exception cref="DataFileException">A name is empty or repeated, or a requested label column is absent.</exception>
    public static CsvColumnRoles Resolve(string path, IReadOnlyList<string> header, DataReadOptions options)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int j = 0; j < header.Count; j++)
        {
            if (header[j].Length == 0)
            {
                throw new DataFileException(path, $"column {j + 1} has no name in the header; name it, or drop it if it is a row index (pandas: to_csv(index=False)).");
            }
            if (!seen.TryAdd(header[j], j))
            {
                throw new DataFileException(path, $"column {CsvCells.Show(header[j])} appears twice in the header (columns {seen[header[j]] + 1} and {j + 1}).");
            }
        }

        int label;
        if (options.LabelColumn is { } requested)
        {
            if (!seen.TryGetValue(requested, out label))
            {
                throw new DataFileException(path, $"label column {CsvCells.Show(requested)} not found; columns are: {ListColumns(header)}.");
            }
        }
        else
        {
            label = seen.GetValueOrDefault(DataReadOptions.DefaultLabelColumn, -1);
        }
        int split = seen.GetValueOrDefault(options.SplitColumn, -1);
        int group = seen.GetValueOrDefault(options.GroupColumn, -1);
        RefuseSharedColumn(path, header, label, "label", split, "split");
        RefuseSharedColumn(path, header, label, "label", group, "group");
        RefuseSharedColumn(path, header, split, "split", group, "group");
        return new CsvColumnRoles(header, label, split, group);
    }

    /// <summary>A warning when there is no label column but a feature is named like one, else null.</summary>
    public string? LabelLookAlikeWarning()
    {
        if (Label >= 0)
        {
            return null;
        }
        string? suspect = Features.Select(j => Header[j]).FirstOrDefault(LabelLikeNames.Contains);
        return suspect is null
            ? null
            : $"there is no '{DataReadOptions.DefaultLabelColumn}' column, and column {CsvCells.Show(suspect)} is read as a feature; if it holds the labels, name it as the label column.";
    }

    private static void RefuseSharedColumn(string path, IReadOnlyList<string> header, int first, string firstRole, int second, string secondRole)
    {
        if (first >= 0 && first == second)
        {
            throw new DataFileException(path, $"column {CsvCells.Show(header[first])} cannot be both the {firstRole} and the {secondRole} column.");
        }
    }

    private static string ListColumns(IReadOnlyList<string> header)
    {
        var shown = header.Take(MaxListedColumns).Select(CsvCells.OneLine);
        string list = string.Join(", ", shown);
        return header.Count > MaxListedColumns ? $"{list}, … ({header.Count - MaxListedColumns} more)" : list;
    }
}
