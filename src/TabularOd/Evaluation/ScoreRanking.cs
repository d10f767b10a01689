using System.Buffers;

namespace TabularOd.Evaluation;

/// <summary>
/// Scores sorted once, descending, with ties collapsed into groups: for each distinct score, how many rows
/// and how many outliers score at or above it. This is scikit-learn's <c>_binary_clf_curve</c> (the cumulative
/// tps/fps at each distinct threshold), and every ranking metric here is a single pass over it, so computing
/// several metrics together costs one sort.
/// </summary>
/// <remarks>Rents its buffers from <see cref="ArrayPool{T}.Shared"/>; dispose it to return them.</remarks>
internal ref struct ScoreRanking
{
    private double[]? _values;
    private int[]? _outliersAtOrAbove;
    private int[]? _rowsAtOrAbove;

    /// <summary>Number of distinct scores.</summary>
    public int GroupCount { get; private set; }

    /// <summary>Number of rows ranked.</summary>
    public int Count { get; private set; }

    /// <summary>Number of rows labelled 1.</summary>
    public int OutlierCount { get; private set; }

    /// <summary>Number of rows labelled 0.</summary>
    public readonly int InlierCount => Count - OutlierCount;

    /// <summary>Distinct scores, descending.</summary>
    public readonly ReadOnlySpan<double> Values => _values.AsSpan(0, GroupCount);

    /// <summary>Outliers scoring at or above <see cref="Values"/>[g] (scikit-learn's tps).</summary>
    public readonly ReadOnlySpan<int> OutliersAtOrAbove => _outliersAtOrAbove.AsSpan(0, GroupCount);

    /// <summary>Rows scoring at or above <see cref="Values"/>[g] (tps + fps).</summary>
    public readonly ReadOnlySpan<int> RowsAtOrAbove => _rowsAtOrAbove.AsSpan(0, GroupCount);

    /// <summary>Ranks already validated labels (0/1) and scores (no NaN) of equal, non-zero length.</summary>
    public static ScoreRanking Create(ReadOnlySpan<int> labels, ReadOnlySpan<double> scores)
    {
        int n = scores.Length;
        double[] keys = ArrayPool<double>.Shared.Rent(n);
        int[] flags = ArrayPool<int>.Shared.Rent(n);
        int[] rows = ArrayPool<int>.Shared.Rent(n);

        // Negated keys sort ascending into descending scores, so groups complete front to back and can be
        // written over the sorted buffers in place (the write index never passes the read index).
        for (int i = 0; i < n; i++)
        {
            keys[i] = -scores[i];
            flags[i] = labels[i];
        }
        keys.AsSpan(0, n).Sort(flags.AsSpan(0, n));

        int groups = 0, outliers = 0;
        for (int i = 0; i < n; i++)
        {
            outliers += flags[i];
            // '!=' also treats -0.0 and 0.0 as one score, as NumPy's diff-based grouping does.
            if (i == n - 1 || keys[i + 1] != keys[i])
            {
                keys[groups] = -keys[i];
                flags[groups] = outliers;
                rows[groups] = i + 1;
                groups++;
            }
        }

        return new ScoreRanking
        {
            _values = keys,
            _outliersAtOrAbove = flags,
            _rowsAtOrAbove = rows,
            GroupCount = groups,
            Count = n,
            OutlierCount = outliers,
        };
    }

    /// <summary>
    /// Mann–Whitney AUROC: (U / (n₊·n₋)) with ties counted one half, which is what the midrank formula
    /// computes. Counted in integers (2U) so the only rounding is the final division; null for one class.
    /// </summary>
    public readonly double? Auroc()
    {
        if (OutlierCount == 0 || InlierCount == 0)
        {
            return null;
        }
        var tps = OutliersAtOrAbove;
        var rows = RowsAtOrAbove;
        long twiceU = 0;
        int previousOutliers = 0, previousRows = 0;
        for (int g = 0; g < tps.Length; g++)
        {
            int outliers = tps[g] - previousOutliers;
            int inliers = rows[g] - previousRows - outliers;
            long inliersBelow = InlierCount - (rows[g] - tps[g]);
            twiceU += outliers * ((2 * inliersBelow) + inliers);
            previousOutliers = tps[g];
            previousRows = rows[g];
        }
        return twiceU / (2.0 * OutlierCount * InlierCount);
    }

    /// <summary>
    /// Average precision Σ (R_g − R_{g−1})·P_g over distinct thresholds, each term formed exactly as
    /// scikit-learn forms it (recall and precision divided first, then differenced), compensated-summed.
    /// Null for one class.
    /// </summary>
    public readonly double? AveragePrecision()
    {
        if (OutlierCount == 0 || InlierCount == 0)
        {
            return null;
        }
        var tps = OutliersAtOrAbove;
        var rows = RowsAtOrAbove;
        double positives = OutlierCount;
        double previousRecall = 0;
        var sum = new CompensatedSum();
        for (int g = 0; g < tps.Length; g++)
        {
            double recall = tps[g] / positives;
            double precision = tps[g] / (double)rows[g];
            sum.Add((recall - previousRecall) * precision);
            previousRecall = recall;
        }
        return sum.Value;
    }

    /// <summary>
    /// Largest 2PR/(P+R) over the precision–recall curve's points; 0 without outliers, where every point
    /// has P = 0 (scikit-learn then sets R = 1, giving F1 = 0 everywhere).
    /// </summary>
    public readonly double BestF1()
    {
        if (OutlierCount == 0)
        {
            return 0;
        }
        var tps = OutliersAtOrAbove;
        var rows = RowsAtOrAbove;
        double positives = OutlierCount;
        double best = 0;
        for (int g = 0; g < tps.Length; g++)
        {
            double precision = tps[g] / (double)rows[g];
            double recall = tps[g] / positives;
            double denominator = precision + recall;
            if (denominator > 0)
            {
                best = Math.Max(best, 2 * precision * recall / denominator);
            }
        }
        return best;
    }

    /// <summary>
    /// PyOD's precision@n: the threshold is NumPy's linear percentile at 100·(1 − n/len), and the rows
    /// strictly above it are predicted outliers. Null without outliers.
    /// </summary>
    public readonly double? PrecisionAtN(int n)
    {
        if (OutlierCount == 0)
        {
            return null;
        }
        double fraction = (double)n / Count;
        double percent = 100 * (1 - fraction);
        var (lower, upper, gamma) = NumpyPercentile.Locate(Count, percent);
        double threshold = NumpyPercentile.Lerp(ValueAtAscending(lower), ValueAtAscending(upper), gamma);
        var (predicted, truePositives) = CountAbove(threshold);
        return predicted == 0 ? 0 : truePositives / (double)predicted;
    }

    /// <summary>F1 of "outlier when score &gt; threshold", as scikit-learn's f1_score with zero_division = 0.</summary>
    public readonly double F1Above(double threshold)
    {
        var (predicted, truePositives) = CountAbove(threshold);
        return F1Score.FromCounts(truePositives, predicted, OutlierCount);
    }

    /// <summary>Rows, and outliers among them, scoring strictly above the threshold.</summary>
    public readonly (int Rows, int Outliers) CountAbove(double threshold)
    {
        var values = Values;
        int g = 0;
        while (g < values.Length && values[g] > threshold)
        {
            g++;
        }
        return g == 0 ? (0, 0) : (RowsAtOrAbove[g - 1], OutliersAtOrAbove[g - 1]);
    }

    /// <summary>The score at a position of the ascending sort (position 0 = smallest).</summary>
    public readonly double ValueAtAscending(int position)
    {
        // Descending position d lies in the first group whose cumulative row count exceeds d.
        int descending = Count - 1 - position;
        var rows = RowsAtOrAbove;
        int lo = 0, hi = rows.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (rows[mid] > descending)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }
        return _values![lo];
    }

    /// <summary>Returns the rented buffers.</summary>
    public void Dispose()
    {
        if (_values is not null)
        {
            ArrayPool<double>.Shared.Return(_values);
            ArrayPool<int>.Shared.Return(_outliersAtOrAbove!);
            ArrayPool<int>.Shared.Return(_rowsAtOrAbove!);
            _values = null;
            _outliersAtOrAbove = null;
            _rowsAtOrAbove = null;
            GroupCount = 0;
        }
    }
}
