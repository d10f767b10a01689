using TabularOd.Sampling;

namespace TabularOd.Stacking;

/// <summary>
/// K-fold splits that keep every group whole: all rows of a group land in the same test fold. Cross-validation over
/// rows that come in groups (the rows of one dataset in outlier-score stacking) must hold out whole groups, or the
/// held-out error rewards a meta-model for what it learnt about the very group it is tested on.
/// </summary>
/// <remarks>
/// The distinct group ids are sorted, put in a seeded random order (<see cref="SeededRandom"/>, Fisher–Yates) and
/// dealt to the folds in turn, so fold k gets groups k, k + K, k + 2K, … of that order. Dealing balances the number
/// of groups per fold (within one) rather than the number of rows: the criteria this split serves average over
/// groups, so each fold should hold as many of them as the others whatever their sizes. The split depends only on
/// the set of group ids and the seed, never on the row order or the thread count.
/// </remarks>
public static class GroupedKFold
{
    /// <summary>Splits rows whose group ids are <paramref name="groupOfRow"/> into <paramref name="folds"/> folds.</summary>
    public static FoldAssignment Split(ReadOnlySpan<int> groupOfRow, int folds, long seed)
    {
        StackingArguments.AtLeast(folds, 2, nameof(folds), nameof(GroupedKFold));
        int[] groups = [.. new SortedSet<int>(groupOfRow.ToArray())];
        if (groups.Length < folds)
        {
            throw new ArgumentException($"Grouped K-fold with {folds} folds needs at least {folds} groups. Got {groups.Length}.", nameof(groupOfRow));
        }
        new SeededRandom(seed).Shuffle<int>(groups);
        var foldOfGroup = new Dictionary<int, int>(groups.Length);
        for (int k = 0; k < groups.Length; k++)
        {
            foldOfGroup[groups[k]] = k % folds;
        }
        var foldOfRow = new int[groupOfRow.Length];
        for (int i = 0; i < foldOfRow.Length; i++)
        {
            foldOfRow[i] = foldOfGroup[groupOfRow[i]];
        }
        return new FoldAssignment(foldOfRow, folds);
    }

    /// <summary>
    /// Whether <paramref name="folds"/> keeps every group of <paramref name="groupOfRow"/> in one test fold; the
    /// check a caller that brings its own folds needs before trusting a grouped criterion.
    /// </summary>
    public static bool KeepsGroupsWhole(FoldAssignment folds, ReadOnlySpan<int> groupOfRow)
    {
        ArgumentNullException.ThrowIfNull(folds);
        if (folds.Rows != groupOfRow.Length)
        {
            return false;
        }
        var foldOfGroup = new Dictionary<int, int>();
        for (int i = 0; i < groupOfRow.Length; i++)
        {
            int fold = folds.FoldOfRow[i];
            if (foldOfGroup.TryGetValue(groupOfRow[i], out int seen))
            {
                if (seen != fold)
                {
                    return false;
                }
            }
            else
            {
                foldOfGroup[groupOfRow[i]] = fold;
            }
        }
        return true;
    }
}
