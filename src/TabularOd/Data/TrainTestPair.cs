namespace TabularOd.Data;

/// <summary>
/// A training table and a test table with the same columns, as the MacrOData layout stores them:
/// train holds inliers only, test holds the rest of the inliers and every outlier.
/// </summary>
public sealed record TrainTestPair
{
    /// <summary>Pairs two tables, checking that their columns agree.</summary>
    public TrainTestPair(Dataset train, Dataset test)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        if (train.Columns != test.Columns)
        {
            throw new ArgumentException($"Train has {train.Columns} columns but test has {test.Columns}; they must match.", nameof(test));
        }
        Train = train;
        Test = test;
    }

    /// <summary>The training table.</summary>
    public Dataset Train { get; init; }

    /// <summary>The test table.</summary>
    public Dataset Test { get; init; }

    /// <summary>The dataset's name (the training table's).</summary>
    public string Name => Train.Name;

    /// <summary>Metadata of the file (kept on the training table).</summary>
    public IReadOnlyDictionary<string, object> Metadata => Train.Metadata;
}
