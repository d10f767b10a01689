namespace TabularOd.Benchmarking.Reports.Svg;

/// <summary>
/// The groups a critical-difference diagram joins with a bar: maximal runs of methods, in rank order, whose
/// average ranks all lie within less than the critical difference of each other.
/// </summary>
/// <remarks>
/// As in Demšar (2006) and Orange's <c>graph_ranks</c>: for each method, take the furthest later method whose rank
/// is within the critical difference; keep that run if it has two or more methods and no other run contains it.
/// Because the ranks are sorted, "all pairs within CD" equals "ends within CD", so these runs are exactly the
/// maximal cliques of the not-significantly-different relation. The test is strict (difference &lt; CD), following
/// Demšar's rule that two methods differ significantly when their ranks differ by at least the CD; Orange uses
/// ≤ instead, which only matters for exact ties with the CD.
/// </remarks>
public static class CriticalDifferenceGroups
{
    /// <summary>
    /// Groups of <paramref name="sortedRanks"/> (ascending) as inclusive index ranges, ordered by first index.
    /// A non-finite or non-positive <paramref name="criticalDifference"/> gives no groups: nothing is known to be
    /// equivalent. The ranks must be finite and sorted; unsorted input is an error rather than a wrong picture.
    /// </summary>
    public static IReadOnlyList<(int First, int Last)> Find(IReadOnlyList<double> sortedRanks, double criticalDifference)
    {
        ArgumentNullException.ThrowIfNull(sortedRanks);
        for (int i = 0; i < sortedRanks.Count; i++)
        {
            if (!double.IsFinite(sortedRanks[i]))
            {
                throw new ArgumentException($"Rank {i} is {sortedRanks[i]}; ranks must be finite.", nameof(sortedRanks));
            }
            if (i > 0 && sortedRanks[i] < sortedRanks[i - 1])
            {
                throw new ArgumentException("Ranks must be sorted in ascending order.", nameof(sortedRanks));
            }
        }
        var groups = new List<(int First, int Last)>();
        if (!(criticalDifference > 0) || !double.IsFinite(criticalDifference))
        {
            return groups;
        }
        int furthestSoFar = -1;
        int last = 0;
        for (int first = 0; first < sortedRanks.Count; first++)
        {
            // The furthest reachable index never moves left as `first` moves right, so one sweep suffices.
            last = Math.Max(last, first);
            while (last + 1 < sortedRanks.Count && sortedRanks[last + 1] - sortedRanks[first] < criticalDifference)
            {
                last++;
            }
            // A run ending where an earlier (longer-reaching) run ended lies inside that run.
            if (last > first && last > furthestSoFar)
            {
                groups.Add((first, last));
            }
            furthestSoFar = Math.Max(furthestSoFar, last);
        }
        return groups;
    }
}
