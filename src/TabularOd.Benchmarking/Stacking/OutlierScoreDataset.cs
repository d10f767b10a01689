namespace TabularOd.Benchmarking.Stacking;

/// <summary>
/// One dataset of an <see cref="OutlierScoreMatrix"/>: its test labels and, per test row, the rank-normalised score of
/// every configuration (row-major, rows × configurations).
/// </summary>
public sealed class OutlierScoreDataset(string id, string suite, int[] labels, double[] ranks, int configurations)
{
    /// <summary>Dataset id, "suite/name".</summary>
    public string Id => id;

    /// <summary>Suite of the dataset (the stratum of <see cref="DatasetSplit"/>).</summary>
    public string Suite => suite;

    /// <summary>Test rows.</summary>
    public int Rows => labels.Length;

    /// <summary>Test outliers.</summary>
    public int Outliers { get; } = labels.Sum();

    /// <summary>Test labels, 0 = inlier, 1 = outlier.</summary>
    public IReadOnlyList<int> Labels => labels;

    /// <summary>Ranks[i·C + c]: configuration c's score of test row i, rank-normalised within the dataset to (0, 1].</summary>
    public ReadOnlySpan<double> Ranks => ranks;

    /// <summary>The number of configurations C (columns).</summary>
    public int Configurations => configurations;

    internal int[] LabelArray => labels;
}
