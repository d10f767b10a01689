using TabularOd.Compute;
using TabularOd.Data;
using TabularOd.Sampling;
using TabularOd.Stacking;

namespace TabularOd.Tests.Stacking;

/// <summary>
/// The pipeline's shared inner cross-validation (moments of each inner fold, read once) against the same choices made
/// the long way, by the standalone regressors refitted on every fold.
/// </summary>
public sealed class LinearMetaModelSearchTests
{
    private static (DataMatrix X, double[] Y, double[] Weights) Problem(long seed)
    {
        var (x, y) = StackingFixtures.StrongAndNoisy(seed, 240, noisy: 4, copies: 2);
        var random = new SeededRandom(seed + 100);
        var weights = Enumerable.Range(0, x.Rows).Select(_ => 0.25 + (2 * random.NextDouble())).ToArray();
        // Standardised columns, as the pipeline hands them over, and a target far from zero.
        var (mean, scale) = StandardizedRegressor.Moments(x, default);
        var z = new DataMatrix(x.Rows, x.Columns);
        for (int i = 0; i < x.Rows; i++)
        {
            for (int j = 0; j < x.Columns; j++)
            {
                z[i, j] = (x[i, j] - mean[j]) / scale[j];
            }
        }
        return (z, [.. y.Select(v => v + 50)], weights);
    }

    private static LinearMetaModelSearch.Choice[] Search(DataMatrix x, double[] y, double[] weights) =>
        new LinearMetaModelSearch([MetaModelKind.Ridge, MetaModelKind.Lasso, MetaModelKind.ElasticNet], 3, activeSet: true, ComputeBackends.Default)
            .Fit(x, y, weights);

    [Theory]
    [InlineData(1L, false)]
    [InlineData(2L, true)]
    public void Ridge_ChoosesTheAlphaOfTheLowestThreeFoldError_AndRefitsOnAllRows(long seed, bool weighted)
    {
        var (x, y, w) = Problem(seed);
        var weights = weighted ? w : [];
        var ridge = Search(x, y, weights)[0];
        Assert.Equal("ridge_cv", ridge.Name);

        var alphas = AlphaGrid.Ridge();
        var folds = KFold.Split(x.Rows, 3, shuffle: false, seed: 0);
        var errors = new double[alphas.Length];
        for (int a = 0; a < alphas.Length; a++)
        {
            for (int f = 0; f < 3; f++)
            {
                var train = folds.Train(f).ToArray();
                var test = folds.Test(f).ToArray();
                var model = new RidgeRegressor(new RidgeOptions { Alpha = alphas[a] }).Fit(x.SelectRows(train), [.. train.Select(i => y[i])],
                    weighted ? [.. train.Select(i => w[i])] : default);
                errors[a] += HeldOutMse(model.Predict(x.SelectRows(test)), test, y, weights) / 3;
            }
        }
        int best = Array.IndexOf(errors, errors.Min());
        Assert.Equal(alphas[best], ridge.Alpha);
        var refit = new RidgeRegressor(new RidgeOptions { Alpha = ridge.Alpha }).Fit(x, y, weighted ? w : default);
        AssertSameModel(refit, ridge.Model, 1e-9);
    }

    [Theory]
    [InlineData(3L, false)]
    [InlineData(4L, true)]
    public void LassoAndElasticNet_MakeTheChoicesOfElasticNetCv(long seed, bool weighted)
    {
        var (x, y, w) = Problem(seed);
        var weights = weighted ? w : [];
        var choices = Search(x, y, weights);
        var options = new ElasticNetCvOptions { ActiveSetSolve = true };
        var lasso = new ElasticNetCvRegressor(options).Fit(x, y, weights);
        var net = new ElasticNetCvRegressor(options with { L1Ratios = AlphaGrid.L1Ratios() }).Fit(x, y, weights);

        Assert.Equal((lasso.Alpha, 1.0), (choices[1].Alpha, choices[1].L1Ratio));
        Assert.Equal((net.Alpha, net.L1Ratio), (choices[2].Alpha, choices[2].L1Ratio));
        AssertSameModel(lasso.Model.Model, choices[1].Model, 1e-7);
        AssertSameModel(net.Model.Model, choices[2].Model, 1e-7);
    }

    private static double HeldOutMse(double[] predicted, int[] test, double[] y, double[] weights)
    {
        double sum = 0, total = 0;
        for (int i = 0; i < test.Length; i++)
        {
            double v = weights.Length == 0 ? 1.0 : weights[test[i]];
            sum += v * (y[test[i]] - predicted[i]) * (y[test[i]] - predicted[i]);
            total += v;
        }
        return sum / total;
    }

    private static void AssertSameModel(LinearModel expected, LinearModel actual, double tolerance)
    {
        double scale = Math.Max(1.0, expected.Coefficients.Max(Math.Abs));
        for (int j = 0; j < expected.Coefficients.Count; j++)
        {
            Assert.True(Math.Abs(expected.Coefficients[j] - actual.Coefficients[j]) <= tolerance * scale,
                $"w[{j}]: {expected.Coefficients[j]} vs {actual.Coefficients[j]}");
        }
        Assert.Equal(expected.Intercept, actual.Intercept, tolerance * Math.Max(1.0, Math.Abs(expected.Intercept)));
    }
}
