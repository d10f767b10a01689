using TabularOd.Data;

namespace TabularOd.Benchmarking.Stacking;

/// <summary>
/// Detector configurations' test scores over many datasets, rank-normalised within each dataset, with the test
/// labels as target: the input of outlier-score stacking (SPEC §8, last paragraph). Every configuration is a column
/// on every dataset.
/// </summary>
public sealed class OutlierScoreMatrix
{
    /// <summary>A matrix from its configurations (column names) and datasets, each with one rank per configuration and row.</summary>
    public OutlierScoreMatrix(IReadOnlyList<string> configurations, IReadOnlyList<OutlierScoreDataset> datasets, OutlierScoreLoadSummary? summary = null)
    {
        ArgumentNullException.ThrowIfNull(configurations);
        ArgumentNullException.ThrowIfNull(datasets);
        if (configurations.Count == 0)
        {
            throw new ArgumentException("An outlier score matrix needs at least one configuration.", nameof(configurations));
        }
        foreach (var d in datasets)
        {
            if (d.Configurations != configurations.Count || d.Ranks.Length != d.Rows * configurations.Count)
            {
                throw new ArgumentException(
                    $"Dataset '{d.Id}' holds {d.Configurations} configurations × {d.Rows} rows; the matrix has {configurations.Count} configurations.", nameof(datasets));
            }
        }
        Configurations = [.. configurations];
        Datasets = [.. datasets];
        Summary = summary ?? new OutlierScoreLoadSummary();
    }

    /// <summary>The configuration ids, in column order.</summary>
    public IReadOnlyList<string> Configurations { get; }

    /// <summary>The datasets, in id order.</summary>
    public IReadOnlyList<OutlierScoreDataset> Datasets { get; }

    /// <summary>What loading kept and dropped.</summary>
    public OutlierScoreLoadSummary Summary { get; }

    /// <summary>The rows of the datasets at <paramref name="datasets"/> (indices into <see cref="Datasets"/>), pooled in ascending index order.</summary>
    public PooledScores Pool(IEnumerable<int> datasets)
    {
        ArgumentNullException.ThrowIfNull(datasets);
        int[] chosen = [.. datasets.Distinct().Order()];
        if (chosen.Length == 0)
        {
            throw new ArgumentException("Pooling needs at least one dataset.", nameof(datasets));
        }
        int rows = 0;
        foreach (int d in chosen)
        {
            rows += Datasets[d].Rows;
        }
        int c = Configurations.Count;
        var design = new DataMatrix(rows, c);
        var labels = new int[rows];
        var groups = new int[rows];
        var values = design.AsSpan();
        int offset = 0;
        foreach (int d in chosen)
        {
            var dataset = Datasets[d];
            dataset.Ranks.CopyTo(values.Slice(offset * c, dataset.Rows * c));
            dataset.LabelArray.CopyTo(labels, offset);
            groups.AsSpan(offset, dataset.Rows).Fill(d);
            offset += dataset.Rows;
        }
        return new PooledScores(design, labels, groups, chosen);
    }
}
