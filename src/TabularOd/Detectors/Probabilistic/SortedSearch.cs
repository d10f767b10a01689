namespace TabularOd.Detectors.Probabilistic;

/// <summary>Counts in an ascending span by binary search: the ECDF lookups and NumPy's digitize/histogram bin rules.</summary>
internal static class SortedSearch
{
    /// <summary>#{values ≤ x} (NumPy's <c>searchsorted(side="right")</c>).</summary>
    public static int CountAtMost(ReadOnlySpan<double> sorted, double x)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            int middle = (int)((uint)(low + high) >> 1);
            if (sorted[middle] <= x)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low;
    }

    /// <summary>#{values &lt; x} (NumPy's <c>searchsorted(side="left")</c>).</summary>
    public static int CountBelow(ReadOnlySpan<double> sorted, double x)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            int middle = (int)((uint)(low + high) >> 1);
            if (sorted[middle] < x)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low;
    }
}
