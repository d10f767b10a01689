using TabularOd.Data;
using TabularOd.Detectors.Persistence;

namespace TabularOd.Detectors.Probabilistic;

/// <summary>Combines one row's per-feature tail values (−log F) into its score.</summary>
internal delegate double TailScore(ReadOnlySpan<double> left, ReadOnlySpan<double> right, ReadOnlySpan<int> skewSigns);

/// <summary>
/// The empirical CDF of every training column in both tails, the machinery ECOD and COPOD share: for a value x of
/// column j, U_l = −log F_j(x) with F_j(x) = #{values ≤ x}/n, and U_r = −log of the same ECDF on −X, i.e.
/// #{values ≥ x}/n; plus the sign of each column's biased sample skewness (0 for a constant column, as SciPy's NaN
/// becomes 0 in PyOD). Ties take the largest rank, exactly as PyOD's <c>column_ecdf</c> does.
/// </summary>
/// <remarks>
/// Each training column is sorted once at fit. Scoring counts by a merge walk of the sorted rows against the sorted
/// column (O(n + m log m) per column, sequential memory access) or, for a few rows, by binary search; both give the
/// same integer counts, so a score does not depend on which was used. Rows are scored in one of three ways:
/// <list type="bullet">
/// <item>training rows against their own columns (count/n, PyOD's <c>fit</c>);</item>
/// <item><see cref="EcdfMode.Transductive"/>: against the training column merged with the scored rows, skewness
/// signs recomputed on that union (PyOD's <c>decision_function</c>);</item>
/// <item><see cref="EcdfMode.Inductive"/>: against the frozen training column with (count + 1)/(n + 1), as though
/// the value joined it, and the training skewness signs.</item>
/// </list>
/// </remarks>
internal sealed class ColumnTails
{
    private readonly double[][] _sorted;
    private readonly int[] _skewSigns;

    private ColumnTails(double[][] sorted)
    {
        _sorted = sorted;
        _skewSigns = new int[sorted.Length];
        // Summed over the sorted column, so the sign does not depend on the order the rows came in.
        RowBlocks.ForColumns(sorted[0].Length, sorted.Length, j => _skewSigns[j] = SkewSignOfSorted(sorted[j]));
    }

    /// <summary>Number of columns.</summary>
    public int Columns => _sorted.Length;

    /// <summary>Number of training values per column.</summary>
    public int Count => _sorted[0].Length;

    /// <summary>The sign (−1, 0, +1) of each training column's skewness.</summary>
    public ReadOnlySpan<int> SkewSigns => _skewSigns;

    /// <summary>Sorts each training column once and scores the training rows against their own columns.</summary>
    public static (ColumnTails Tails, double[] TrainingScores) Fit(DataMatrix train, TailScore score)
    {
        var sorted = RowBlocks.CopyColumns(train);
        var counts = new TailCounts(train.Rows, train.Columns, pseudoCount: 0);
        RowBlocks.ForColumns(train.Rows, train.Columns, j =>
        {
            var order = Identity(train.Rows);
            Array.Sort(sorted[j], order);
            counts.Walk(j, sorted[j], sorted[j], order);
        });
        var tails = new ColumnTails(sorted);
        return (tails, counts.Score(score, tails._skewSigns));
    }

    /// <summary>Scores new rows against the training columns in the given mode.</summary>
    public double[] Score(DataMatrix rows, EcdfMode mode, TailScore score)
    {
        var values = RowBlocks.CopyColumns(rows);
        var counts = new TailCounts(rows.Rows, Columns, mode == EcdfMode.Inductive ? 1 : 0);
        var signs = mode == EcdfMode.Inductive ? _skewSigns : new int[Columns];
        int work = mode == EcdfMode.Inductive ? Count + rows.Rows : Count + (2 * rows.Rows);
        RowBlocks.ForColumns(work, Columns, j =>
        {
            var reference = _sorted[j];
            if (mode == EcdfMode.Inductive && SearchIsCheaper(rows.Rows, Count))
            {
                counts.Search(j, reference, values[j]);
                return;
            }
            var order = Identity(rows.Rows);
            Array.Sort(values[j], order);
            if (mode == EcdfMode.Transductive)
            {
                reference = Merge(reference, values[j]);
                signs[j] = SkewSignOfSorted(reference);
            }
            counts.Walk(j, reference, values[j], order);
        });
        return counts.Score(score, signs);
    }

    /// <summary>
    /// PyOD's skewness-corrected tail, U_l·(−sign(s − 1)) + U_r·sign(s + 1): the left tail for a left-skewed column,
    /// the right tail for a right-skewed one, both for a symmetric or constant one.
    /// </summary>
    public static double SkewTail(int skewSign, double left, double right) => skewSign switch
    {
        > 0 => right,
        < 0 => left,
        _ => left + right,
    };

    /// <summary>
    /// The sign of the biased sample skewness m₃/m₂^1.5 (SciPy's <c>skew</c>) of an ascending column, 0 where SciPy gives
    /// NaN: a constant column, or one whose variance is below its mean's resolution (m₂ ≤ (10⁻¹⁵·mean)²).
    /// </summary>
    public static int SkewSignOfSorted(ReadOnlySpan<double> sorted)
    {
        // Tested directly because a long constant column's rounded mean can miss the constant by more than SciPy's
        // resolution, which would leave every deviation the same sign and a spurious ±1.
        if (sorted.Length == 0 || sorted[0] == sorted[^1])
        {
            return 0;
        }
        double mean = CompensatedSum(sorted) / sorted.Length, m2 = 0, m3 = 0;
        foreach (double v in sorted)
        {
            double d = v - mean;
            m2 += d * d;
            m3 += d * d * d;
        }
        m2 /= sorted.Length;
        m3 /= sorted.Length;
        double resolution = 1e-15 * mean;
        if (m2 <= resolution * resolution)
        {
            return 0;
        }
        double skewness = m3 / Math.Pow(m2, 1.5);
        return double.IsNaN(skewness) ? 0 : Math.Sign(skewness);
    }

    /// <summary>Writes the sorted columns (the skewness signs are derived again on load).</summary>
    public void Write(ModelWriter writer)
    {
        writer.Write(_sorted.Length);
        foreach (var column in _sorted)
        {
            writer.Write(column);
        }
    }

    /// <summary>Reads what <see cref="Write"/> wrote, checking the shape (features × training rows) and that every column is sorted and finite.</summary>
    public static ColumnTails Read(ModelReader reader, int features, int trainingRows)
    {
        int columns = reader.ReadInt32();
        if (columns != features || columns < 1 || trainingRows < 1)
        {
            throw new InvalidDataException($"the model stores {columns} sorted columns for {features} features and {trainingRows} training rows.");
        }
        var sorted = new double[columns][];
        for (int j = 0; j < columns; j++)
        {
            sorted[j] = reader.ReadDoubles();
            if (sorted[j].Length != trainingRows || !IsSorted(sorted[j]) || !double.IsFinite(sorted[j][0]) || !double.IsFinite(sorted[j][^1]))
            {
                throw new InvalidDataException($"stored column {j} is not a sorted, finite column of the training length.");
            }
        }
        return new ColumnTails(sorted);
    }

    // A binary search per value costs about log₂ n steps; a merge walk costs n + m log m for the sort.
    private static bool SearchIsCheaper(int rows, int reference) =>
        (long)rows * (64 - long.LeadingZeroCount(reference)) < reference;

    private static int[] Identity(int length)
    {
        var order = new int[length];
        for (int i = 0; i < length; i++)
        {
            order[i] = i;
        }
        return order;
    }

    private static double[] Merge(double[] a, double[] b)
    {
        var merged = new double[a.Length + b.Length];
        int i = 0, k = 0, o = 0;
        while (i < a.Length && k < b.Length)
        {
            merged[o++] = a[i] <= b[k] ? a[i++] : b[k++];
        }
        a.AsSpan(i).CopyTo(merged.AsSpan(o));
        b.AsSpan(k).CopyTo(merged.AsSpan(o + a.Length - i));
        return merged;
    }

    // Neumaier's summation: the mean decides near-symmetric skewness signs, so it should not drift with n.
    private static double CompensatedSum(ReadOnlySpan<double> values)
    {
        double sum = 0, compensation = 0;
        foreach (double v in values)
        {
            double t = sum + v;
            compensation += Math.Abs(sum) >= Math.Abs(v) ? (sum - t) + v : (v - t) + sum;
            sum = t;
        }
        return sum + compensation;
    }

    private static bool IsSorted(ReadOnlySpan<double> values)
    {
        for (int i = 1; i < values.Length; i++)
        {
            if (!(values[i - 1] <= values[i]))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// Per column, each scored row's #{reference ≤ x} and #{reference ≥ x} and the reference length; then the rows'
    /// tails and scores from them.
    /// </summary>
    private sealed class TailCounts(int rows, int columns, int pseudoCount)
    {
        private readonly int[][] _atMost = new int[columns][];
        private readonly int[][] _atLeast = new int[columns][];
        private readonly int[] _reference = new int[columns];

        /// <summary>Counts for values given in ascending order, <paramref name="order"/> mapping them back to rows.</summary>
        public void Walk(int column, ReadOnlySpan<double> reference, ReadOnlySpan<double> ascending, ReadOnlySpan<int> order)
        {
            var atMost = _atMost[column] = new int[rows];
            var atLeast = _atLeast[column] = new int[rows];
            _reference[column] = reference.Length;
            int below = 0, notAbove = 0;
            for (int p = 0; p < ascending.Length; p++)
            {
                double x = ascending[p];
                while (below < reference.Length && reference[below] < x)
                {
                    below++;
                }
                notAbove = Math.Max(notAbove, below);
                while (notAbove < reference.Length && reference[notAbove] <= x)
                {
                    notAbove++;
                }
                atMost[order[p]] = notAbove;
                atLeast[order[p]] = reference.Length - below;
            }
        }

        /// <summary>Counts for values in row order, by binary search.</summary>
        public void Search(int column, ReadOnlySpan<double> reference, ReadOnlySpan<double> values)
        {
            var atMost = _atMost[column] = new int[rows];
            var atLeast = _atLeast[column] = new int[rows];
            _reference[column] = reference.Length;
            for (int i = 0; i < values.Length; i++)
            {
                atMost[i] = SortedSearch.CountAtMost(reference, values[i]);
                atLeast[i] = reference.Length - SortedSearch.CountBelow(reference, values[i]);
            }
        }

        /// <summary>−log of each tail probability, (count + pseudo-count)/(reference + pseudo-count), combined per row.</summary>
        public double[] Score(TailScore score, int[] skewSigns)
        {
            var scores = new double[rows];
            RowBlocks.For(rows, columns, (start, end) =>
            {
                int count = end - start;
                var left = new double[count * columns];
                var right = new double[count * columns];
                // Column by column over the block, reading each column's counts sequentially.
                for (int j = 0; j < columns; j++)
                {
                    double denominator = _reference[j] + pseudoCount;
                    int[] atMost = _atMost[j], atLeast = _atLeast[j];
                    for (int r = 0, cell = j; r < count; r++, cell += columns)
                    {
                        left[cell] = -Math.Log((atMost[start + r] + pseudoCount) / denominator);
                        right[cell] = -Math.Log((atLeast[start + r] + pseudoCount) / denominator);
                    }
                }
                for (int r = 0; r < count; r++)
                {
                    scores[start + r] = score(left.AsSpan(r * columns, columns), right.AsSpan(r * columns, columns), skewSigns);
                }
            });
            return scores;
        }
    }
}
