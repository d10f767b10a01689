using TabularOd.Data;

namespace TabularOd.Stacking;

/// <summary>
/// A model library's hold-out predictions stored model by model (column-major), so that scoring a candidate
/// ensemble reads each model's predictions contiguously.
/// </summary>
internal sealed class Library
{
    private readonly double[] _columns;

    private Library(int rows, int models, double[] columns)
    {
        Rows = rows;
        Models = models;
        _columns = columns;
    }

    public int Rows { get; }

    public int Models { get; }

    public ReadOnlySpan<double> Column(int model) => _columns.AsSpan(model * Rows, Rows);

    /// <summary>Checks and transposes a samples × models prediction matrix.</summary>
    public static Library Create(DataMatrix predictions, ReadOnlySpan<double> target, string owner)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        if (predictions.Rows < 1 || predictions.Columns < 1)
        {
            throw new ArgumentException($"{owner} needs at least one sample and one model. Got {predictions.Rows}×{predictions.Columns}.", nameof(predictions));
        }
        if (target.Length != predictions.Rows)
        {
            throw new ArgumentException($"{owner} needs one target value per prediction row: {predictions.Rows}. Got {target.Length}.", nameof(target));
        }
        int n = predictions.Rows, m = predictions.Columns;
        var columns = new double[checked(n * m)];
        for (int i = 0; i < n; i++)
        {
            var row = predictions.Row(i);
            for (int j = 0; j < m; j++)
            {
                columns[(j * n) + i] = row[j];
            }
        }
        return new Library(n, m, columns);
    }

    /// <summary>The sub-library of the given models, in the given order.</summary>
    public Library Subset(ReadOnlySpan<int> models)
    {
        var columns = new double[models.Length * Rows];
        for (int k = 0; k < models.Length; k++)
        {
            Column(models[k]).CopyTo(columns.AsSpan(k * Rows, Rows));
        }
        return new Library(Rows, models.Length, columns);
    }
}
