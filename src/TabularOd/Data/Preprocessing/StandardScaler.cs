using System.Numerics.Tensors;

namespace TabularOd.Data.Preprocessing;

/// <summary>
/// Z-scores each column with the training mean and the population standard deviation (ddof 0), as
/// scikit-learn's <c>StandardScaler</c>. Columns that are constant up to rounding keep scale 1.
/// </summary>
public sealed class StandardScaler : IScaler
{
    /// <inheritdoc/>
    public FittedScaler Fit(DataMatrix train)
    {
        ColumnStatistics.RequireFittable(train, nameof(train));
        int n = train.Rows, d = train.Columns;
        var mean = new double[d];
        for (int i = 0; i < n; i++)
        {
            TensorPrimitives.Add(mean, train.Row(i), mean);
        }
        TensorPrimitives.Divide(mean, n, mean);

        // Two-pass variance with the Chan–Golub–LeVeque correction term, as scikit-learn computes it:
        // the correction cancels most of the rounding error the mean leaves in the deviations.
        var squares = new double[d];
        var correction = new double[d];
        var deviation = new double[d];
        for (int i = 0; i < n; i++)
        {
            TensorPrimitives.Subtract(train.Row(i), mean, deviation);
            TensorPrimitives.Add(correction, deviation, correction);
            TensorPrimitives.MultiplyAdd(deviation, deviation, squares, squares);
        }
        var scale = new double[d];
        for (int j = 0; j < d; j++)
        {
            double variance = (squares[j] - (correction[j] * correction[j] / n)) / n;
            scale[j] = IsConstant(variance, mean[j], n) ? 1.0 : Math.Sqrt(variance);
        }
        return FittedScaler.Wrap(mean, scale);
    }

    /// <summary>
    /// scikit-learn's test for a column indistinguishable from a constant: a variance within the error
    /// bound of the two-pass algorithm. Testing the variance rather than its square root catches columns
    /// such as seven copies of 0.1, whose computed variance is a rounding residue around 1e-34.
    /// </summary>
    private static bool IsConstant(double variance, double mean, int n)
    {
        const double eps = ColumnStatistics.MachineEpsilon;
        double meanTerm = n * mean * eps;
        return variance <= (n * eps * variance) + (meanTerm * meanTerm);
    }
}
