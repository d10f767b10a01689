namespace TabularOd.Data;

/// <summary>What to do with NaN (missing) feature values when reading a file.</summary>
public enum MissingValuePolicy
{
    /// <summary>Stop with an error naming the file, row and column (the default).</summary>
    Error,

    /// <summary>Replace each NaN by its column's median over the training rows.</summary>
    ImputeMedian,
}

/// <summary>Options shared by every reader; each has a default that suits the MacrOData and ADBench files.</summary>
public sealed record DataReadOptions
{
    /// <summary>Default name of the CSV label column.</summary>
    public const string DefaultLabelColumn = "label";

    /// <summary>Default name of the CSV column that marks rows as train or test.</summary>
    public const string DefaultSplitColumn = "split";

    /// <summary>Default name of the CSV group-id column.</summary>
    public const string DefaultGroupColumn = "group";

    /// <summary>The defaults.</summary>
    public static DataReadOptions Default { get; } = new();

    /// <summary>
    /// The CSV label column (0 = inlier, 1 = outlier). When left null, a column named
    /// <see cref="DefaultLabelColumn"/> is used if present; when set, the column must exist.
    /// </summary>
    public string? LabelColumn { get; init; }

    /// <summary>The CSV column holding "train"/"test" per row; when present the file reads as a pair.</summary>
    public string SplitColumn { get; init; } = DefaultSplitColumn;

    /// <summary>The CSV column holding integer group ids, used when present.</summary>
    public string GroupColumn { get; init; } = DefaultGroupColumn;

    /// <summary>NaN policy; infinite values are always an error.</summary>
    public MissingValuePolicy MissingValues { get; init; } = MissingValuePolicy.Error;
}
