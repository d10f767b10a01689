using TabularOd.Data;
using TabularOd.Sampling;

namespace TabularOd.Benchmarking.Synthetic;

/// <summary>
/// The archetypes every prior shares (global, dependency, clustered), made from the inlier sample alone, so they
/// need nothing from the prior but more of its inliers.
/// </summary>
internal static class ClassicOutliers
{
    /// <summary>How far the bounding box of global outliers reaches past the inliers, as a fraction of each feature's range.</summary>
    public const double BoxMargin = 0.1;

    /// <summary>Uniform in the inliers' bounding box widened by <see cref="BoxMargin"/> of the range on each side.</summary>
    public static DataMatrix Global(DataMatrix inliers, int count, SeededRandom random)
    {
        int d = inliers.Columns;
        var low = new double[d];
        var high = new double[d];
        for (int j = 0; j < d; j++)
        {
            var column = inliers.Column(j).ToArray();
            double min = column.Min(), max = column.Max(), margin = BoxMargin * (max - min);
            low[j] = min - margin;
            high[j] = max + margin;
        }
        var rows = new DataMatrix(count, d);
        for (int i = 0; i < count; i++)
        {
            var row = rows.Row(i);
            for (int j = 0; j < d; j++)
            {
                row[j] = random.Uniform(low[j], high[j]);
            }
        }
        return rows;
    }

    /// <summary>
    /// Each feature of each row taken from a different, independently chosen row of <paramref name="pool"/> (fresh
    /// inliers): every marginal is the inliers', the dependence between features is gone.
    /// </summary>
    public static DataMatrix Dependency(DataMatrix pool, int count, SeededRandom random)
    {
        int d = pool.Columns;
        var rows = new DataMatrix(count, d);
        for (int i = 0; i < count; i++)
        {
            var row = rows.Row(i);
            for (int j = 0; j < d; j++)
            {
                row[j] = pool[random.NextInt(pool.Rows), j];
            }
        }
        return rows;
    }

    /// <summary>
    /// A tight Gaussian cluster beyond the inlier mass. In standardized units the centre lies along a random
    /// direction, past the farthest inlier's projection by 1–2 × √d (the typical distance between points grows like
    /// √d, so a fixed gap would vanish among many features); its spread is 5–20% of each feature's deviation.
    /// </summary>
    public static DataMatrix Clustered(DataMatrix inliers, int count, SeededRandom random)
    {
        int d = inliers.Columns;
        var mean = new double[d];
        var deviation = new double[d];
        for (int j = 0; j < d; j++)
        {
            var column = inliers.Column(j).ToArray();
            mean[j] = column.Average();
            double variance = column.Sum(v => (v - mean[j]) * (v - mean[j])) / column.Length;
            // A constant column has no scale of its own; unit scale still moves the cluster off it.
            deviation[j] = variance > 0 ? Math.Sqrt(variance) : 1.0;
        }
        var direction = new double[d];
        double norm;
        do
        {
            random.FillGaussian(direction);
            norm = Math.Sqrt(direction.Sum(v => v * v));
        }
        while (norm == 0);
        for (int j = 0; j < d; j++)
        {
            direction[j] /= norm;
        }
        double farthest = double.NegativeInfinity;
        for (int i = 0; i < inliers.Rows; i++)
        {
            var row = inliers.Row(i);
            double projection = 0;
            for (int j = 0; j < d; j++)
            {
                projection += (row[j] - mean[j]) / deviation[j] * direction[j];
            }
            farthest = Math.Max(farthest, projection);
        }
        double reach = farthest + (random.Uniform(1, 2) * Math.Sqrt(d));
        double spread = random.Uniform(0.05, 0.2);
        var rows = new DataMatrix(count, d);
        for (int i = 0; i < count; i++)
        {
            var row = rows.Row(i);
            for (int j = 0; j < d; j++)
            {
                row[j] = mean[j] + (deviation[j] * ((reach * direction[j]) + (spread * random.NextGaussian())));
            }
        }
        return rows;
    }
}
