using TabularOd.Data;

namespace TabularOd.Detectors.Magnitude;

/// <summary>
/// The distinct rows of a matrix in lexicographic order, and for every input row the index of its copy among them.
/// </summary>
/// <remarks>
/// The weighting vector needs distinct points: two equal rows make two equal rows of Z = exp(−t·d), so Z is
/// singular and Z·w = 1 has no unique solution. Merging them first solves for the set of points the data
/// describe, and every copy then carries the weight of its representative.
/// </remarks>
internal sealed class DistinctRows
{
    private DistinctRows(DataMatrix points, int[] representativeOf)
    {
        Points = points;
        RepresentativeOf = representativeOf;
    }

    /// <summary>The distinct rows, lexicographically sorted.</summary>
    public DataMatrix Points { get; }

    /// <summary>For input row i, the index of its value in <see cref="Points"/>.</summary>
    public int[] RepresentativeOf { get; }

    /// <summary>Sorts and merges the rows of <paramref name="rows"/> (finite values).</summary>
    public static DistinctRows Of(DataMatrix rows)
    {
        int[] order = RowOrder.Lexicographic(rows);
        var representativeOf = new int[rows.Rows];
        var kept = new List<int>(rows.Rows);
        for (int position = 0; position < order.Length; position++)
        {
            int row = order[position];
            if (kept.Count == 0 || RowOrder.Compare(rows.Row(kept[^1]), rows.Row(row)) != 0)
            {
                kept.Add(row);
            }
            representativeOf[row] = kept.Count - 1;
        }
        return new DistinctRows(rows.SelectRows(kept.ToArray()), representativeOf);
    }
}
