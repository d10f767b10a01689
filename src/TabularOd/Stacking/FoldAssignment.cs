namespace TabularOd.Stacking;

/// <summary>
/// A partition of n rows into K folds: each row is in exactly one test fold, and the training rows of fold k are
/// all the others. Index lists are ascending so that a fit on a fold sums its rows in a fixed order.
/// </summary>
public sealed class FoldAssignment
{
    private readonly int[] _foldOfRow;
    private readonly int[][] _test;
    private readonly int[][] _train;

    /// <summary>
    /// A partition from each row's fold number (0 ≤ fold &lt; <paramref name="folds"/>); every fold must hold at
    /// least one row, and, with K ≥ 2, leave at least one row to train on.
    /// </summary>
    public FoldAssignment(ReadOnlySpan<int> foldOfRow, int folds)
    {
        StackingArguments.AtLeast(folds, 1, nameof(folds), nameof(FoldAssignment));
        _foldOfRow = foldOfRow.ToArray();
        var test = new List<int>[folds];
        for (int f = 0; f < folds; f++)
        {
            test[f] = [];
        }
        for (int i = 0; i < _foldOfRow.Length; i++)
        {
            int f = _foldOfRow[i];
            if ((uint)f >= (uint)folds)
            {
                throw new ArgumentException($"Row {i} is in fold {f}; folds are numbered 0 to {folds - 1}.", nameof(foldOfRow));
            }
            test[f].Add(i);
        }
        _test = new int[folds][];
        _train = new int[folds][];
        for (int f = 0; f < folds; f++)
        {
            if (test[f].Count == 0)
            {
                throw new ArgumentException($"Fold {f} holds no rows.", nameof(foldOfRow));
            }
            _test[f] = [.. test[f]];
            var train = new int[_foldOfRow.Length - _test[f].Length];
            int t = 0;
            for (int i = 0; i < _foldOfRow.Length; i++)
            {
                if (_foldOfRow[i] != f)
                {
                    train[t++] = i;
                }
            }
            _train[f] = train;
        }
    }

    /// <summary>The number of rows partitioned.</summary>
    public int Rows => _foldOfRow.Length;

    /// <summary>The number of folds K.</summary>
    public int Count => _test.Length;

    /// <summary>The fold each row is tested in.</summary>
    public IReadOnlyList<int> FoldOfRow => _foldOfRow;

    /// <summary>The rows held out in fold <paramref name="fold"/>, ascending.</summary>
    public ReadOnlySpan<int> Test(int fold) => _test[fold];

    /// <summary>The rows fitted on in fold <paramref name="fold"/>, ascending.</summary>
    public ReadOnlySpan<int> Train(int fold) => _train[fold];
}
