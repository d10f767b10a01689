using System.Numerics.Tensors;
using TabularOd.Data;

namespace TabularOd.Stacking;

/// <summary>
/// Standardises the columns on the rows it is fitted on, then fits <paramref name="inner"/> on the standardised
/// design: scikit-learn's <c>make_pipeline(StandardScaler(), model)</c>. Used through <see cref="OutOfFold"/>, the
/// scaler of each fold sees that fold's training rows only, so nothing about the held-out rows leaks into the
/// model that predicts them.
/// </summary>
/// <remarks>
/// Means and standard deviations (ddof 0) are weighted by the sample weights when given. A column whose standard
/// deviation is (numerically) zero is only centred, as scikit-learn's <c>StandardScaler</c> does.
/// </remarks>
public sealed class StandardizedRegressor(IRegressor inner) : IRegressor
{
    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <inheritdoc />
    public string Name => inner.Name;

    /// <summary>The regressor fitted on the standardised design.</summary>
    public IRegressor Inner => inner;

    /// <summary>Fits the scaler and then the inner regressor.</summary>
    public StandardizedModel Fit(DataMatrix x, ReadOnlySpan<double> y, ReadOnlySpan<double> sampleWeight)
    {
        ArgumentNullException.ThrowIfNull(inner);
        StackingArguments.Regression(x, y, sampleWeight, nameof(StandardizedRegressor));
        var (mean, scale) = Moments(x, sampleWeight);
        var model = inner.Fit(StandardizedModel.Transform(x, mean, scale), y, sampleWeight);
        return new StandardizedModel(mean, scale, model);
    }

    /// <summary>
    /// The (weighted) column means and standard deviations (ddof 0) a <see cref="StandardizedRegressor"/> fits; a
    /// column constant to rounding gets scale 1.
    /// </summary>
    public static (double[] Mean, double[] Scale) Moments(DataMatrix x, ReadOnlySpan<double> sampleWeight)
    {
        ArgumentNullException.ThrowIfNull(x);
        return Moments(x, null, sampleWeight);
    }

    /// <summary>
    /// The same moments over the rows <paramref name="rows"/> of <paramref name="x"/> (null: every row), in their
    /// order; <paramref name="sampleWeight"/> is empty (equal weights) or holds one weight per row of
    /// <paramref name="x"/>, not per selected row.
    /// </summary>
    internal static (double[] Mean, double[] Scale) Moments(DataMatrix x, int[]? rows, ReadOnlySpan<double> sampleWeight)
    {
        int n = rows?.Length ?? x.Rows, p = x.Columns;
        var mean = new double[p];
        var scale = new double[p];
        double total = 0;
        // Row by row, a vector of columns at a time; with equal weights the products by 1 are left out (they are exact).
        for (int r = 0; r < n; r++)
        {
            int i = rows is null ? r : rows[r];
            var row = x.Row(i);
            if (sampleWeight.IsEmpty)
            {
                total += 1.0;
                TensorPrimitives.Add(mean, row, mean);
            }
            else
            {
                total += sampleWeight[i];
                TensorPrimitives.MultiplyAdd(row, sampleWeight[i], mean, mean);
            }
        }
        TensorPrimitives.Divide(mean, total, mean);
        var deviation = new double[p];
        var weighted = sampleWeight.IsEmpty ? [] : new double[p];
        for (int r = 0; r < n; r++)
        {
            int i = rows is null ? r : rows[r];
            TensorPrimitives.Subtract(x.Row(i), mean, deviation);
            if (sampleWeight.IsEmpty)
            {
                TensorPrimitives.MultiplyAdd(deviation, deviation, scale, scale);
            }
            else
            {
                // w·d², as (w·d)·d.
                TensorPrimitives.Multiply(deviation, sampleWeight[i], weighted);
                TensorPrimitives.MultiplyAdd(weighted, deviation, scale, scale);
            }
        }
        for (int j = 0; j < p; j++)
        {
            double s = Math.Sqrt(scale[j] / total);
            // Below rounding noise of the mean, a column is constant: centre it only.
            scale[j] = s <= (10 * MachineEpsilon * Math.Max(1.0, Math.Abs(mean[j]))) ? 1.0 : s;
        }
        return (mean, scale);
    }

    IRegressionModel IRegressor.Fit(DataMatrix x, ReadOnlySpan<double> y, ReadOnlySpan<double> sampleWeight) => Fit(x, y, sampleWeight);
}
