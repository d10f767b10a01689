using TabularOd.Data;

namespace TabularOd.Benchmarking.Stacking;

/// <summary>
/// The rows of some datasets of an <see cref="OutlierScoreMatrix"/> stacked into one design: what a meta-model is
/// fitted on or evaluated on. Rows keep their dataset's order and each dataset's rows sit together.
/// </summary>
public sealed class PooledScores
{
    internal PooledScores(DataMatrix design, int[] labels, int[] groupOfRow, IReadOnlyList<int> datasets)
    {
        Design = design;
        Labels = labels;
        GroupOfRow = groupOfRow;
        Datasets = datasets;
        Target = Array.ConvertAll(labels, l => (double)l);
    }

    /// <summary>Rows × configurations, the rank-normalised scores.</summary>
    public DataMatrix Design { get; }

    /// <summary>The 0/1 label of every row.</summary>
    public int[] Labels { get; }

    /// <summary>The label as a regression target.</summary>
    public double[] Target { get; }

    /// <summary>The index (in <see cref="OutlierScoreMatrix.Datasets"/>) of every row's dataset.</summary>
    public int[] GroupOfRow { get; }

    /// <summary>The datasets pooled, ascending indices.</summary>
    public IReadOnlyList<int> Datasets { get; }

    /// <summary>Row weights under <paramref name="weighting"/> (see <see cref="RowWeighting"/>).</summary>
    public double[] Weights(RowWeighting weighting)
    {
        var weights = new double[Labels.Length];
        if (weighting == RowWeighting.None)
        {
            weights.AsSpan().Fill(1.0);
            return weights;
        }
        var rows = new Dictionary<int, int>();
        var outliers = new Dictionary<int, int>();
        for (int i = 0; i < Labels.Length; i++)
        {
            rows[GroupOfRow[i]] = rows.GetValueOrDefault(GroupOfRow[i]) + 1;
            outliers[GroupOfRow[i]] = outliers.GetValueOrDefault(GroupOfRow[i]) + Labels[i];
        }
        for (int i = 0; i < Labels.Length; i++)
        {
            int n = rows[GroupOfRow[i]], positives = outliers[GroupOfRow[i]];
            weights[i] = weighting switch
            {
                RowWeighting.Dataset => 1.0 / n,
                // A dataset with one class (never loaded, but possible in a hand-made matrix) falls back to 1/n.
                RowWeighting.Balanced when positives == 0 || positives == n => 1.0 / n,
                RowWeighting.Balanced => Labels[i] == 1 ? 0.5 / positives : 0.5 / (n - positives),
                _ => throw new ArgumentOutOfRangeException(nameof(weighting), weighting, "Unknown row weighting."),
            };
        }
        return weights;
    }
}
