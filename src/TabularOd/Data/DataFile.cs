namespace TabularOd.Data;

/// <summary>
/// What one data file held: either a single labelled table (ADBench <c>X</c>/<c>y</c>, a CSV, an ODDS
/// <c>.mat</c>) or a ready train/test pair (MacrOData), plus warnings raised while reading
/// (for example a skipped object array).
/// </summary>
public sealed record DataFile
{
    /// <summary>A file that held one table.</summary>
    public static DataFile OfTable(string path, Dataset table, IReadOnlyList<string>? warnings = null) =>
        new() { Path = path, Table = table, Warnings = warnings ?? [] };

    /// <summary>A file that held a train/test pair.</summary>
    public static DataFile OfPair(string path, TrainTestPair pair, IReadOnlyList<string>? warnings = null) =>
        new() { Path = path, Pair = pair, Warnings = warnings ?? [] };

    /// <summary>The file that was read.</summary>
    public required string Path { get; init; }

    /// <summary>The single table, when the file held one.</summary>
    public Dataset? Table { get; init; }

    /// <summary>The train/test pair, when the file held one.</summary>
    public TrainTestPair? Pair { get; init; }

    /// <summary>
    /// How each array or column was stored in the file (for example "train" → "&lt;f8 (543, 11), C order"),
    /// in file order; shown by <c>tabod data info</c>. Empty when the reader does not report it.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> StoredTypes { get; init; } = [];

    /// <summary>Things worth telling the user that did not stop the read.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The dataset's name.</summary>
    public string Name => Pair?.Name ?? Table!.Name;
}
