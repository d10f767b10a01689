using System.Buffers;
using TabularOd.Evaluation;

namespace TabularOd.Stacking;

/// <summary>
/// The mean over groups of the per-group AUROC: the loss of outlier-score stacking (SPEC §8, last paragraph), where
/// the rows are the test rows of many datasets and a score only has to rank the rows of its own dataset. Pooling the
/// rows into one AUROC would instead reward a score for ranking whole datasets above one another.
/// </summary>
/// <remarks>
/// The labels and the grouping are fixed at construction, so that a loss evaluated thousands of times (greedy
/// selection, a penalty grid) only gathers and ranks scores. Groups whose labels hold one class have no AUROC and are
/// left out of every mean; <see cref="Groups"/> counts the others. Each group's AUROC is
/// <see cref="OutlierMetrics.Auroc"/> (ties count one half). The groups are evaluated one after another and summed in
/// ascending group-id order, so the value does not depend on the caller's thread count; instances are safe to use
/// from several threads at once.
/// </remarks>
public sealed class GroupedAuroc
{
    private readonly int[] _groupIds;
    private readonly int[][] _rows;
    private readonly int[][] _labels;
    private readonly bool[] _contiguous;
    private readonly bool[] _scored;

    /// <summary>Groups the rows: <paramref name="labels"/> (0/1) and <paramref name="groupOfRow"/> one per row.</summary>
    public GroupedAuroc(ReadOnlySpan<int> labels, ReadOnlySpan<int> groupOfRow)
    {
        if (labels.Length != groupOfRow.Length)
        {
            throw new ArgumentException($"One group id per label is needed: {labels.Length} labels. Got {groupOfRow.Length} group ids.", nameof(groupOfRow));
        }
        if (labels.IsEmpty)
        {
            throw new ArgumentException("A grouped AUROC needs at least one row.", nameof(labels));
        }
        var members = new SortedDictionary<int, List<int>>();
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] is not (0 or 1))
            {
                throw new ArgumentException($"Labels must be 0 or 1. Row {i} holds {labels[i]}.", nameof(labels));
            }
            if (!members.TryGetValue(groupOfRow[i], out var list))
            {
                members[groupOfRow[i]] = list = [];
            }
            list.Add(i);
        }
        int g = members.Count;
        _groupIds = new int[g];
        _rows = new int[g][];
        _labels = new int[g][];
        _contiguous = new bool[g];
        _scored = new bool[g];
        int k = 0;
        foreach (var (id, list) in members)
        {
            _groupIds[k] = id;
            _rows[k] = [.. list];
            _labels[k] = new int[list.Count];
            int outliers = 0;
            for (int r = 0; r < list.Count; r++)
            {
                _labels[k][r] = labels[list[r]];
                outliers += _labels[k][r];
            }
            // Rows of a group that sit together (the usual layout) are read in place, without a gather.
            _contiguous[k] = list[^1] - list[0] == list.Count - 1;
            _scored[k] = outliers > 0 && outliers < list.Count;
            Groups += _scored[k] ? 1 : 0;
            k++;
        }
        Rows = labels.Length;
    }

    /// <summary>The rows a score vector must cover.</summary>
    public int Rows { get; }

    /// <summary>The groups with both classes: those with an AUROC.</summary>
    public int Groups { get; }

    /// <summary>Every distinct group id, ascending: the order of <see cref="PerGroup"/>.</summary>
    public IReadOnlyList<int> GroupIds => _groupIds;

    /// <summary>The AUROC of each group, in <see cref="GroupIds"/> order; NaN for a group with one class.</summary>
    public double[] PerGroup(ReadOnlySpan<double> scores)
    {
        CheckScores(scores);
        var result = new double[_groupIds.Length];
        for (int g = 0; g < result.Length; g++)
        {
            result[g] = _scored[g] ? GroupAuroc(g, scores) : double.NaN;
        }
        return result;
    }

    /// <summary>The sum of the per-group AUROCs and how many groups it covers (for averaging across several splits).</summary>
    public (double Sum, int Count) Total(ReadOnlySpan<double> scores)
    {
        CheckScores(scores);
        double sum = 0;
        for (int g = 0; g < _groupIds.Length; g++)
        {
            if (_scored[g])
            {
                sum += GroupAuroc(g, scores);
            }
        }
        return (sum, Groups);
    }

    /// <summary>The mean per-group AUROC (NaN when no group has both classes).</summary>
    public double Mean(ReadOnlySpan<double> scores)
    {
        var (sum, count) = Total(scores);
        return count == 0 ? double.NaN : sum / count;
    }

    /// <summary>
    /// The loss 1 − <see cref="Mean"/> for <see cref="HillClimbingSelector"/>: the target the selector passes is
    /// ignored, since the labels were fixed at construction (they must be the same rows in the same order).
    /// </summary>
    public PredictionLoss Loss() => (_, prediction) => 1.0 - Mean(prediction);

    private void CheckScores(ReadOnlySpan<double> scores)
    {
        if (scores.Length != Rows)
        {
            throw new ArgumentException($"One score per row is needed: {Rows} rows. Got {scores.Length} scores.", nameof(scores));
        }
    }

    private double GroupAuroc(int g, ReadOnlySpan<double> scores)
    {
        var rows = _rows[g];
        if (_contiguous[g])
        {
            return OutlierMetrics.Auroc(_labels[g], scores.Slice(rows[0], rows.Length))!.Value;
        }
        double[] buffer = ArrayPool<double>.Shared.Rent(rows.Length);
        try
        {
            for (int r = 0; r < rows.Length; r++)
            {
                buffer[r] = scores[rows[r]];
            }
            return OutlierMetrics.Auroc(_labels[g], buffer.AsSpan(0, rows.Length))!.Value;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }
}
