using TabularOd.Data;

namespace TabularOd.Detectors;

/// <summary>The data checks every detector makes before fitting or scoring, worded once.</summary>
public static class DetectorInput
{
    /// <summary>Training data must have at least one row and one column, all finite.</summary>
    public static void CheckTrain(DataMatrix train, string detector)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (train.Rows == 0 || train.Columns == 0)
        {
            throw new ArgumentException($"{detector} needs at least one training row and one column. Got {train.Rows}×{train.Columns}.");
        }
        CheckFinite(train, detector, "training");
    }

    /// <summary>Rows to score must have the training width and be finite (zero rows are fine).</summary>
    public static void CheckScore(DataMatrix rows, int features, string detector)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Columns != features)
        {
            throw new ArgumentException($"{detector} was fitted on {features} features but the rows to score have {rows.Columns}.");
        }
        CheckFinite(rows, detector, "scored");
    }

    private static void CheckFinite(DataMatrix matrix, string detector, string role)
    {
        if (matrix.TryFindNonFinite(out int row, out int column))
        {
            throw new ArgumentException(
                $"{detector} needs finite values, but {role} row {row}, column {column} holds {matrix[row, column]}; impute or drop it first.");
        }
    }
}
