using TabularOd.Sampling;

namespace TabularOd.Stacking;

/// <summary>
/// K-fold splits with scikit-learn's <c>KFold</c> fold sizes: n mod K folds of ⌊n/K⌋ + 1 rows, then folds of
/// ⌊n/K⌋, each a contiguous block of an order that is either the rows as given or a seeded random permutation.
/// </summary>
/// <remarks>
/// The permutation comes from the project's <see cref="SeededRandom"/> (Fisher–Yates), not NumPy's generator, so it
/// is not scikit-learn's permutation; it is the same on every platform and thread count, which is what the
/// reproducibility of an out-of-fold matrix needs. Unshuffled splits are scikit-learn's exactly.
/// </remarks>
public static class KFold
{
    /// <summary>Splits <paramref name="rows"/> rows into <paramref name="folds"/> folds.</summary>
    public static FoldAssignment Split(int rows, int folds, bool shuffle, long seed)
    {
        StackingArguments.AtLeast(folds, 2, nameof(folds), nameof(KFold));
        if (rows < folds)
        {
            throw new ArgumentException($"K-fold with {folds} folds needs at least {folds} rows. Got {rows}.", nameof(rows));
        }
        var order = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            order[i] = i;
        }
        if (shuffle)
        {
            new SeededRandom(seed).Shuffle<int>(order);
        }
        var foldOfRow = new int[rows];
        int start = 0;
        for (int f = 0; f < folds; f++)
        {
            int size = (rows / folds) + (f < rows % folds ? 1 : 0);
            for (int i = start; i < start + size; i++)
            {
                foldOfRow[order[i]] = f;
            }
            start += size;
        }
        return new FoldAssignment(foldOfRow, folds);
    }

    /// <summary>Unshuffled splits, exactly scikit-learn's <c>KFold(n_splits)</c>.</summary>
    public static FoldAssignment Contiguous(int rows, int folds) => Split(rows, folds, shuffle: false, seed: 0);
}
