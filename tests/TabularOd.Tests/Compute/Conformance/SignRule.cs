namespace TabularOd.Tests.Compute.Conformance;

/// <summary>
/// The interface's sign convention for eigenvectors and for the columns of U: each column's largest-magnitude
/// component is positive.
/// </summary>
public static class SignRule
{
    /// <summary>Checks that each column's largest-magnitude component is positive, where that component is clear of the runner-up.</summary>
    public static void Check(double[] columns, int rows, int cols, string label, string what, Mismatches failures)
    {
        for (int j = 0; j < cols; j++)
        {
            var (row, runner) = Dense.ColumnArgMaxAbs(columns, rows, cols, j);
            double value = columns[row * cols + j];
            if (Math.Abs(value) - runner > 1e-8)
            {
                if (!(value > 0))
                {
                    failures.Add(label, $"{what} {j}: largest-magnitude component (row {row}) is {value:R}, not positive");
                }
            }
        }
    }

    /// <summary>The columns of a rows×cols matrix, each flipped so its largest-magnitude component is positive.</summary>
    public static double[] Fixed(double[] columns, int rows, int cols)
    {
        var fixedColumns = (double[])columns.Clone();
        for (int j = 0; j < cols; j++)
        {
            var (row, _) = Dense.ColumnArgMaxAbs(columns, rows, cols, j);
            if (columns[row * cols + j] < 0)
            {
                for (int i = 0; i < rows; i++)
                {
                    fixedColumns[i * cols + j] = -fixedColumns[i * cols + j];
                }
            }
        }
        return fixedColumns;
    }
}
