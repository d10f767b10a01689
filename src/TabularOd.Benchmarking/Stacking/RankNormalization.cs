namespace TabularOd.Benchmarking.Stacking;

/// <summary>
/// Turns one detector's scores on one dataset into ranks scaled to (0, 1]: the way scores of detectors on different
/// scales (a distance, a log-density, a path length) become comparable columns of one stacking design.
/// </summary>
/// <remarks>
/// The row with the highest score gets 1 and the lowest 1/n; tied scores share the average of the ranks they span
/// (SciPy's <c>rankdata(method="average")</c> / n), so a detector that cannot tell two rows apart does not order them.
/// Ranks change no AUROC, and they bound every column to the same range, which a scale-free meta-model needs.
/// </remarks>
public static class RankNormalization
{
    /// <summary>Average ranks / n of <paramref name="scores"/> (finite, at least one).</summary>
    public static double[] Normalize(ReadOnlySpan<double> scores)
    {
        var result = new double[scores.Length];
        NormalizeInto(scores, result);
        return result;
    }

    /// <summary>Writes the average ranks / n of <paramref name="scores"/> into <paramref name="destination"/>.</summary>
    public static void NormalizeInto(ReadOnlySpan<double> scores, Span<double> destination)
    {
        int n = scores.Length;
        if (n == 0)
        {
            throw new ArgumentException("Rank normalisation needs at least one score.", nameof(scores));
        }
        if (destination.Length != n)
        {
            throw new ArgumentException($"The destination needs {n} values. Got {destination.Length}.", nameof(destination));
        }
        var keys = scores.ToArray();
        foreach (double s in keys)
        {
            if (!double.IsFinite(s))
            {
                throw new ArgumentException($"Rank normalisation needs finite scores. Got {s}.", nameof(scores));
            }
        }
        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }
        keys.AsSpan().Sort(order.AsSpan());
        int start = 0;
        while (start < n)
        {
            int end = start + 1;
            while (end < n && keys[end] == keys[start])
            {
                end++;
            }
            // Positions start … end − 1 hold ranks start + 1 … end; their average is (start + 1 + end) / 2.
            double rank = (start + 1 + end) / 2.0 / n;
            for (int k = start; k < end; k++)
            {
                destination[order[k]] = rank;
            }
            start = end;
        }
    }
}
