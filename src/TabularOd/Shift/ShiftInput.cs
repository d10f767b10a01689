using TabularOd.Data;

namespace TabularOd.Shift;

/// <summary>The checks every covariate-shift estimator makes on its two samples, worded once.</summary>
internal static class ShiftInput
{
    /// <summary>Both samples non-empty, of one width, finite.</summary>
    public static void Check(DataMatrix train, DataMatrix test, string method)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        if (train.Rows == 0 || test.Rows == 0 || train.Columns == 0)
        {
            throw new ArgumentException($"{method} needs at least one training row, one test row and one column. Got {train.Rows}×{train.Columns} and {test.Rows}×{test.Columns}.");
        }
        if (train.Columns != test.Columns)
        {
            throw new ArgumentException($"{method} needs train and test of one width; train has {train.Columns} features and test {test.Columns}.");
        }
        foreach (var (matrix, role) in new[] { (train, "training"), (test, "test") })
        {
            if (matrix.TryFindNonFinite(out int row, out int column))
            {
                throw new ArgumentException($"{method} needs finite values, but {role} row {row}, column {column} holds {matrix[row, column]}.");
            }
        }
    }

    /// <summary>Train rows then test rows, row-major.</summary>
    public static double[] Pool(DataMatrix train, DataMatrix test)
    {
        var pooled = new double[(train.Rows + test.Rows) * train.Columns];
        train.AsSpan().CopyTo(pooled);
        test.AsSpan().CopyTo(pooled.AsSpan(train.Rows * train.Columns));
        return pooled;
    }

    /// <summary>The kernel width: the given one, or the k-NN rule of <see cref="KernelBandwidth"/> on the pooled rows.</summary>
    public static double Sigma(double? given, double[] pooled, int rows, int columns, int seed, string method)
    {
        if (given is { } sigma)
        {
            if (!(sigma > 0) || !double.IsFinite(sigma))
            {
                throw Detectors.OptionCheck.Invalid("Sigma", method, "> 0 and finite", sigma);
            }
            return sigma;
        }
        return KernelBandwidth.Estimate(Compute.ComputeBackends.Default, pooled, rows, columns, seed);
    }
}
