namespace TabularOd.Data;

/// <summary>
/// The NaN/∞ gate every read passes through: infinite values are always refused; NaN is refused or
/// imputed by the training rows' column medians, as the policy says.
/// </summary>
internal static class MissingValueCheck
{
    public static DataFile Apply(DataFile file, MissingValuePolicy policy)
    {
        if (file.Pair is { } pair)
        {
            RefuseInfinite(file.Path, pair.Train, "train");
            RefuseInfinite(file.Path, pair.Test, "test");
            if (policy == MissingValuePolicy.Error)
            {
                RefuseNaN(file.Path, pair.Train, "train");
                RefuseNaN(file.Path, pair.Test, "test");
                return file;
            }
            var imputer = MedianImputer.Fit(pair.Train.Features);
            return file with
            {
                Pair = new TrainTestPair(
                    pair.Train with { Features = imputer.Transform(pair.Train.Features) },
                    pair.Test with { Features = imputer.Transform(pair.Test.Features) }),
            };
        }

        var table = file.Table!;
        RefuseInfinite(file.Path, table, null);
        if (policy == MissingValuePolicy.Error)
        {
            RefuseNaN(file.Path, table, null);
            return file;
        }
        return file with { Table = table with { Features = MedianImputer.Fit(table.Features).Transform(table.Features) } };
    }

    private static void RefuseInfinite(string path, Dataset table, string? part)
    {
        var values = table.Features.AsSpan();
        for (int k = 0; k < values.Length; k++)
        {
            if (double.IsInfinity(values[k]))
            {
                throw Refusal(path, table, part, k, "an infinite value", "infinite values cannot be used; clean the file first.");
            }
        }
    }

    private static void RefuseNaN(string path, Dataset table, string? part)
    {
        var values = table.Features.AsSpan();
        for (int k = 0; k < values.Length; k++)
        {
            if (double.IsNaN(values[k]))
            {
                throw Refusal(path, table, part, k, "a missing value (NaN)", "pass --impute median to fill missing values with the training medians.");
            }
        }
    }

    private static DataFileException Refusal(string path, Dataset table, string? part, int flatIndex, string what, string advice)
    {
        int row = flatIndex / table.Columns, column = flatIndex % table.Columns;
        string where = part is null ? "" : $"{part} ";
        return new DataFileException(path, $"{where}row {row}, column '{table.FeatureNames[column]}' holds {what}; {advice}");
    }
}
