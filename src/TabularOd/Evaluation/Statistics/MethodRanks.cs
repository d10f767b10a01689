using System.Buffers;

namespace TabularOd.Evaluation.Statistics;

/// <summary>
/// Ranks of methods within a dataset, rank 1 = best (highest score), tied scores sharing the average of the
/// ranks they span: <c>scipy.stats.rankdata(-scores)</c>. Over a table, the average rank per method is taken
/// over the complete datasets only (see <see cref="ScoreTable"/>).
/// </summary>
public static class MethodRanks
{
    /// <summary>Ranks one dataset's scores: the highest gets 1, ties get the mean of their positions.</summary>
    /// <param name="scores">Finite scores, higher = better.</param>
    /// <param name="ranks">Receives one rank per score; same length as <paramref name="scores"/>.</param>
    public static void RankDescending(ReadOnlySpan<double> scores, Span<double> ranks)
    {
        const string Method = "MethodRanks.RankDescending";
        if (ranks.Length != scores.Length)
        {
            StatisticsArguments.Throw(nameof(ranks), Method, $"must have one slot per score ({scores.Length}). Got {ranks.Length}.");
        }
        StatisticsArguments.CheckFinite(scores, nameof(scores), Method);
        AverageRanks(scores, ranks, descending: true);
    }

    /// <summary>
    /// Average rank of each method over the table's complete datasets, in the table's method order. The
    /// ranks of one dataset sum to k(k + 1)/2, so the averages do too.
    /// </summary>
    public static double[] Average(ScoreTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        int k = table.MethodCount;
        var totals = new double[k];
        var column = new double[k];
        var ranks = new double[k];
        foreach (int d in table.CompleteDatasetSpan)
        {
            for (int m = 0; m < k; m++)
            {
                column[m] = table[m, d];
            }
            AverageRanks(column, ranks, descending: true);
            for (int m = 0; m < k; m++)
            {
                // Ranks are multiples of ½, so these sums are exact and equal NumPy's.
                totals[m] += ranks[m];
            }
        }
        int n = table.CompleteDatasets.Count;
        for (int m = 0; m < k; m++)
        {
            totals[m] /= n;
        }
        return totals;
    }

    /// <summary>
    /// Average ranks (1-based) in ascending or descending order of <paramref name="values"/>, which must not
    /// hold NaN. Returns Σ (t³ − t) over the groups of t tied values, the term both the Friedman and the
    /// Wilcoxon tie corrections need, so callers rank and count ties in one sort.
    /// </summary>
    internal static long AverageRanks(ReadOnlySpan<double> values, Span<double> ranks, bool descending)
    {
        int n = values.Length;
        double[] keys = ArrayPool<double>.Shared.Rent(n);
        int[] order = ArrayPool<int>.Shared.Rent(n);
        try
        {
            for (int i = 0; i < n; i++)
            {
                keys[i] = descending ? -values[i] : values[i];
                order[i] = i;
            }
            keys.AsSpan(0, n).Sort(order.AsSpan(0, n));

            long tieTerm = 0;
            int start = 0;
            while (start < n)
            {
                int end = start + 1;
                // '==' groups -0.0 with 0.0, as NumPy's comparison of sorted neighbours does.
                while (end < n && keys[end] == keys[start])
                {
                    end++;
                }
                // Positions start..end-1 (0-based) share the mean of ranks start+1..end.
                double rank = (start + 1 + end) / 2.0;
                for (int p = start; p < end; p++)
                {
                    ranks[order[p]] = rank;
                }
                long t = end - start;
                tieTerm += (t * t * t) - t;
                start = end;
            }
            return tieTerm;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(keys);
            ArrayPool<int>.Shared.Return(order);
        }
    }
}
