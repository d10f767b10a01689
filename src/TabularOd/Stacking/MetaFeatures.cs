using TabularOd.Compute;
using TabularOd.Data;

namespace TabularOd.Stacking;

/// <summary>
/// Per-row summaries of the base models' predictions (SPEC §8 step 2): mean μ, standard deviation σ (ddof 0),
/// median, range r = max − min, and the interactions μ·σ and r·σ. They let a linear meta-model weigh the consensus
/// and the disagreement of the library, which no single column carries.
/// </summary>
public static class MetaFeatures
{
    /// <summary>The number of meta-features appended to a design.</summary>
    public const int Count = 6;

    /// <summary>The meta-feature names, in column order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["mean", "std", "median", "range", "mean_x_std", "range_x_std"];

    /// <summary>The <see cref="Count"/> meta-features of every row of <paramref name="predictions"/> (rows × models).</summary>
    public static DataMatrix Compute(DataMatrix predictions)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        if (predictions.Columns < 1)
        {
            throw new ArgumentException("Meta-features need at least one model column.", nameof(predictions));
        }
        var result = new DataMatrix(predictions.Rows, Count);
        var buffer = new double[predictions.Columns];
        for (int i = 0; i < predictions.Rows; i++)
        {
            Row(predictions.Row(i), buffer, result.Row(i));
        }
        return result;
    }

    /// <summary>
    /// The meta-design: the columns of <paramref name="predictions"/> followed by their <see cref="Count"/>
    /// meta-features.
    /// </summary>
    public static DataMatrix Append(DataMatrix predictions) => Append(predictions, ComputeParallelism.DefaultDegree);

    /// <summary><see cref="Append(DataMatrix)"/> on at most <paramref name="maxDegreeOfParallelism"/> threads.</summary>
    internal static DataMatrix Append(DataMatrix predictions, int maxDegreeOfParallelism)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        if (predictions.Columns < 1)
        {
            throw new ArgumentException("Meta-features need at least one model column.", nameof(predictions));
        }
        int m = predictions.Columns, n = predictions.Rows;
        var result = new DataMatrix(n, m + Count);
        // Rows are independent: blocks of them run in parallel, each with its own scratch, and write only their rows.
        int blocks = (n + RowBlock - 1) / RowBlock;
        ComputeParallelism.For(blocks, maxDegreeOfParallelism, b =>
        {
            var buffer = new double[m];
            for (int i = b * RowBlock; i < Math.Min(n, (b + 1) * RowBlock); i++)
            {
                var source = predictions.Row(i);
                var target = result.Row(i);
                source.CopyTo(target);
                Row(source, buffer, target[m..]);
            }
        });
        return result;
    }

    private const int RowBlock = 2048;

    /// <summary>Writes the meta-features of one row of predictions into <paramref name="features"/>.</summary>
    public static void Row(ReadOnlySpan<double> predictions, Span<double> scratch, Span<double> features)
    {
        int m = predictions.Length;
        double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double v in predictions)
        {
            sum += v;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        double mean = sum / m;
        double squares = 0;
        foreach (double v in predictions)
        {
            double d = v - mean;
            squares += d * d;
        }
        double std = Math.Sqrt(squares / m);
        var sorted = scratch[..m];
        predictions.CopyTo(sorted);
        sorted.Sort();
        double median = m % 2 == 1 ? sorted[m / 2] : (sorted[(m / 2) - 1] + sorted[m / 2]) / 2;
        double range = max - min;
        features[0] = mean;
        features[1] = std;
        features[2] = median;
        features[3] = range;
        features[4] = mean * std;
        features[5] = range * std;
    }
}
