using TabularOd.Data;

namespace TabularOd.Detectors.Magnitude;

/// <summary>
/// Lexicographic order of rows (column 0 first): a canonical order, so that whatever order the training rows
/// arrive in, the weighting-vector detector standardises, factorises and solves the same matrix, bit for bit.
/// </summary>
internal static class RowOrder
{
    /// <summary>Compares two rows of finite values lexicographically; −0 and +0 are equal, as they are as points.</summary>
    public static int Compare(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        for (int j = 0; j < a.Length; j++)
        {
            if (a[j] < b[j])
            {
                return -1;
            }
            if (a[j] > b[j])
            {
                return 1;
            }
        }
        return 0;
    }

    /// <summary>The permutation that sorts the rows; equal rows keep their order (they are interchangeable anyway).</summary>
    public static int[] Lexicographic(DataMatrix rows)
    {
        var order = Enumerable.Range(0, rows.Rows).ToArray();
        // A stable sort on an index array: ties broken by index keep the result independent of the sort's pivots.
        Array.Sort(order, (a, b) =>
        {
            int c = Compare(rows.Row(a), rows.Row(b));
            return c != 0 ? c : a.CompareTo(b);
        });
        return order;
    }

    /// <summary>
    /// The index of <paramref name="row"/> among the lexicographically sorted, distinct rows of
    /// <paramref name="sorted"/>, or −1 when it is none of them (binary search, O(d·log m)).
    /// </summary>
    public static int IndexOf(DataMatrix sorted, ReadOnlySpan<double> row)
    {
        int low = 0, high = sorted.Rows - 1;
        while (low <= high)
        {
            int middle = low + ((high - low) / 2);
            int c = Compare(sorted.Row(middle), row);
            if (c == 0)
            {
                return middle;
            }
            if (c < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }
        return -1;
    }
}
