using TabularOd.Data;

namespace TabularOd.Detectors.Combination;

/// <summary>
/// Combines the (already normalised) scores of several detectors, an n_rows × n_detectors matrix with one column
/// per detector, into one score per row, as PyOD's <c>pyod.models.combination</c> does.
/// </summary>
/// <remarks>
/// Average of maximum and maximum of average: Aggarwal and Sathe, "Theoretical foundations and algorithms for
/// outlier ensembles", SIGKDD Explorations 2015. The buckets here are PyOD's static ones: contiguous column blocks
/// of equal width (random buckets would make the combination depend on a seed).
/// </remarks>
public static class ScoreCombiners
{
    /// <summary>PyOD's default bucket count for <see cref="AverageOfMaximum"/> and <see cref="MaximumOfAverage"/>.</summary>
    public const int DefaultBuckets = 5;

    /// <summary>Mean score of each row over the detectors (PyOD <c>average</c>).</summary>
    public static double[] Average(DataMatrix scores) => ReduceAll(scores, Mean);

    /// <summary>Largest score of each row over the detectors (PyOD <c>maximization</c>).</summary>
    public static double[] Maximum(DataMatrix scores) => ReduceAll(scores, Max);

    /// <summary>
    /// Average of maximum (PyOD <c>aom(scores, n_buckets, method='static')</c>): the detectors are split into
    /// <paramref name="buckets"/> contiguous groups of equal size; each row's score is the mean over groups of the
    /// group's largest score.
    /// </summary>
    public static double[] AverageOfMaximum(DataMatrix scores, int buckets = DefaultBuckets) =>
        Buckets(scores, buckets, nameof(AverageOfMaximum), Max, Mean);

    /// <summary>
    /// Maximum of average (PyOD <c>moa(scores, n_buckets, method='static')</c>): the detectors are split into
    /// <paramref name="buckets"/> contiguous groups of equal size; each row's score is the largest group mean.
    /// </summary>
    public static double[] MaximumOfAverage(DataMatrix scores, int buckets = DefaultBuckets) =>
        Buckets(scores, buckets, nameof(MaximumOfAverage), Mean, Max);

    private static double[] Buckets(DataMatrix scores, int buckets, string combiner,
        Func<ReadOnlySpan<double>, double> inner, Func<ReadOnlySpan<double>, double> outer)
    {
        ArgumentNullException.ThrowIfNull(scores);
        // PyOD's checks: 2 ≤ n_buckets ≤ n_estimators, and static buckets must divide the detectors evenly.
        if (buckets < 2 || buckets > scores.Columns)
        {
            throw OptionCheck.Invalid("Buckets", combiner, $"in [2, {scores.Columns}] (the detector count)", buckets);
        }
        if (scores.Columns % buckets != 0)
        {
            throw OptionCheck.Invalid("Buckets", combiner, $"a divisor of the detector count {scores.Columns}", buckets);
        }
        int width = scores.Columns / buckets;
        var bucketMatrix = new DataMatrix(scores.Rows, buckets);
        for (int b = 0; b < buckets; b++)
        {
            var bucketScores = Reduce(scores, b * width, width, inner);
            for (int i = 0; i < scores.Rows; i++)
            {
                bucketMatrix[i, b] = bucketScores[i];
            }
        }
        return Reduce(bucketMatrix, 0, buckets, outer);
    }

    private static double[] ReduceAll(DataMatrix scores, Func<ReadOnlySpan<double>, double> reduce)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (scores.Columns == 0)
        {
            throw new ArgumentException("Combining scores needs at least one detector column.", nameof(scores));
        }
        return Reduce(scores, 0, scores.Columns, reduce);
    }

    private static double[] Reduce(DataMatrix scores, int first, int count, Func<ReadOnlySpan<double>, double> reduce)
    {
        var result = new double[scores.Rows];
        for (int i = 0; i < scores.Rows; i++)
        {
            result[i] = reduce(scores.Row(i).Slice(first, count));
        }
        return result;
    }

    private static double Mean(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (double v in values)
        {
            sum += v;
        }
        return sum / values.Length;
    }

    private static double Max(ReadOnlySpan<double> values)
    {
        double max = values[0];
        foreach (double v in values[1..])
        {
            max = Math.Max(max, v);
        }
        return max;
    }
}
