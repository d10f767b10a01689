namespace TabularOd.Data;

/// <summary>
/// One table of samples: a feature matrix, its column names, optional 0/1 labels (1 = outlier),
/// optional group ids, and free-form metadata carried from the file.
/// </summary>
/// <remarks>
/// Metadata values are <see cref="string"/>, <see cref="double"/>, <see cref="long"/>, <see cref="bool"/>,
/// or one-dimensional arrays of those (<c>string[]</c>, <c>double[]</c>, <c>long[]</c>, <c>bool[]</c>),
/// mirroring what an <c>.npz</c> file can hold.
/// </remarks>
public sealed record Dataset
{
    /// <summary>Creates a dataset and checks that its parts agree in size.</summary>
    public Dataset(
        string name,
        DataMatrix features,
        IReadOnlyList<string>? featureNames = null,
        int[]? labels = null,
        long[]? groups = null,
        IReadOnlyDictionary<string, object>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(features);
        featureNames ??= DefaultFeatureNames(features.Columns);
        if (featureNames.Count != features.Columns)
        {
            throw new ArgumentException($"Dataset '{name}' has {features.Columns} columns but {featureNames.Count} feature names.", nameof(featureNames));
        }
        if (labels is not null)
        {
            if (labels.Length != features.Rows)
            {
                throw new ArgumentException($"Dataset '{name}' has {features.Rows} rows but {labels.Length} labels.", nameof(labels));
            }
            foreach (int label in labels)
            {
                if (label is not (0 or 1))
                {
                    throw new ArgumentException($"Dataset '{name}' has label {label}; labels must be 0 (inlier) or 1 (outlier).", nameof(labels));
                }
            }
        }
        if (groups is not null && groups.Length != features.Rows)
        {
            throw new ArgumentException($"Dataset '{name}' has {features.Rows} rows but {groups.Length} group ids.", nameof(groups));
        }
        Name = name;
        Features = features;
        FeatureNames = featureNames;
        Labels = labels;
        Groups = groups;
        Metadata = metadata ?? new Dictionary<string, object>();
    }

    /// <summary>The dataset's name (usually its file name without extension).</summary>
    public string Name { get; init; }

    /// <summary>The n × d feature matrix.</summary>
    public DataMatrix Features { get; init; }

    /// <summary>One name per feature column.</summary>
    public IReadOnlyList<string> FeatureNames { get; init; }

    /// <summary>0 = inlier, 1 = outlier; null when the labels are unknown.</summary>
    public int[]? Labels { get; init; }

    /// <summary>Group id per row (OddBench groups), or null.</summary>
    public long[]? Groups { get; init; }

    /// <summary>Metadata carried from the file (see the type's remarks for the value types).</summary>
    public IReadOnlyDictionary<string, object> Metadata { get; init; }

    /// <summary>Number of rows.</summary>
    public int Rows => Features.Rows;

    /// <summary>Number of feature columns.</summary>
    public int Columns => Features.Columns;

    /// <summary>Number of rows labelled 1, or null without labels.</summary>
    public int? OutlierCount => Labels?.Count(l => l == 1);

    /// <summary>A dataset holding the given rows (features, labels and groups alike).</summary>
    public Dataset SelectRows(ReadOnlySpan<int> rows)
    {
        int[]? labels = null;
        long[]? groups = null;
        if (Labels is not null)
        {
            labels = new int[rows.Length];
            for (int i = 0; i < rows.Length; i++)
            {
                labels[i] = Labels[rows[i]];
            }
        }
        if (Groups is not null)
        {
            groups = new long[rows.Length];
            for (int i = 0; i < rows.Length; i++)
            {
                groups[i] = Groups[rows[i]];
            }
        }
        return new Dataset(Name, Features.SelectRows(rows), FeatureNames, labels, groups, Metadata);
    }

    /// <summary>Names "x0", "x1", … used when a file carries no feature names.</summary>
    public static IReadOnlyList<string> DefaultFeatureNames(int count) =>
        Enumerable.Range(0, count).Select(i => $"x{i}").ToArray();
}
