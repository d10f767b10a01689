using System.Collections.ObjectModel;
using TabularOd.Data.Preprocessing;

namespace TabularOd.Data;

/// <summary>
/// Fills NaN with each column's median over the training rows (NaN ignored, as <c>numpy.nanmedian</c>).
/// A column with no value at all in the training rows is filled with 0.
/// </summary>
/// <remarks>
/// Infinite values are left alone: the read pipeline refuses them before imputing, and a caller that
/// gets here with one should see it rather than have it silently replaced.
/// </remarks>
public sealed class MedianImputer
{
    private readonly double[] _medians;

    private MedianImputer(double[] medians)
    {
        _medians = medians;
        Medians = Array.AsReadOnly(medians);
    }

    /// <summary>The fill value of each column.</summary>
    public ReadOnlyCollection<double> Medians { get; }

    /// <summary>Learns the column medians of <paramref name="train"/>.</summary>
    public static MedianImputer Fit(DataMatrix train)
    {
        ArgumentNullException.ThrowIfNull(train);
        var medians = new double[train.Columns];
        var buffer = new double[train.Rows];
        for (int j = 0; j < train.Columns; j++)
        {
            var sorted = ColumnStatistics.SortedWithoutNaN(train, j, buffer);
            medians[j] = sorted.IsEmpty ? 0.0 : ColumnStatistics.MedianOfSorted(sorted);
        }
        return new MedianImputer(medians);
    }

    /// <summary>Returns a copy of <paramref name="x"/> with every NaN replaced by its column's median.</summary>
    /// <exception cref="ArgumentException"><paramref name="x"/> does not have as many columns as the training matrix.</exception>
    public DataMatrix Transform(DataMatrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Columns != _medians.Length)
        {
            throw new ArgumentException($"The imputer was fitted on {_medians.Length} columns but the matrix has {x.Columns}.", nameof(x));
        }
        var result = x.Clone();
        for (int i = 0; i < result.Rows; i++)
        {
            var row = result.Row(i);
            for (int j = 0; j < row.Length; j++)
            {
                if (double.IsNaN(row[j]))
                {
                    row[j] = _medians[j];
                }
            }
        }
        return result;
    }
}
