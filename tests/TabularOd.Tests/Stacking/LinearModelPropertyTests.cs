using TabularOd.Compute;
using TabularOd.Data;
using TabularOd.Sampling;
using TabularOd.Stacking;

namespace TabularOd.Tests.Stacking;

/// <summary>Properties of the linear meta-models that hold whatever the peer says: the checks that do not need a fixture.</summary>
public sealed class LinearModelPropertyTests
{
    public static TheoryData<string> Backends() => new(ComputeBackends.Available.Select(b => b.Name));

    public static TheoryData<string, int, int> BackendsAndShapes()
    {
        var data = new TheoryData<string, int, int>();
        foreach (var backend in ComputeBackends.Available)
        {
            data.Add(backend.Name, 15, 4);
            data.Add(backend.Name, 9, 14);
        }
        return data;
    }

    private static (DataMatrix X, double[] Y, double[] W) Problem(int n, int p, long seed)
    {
        var rng = new SeededRandom(seed);
        var x = new DataMatrix(n, p);
        var y = new double[n];
        var w = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < p; j++)
            {
                x[i, j] = rng.NextGaussian();
                y[i] += (j + 1) * 0.3 * x[i, j];
            }
            y[i] += 2 + (0.5 * rng.NextGaussian());
            w[i] = 1 + rng.NextInt(3);
        }
        return (x, y, w);
    }

    [Theory]
    [MemberData(nameof(BackendsAndShapes))]
    public void RidgeLeaveOneOut_EqualsRefittingWithoutEachRow(string backend, int rows, int columns)
    {
        // 15×4 runs the primal (Gram) form, 9×14 the dual (kernel) form.
        var (x, y, w) = Problem(rows, columns, seed: 3);
        foreach (bool weighted in new[] { false, true })
        {
            double[] sw = weighted ? w : [];
            double[] alphas = [0.01, 0.7, 25];
            var fit = new RidgeCvRegressor(new RidgeCvOptions { Alphas = alphas }, ComputeBackends.Get(backend)).Fit(x, y, sw);
            for (int a = 0; a < alphas.Length; a++)
            {
                double sum = 0;
                for (int i = 0; i < x.Rows; i++)
                {
                    int[] others = [.. Enumerable.Range(0, x.Rows).Where(r => r != i)];
                    var model = new RidgeRegressor(new RidgeOptions { Alpha = alphas[a] }, ComputeBackends.Get(backend))
                        .Fit(x.SelectRows(others), others.Select(r => y[r]).ToArray(), weighted ? others.Select(r => w[r]).ToArray() : []);
                    double e = y[i] - model.Predict(x.Row(i));
                    sum += (weighted ? w[i] : 1) * e * e;
                }
                Assert.Equal(sum / x.Rows, fit.LeaveOneOutMse[a], 1e-9 * (sum / x.Rows));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void PrimalAndDualForms_GiveTheSameRidge(string backend)
    {
        // 10 rows: 9 columns go through XᵀX; the same 9 plus two all-zero columns (11 > 10) through XXᵀ. The zero
        // columns change nothing, so both forms must give the same weights.
        var (x, y, w) = Problem(10, 9, seed: 12);
        var wider = new DataMatrix(10, 11);
        for (int i = 0; i < 10; i++)
        {
            x.Row(i).CopyTo(wider.Row(i));
            wider[i, 9] = 0.0;
            wider[i, 10] = 0.0;
        }
        var narrow = new RidgeRegressor(new RidgeOptions { Alpha = 0.2 }, ComputeBackends.Get(backend)).Fit(x, y, w);
        var wide = new RidgeRegressor(new RidgeOptions { Alpha = 0.2 }, ComputeBackends.Get(backend)).Fit(wider, y, w);
        Assert.Equal(narrow.Intercept, wide.Intercept, 1e-10);
        for (int j = 0; j < 9; j++)
        {
            Assert.Equal(narrow.Coefficients[j], wide.Coefficients[j], 1e-10);
        }
        Assert.Equal(0.0, wide.Coefficients[9]);
        Assert.Equal(0.0, wide.Coefficients[10]);
    }

    [Fact]
    public void IntegerSampleWeights_EqualRepeatedRows()
    {
        var (x, y, w) = Problem(12, 3, seed: 9);
        var rows = Enumerable.Range(0, x.Rows).SelectMany(i => Enumerable.Repeat(i, (int)w[i])).ToArray();
        var repeatedX = x.SelectRows(rows);
        var repeatedY = rows.Select(i => y[i]).ToArray();

        var ridge = new RidgeRegressor(new RidgeOptions { Alpha = 0.3 });
        AssertSame(ridge.Fit(repeatedX, repeatedY), ridge.Fit(x, y, w), 1e-10);

        var enet = new ElasticNetRegressor(new ElasticNetOptions { Alpha = 0.05, L1Ratio = 0.7, Tolerance = 1e-12, MaxIterations = 100000 });
        AssertSame(enet.Fit(repeatedX, repeatedY).Model, enet.Fit(x, y, w).Model, 1e-8);
    }

    [Fact]
    public void ConstantColumn_GetsNoWeight_AndCopiedColumnsShareRidgeWeight()
    {
        var (x, y, _) = Problem(20, 2, seed: 4);
        var wide = new DataMatrix(20, 4);
        for (int i = 0; i < 20; i++)
        {
            wide[i, 0] = x[i, 0];
            wide[i, 1] = x[i, 1];
            wide[i, 2] = 5.0;
            wide[i, 3] = x[i, 0];
        }
        var ridge = new RidgeRegressor(new RidgeOptions { Alpha = 0.1 }).Fit(wide, y);
        Assert.Equal(0.0, ridge.Coefficients[2], 12);
        Assert.Equal(ridge.Coefficients[0], ridge.Coefficients[3], 10);
        var lasso = new ElasticNetRegressor(ElasticNetOptions.Lasso(0.01)).Fit(wide, y);
        Assert.Equal(0.0, lasso.Model.Coefficients[2]);
        Assert.True(lasso.Converged);
    }

    [Fact]
    public void WarmStart_AndPath_ReachTheSameOptimum()
    {
        var (x, y, w) = Problem(40, 6, seed: 5);
        double[] alphas = [0.5, 0.1, 0.02, 0.004];
        var tight = new ElasticNetOptions { L1Ratio = 0.8, Tolerance = 1e-12, MaxIterations = 100000 };
        var path = ElasticNetPath.Compute(x, y, w, alphas, tight);
        Assert.Equal(alphas, path.Alphas);
        for (int a = 0; a < alphas.Length; a++)
        {
            var cold = new ElasticNetRegressor(tight with { Alpha = alphas[a] }).Fit(x, y, w);
            AssertSame(cold.Model, path.Model(a), 1e-8);
            var warm = new ElasticNetRegressor(tight with { Alpha = alphas[a] }).Fit(x, y, w, path.Model(Math.Max(a - 1, 0)).Coefficients.ToArray());
            AssertSame(cold.Model, warm.Model, 1e-8);
        }
        Assert.True(path.Iterations[^1] < new ElasticNetRegressor(tight with { Alpha = alphas[^1] }).Fit(x, y, w).Iterations);
    }

    [Theory]
    [InlineData(40, 6)]
    [InlineData(8, 12)]
    public void GramAndDataForms_ReachTheSameOptimum(int rows, int columns)
    {
        var (x, y, w) = Problem(rows, columns, seed: 15);
        foreach (double ratio in new[] { 0.3, 1.0 })
        {
            var options = new ElasticNetOptions { Alpha = 0.05, L1Ratio = ratio, Tolerance = 1e-12, MaxIterations = 100000 };
            var data = new ElasticNetRegressor(options with { Precompute = GramMode.Never }).Fit(x, y, w);
            var gram = new ElasticNetRegressor(options with { Precompute = GramMode.Always }).Fit(x, y, w);
            Assert.True(data.Converged && gram.Converged);
            AssertSame(data.Model, gram.Model, 1e-8);
        }
    }

    [Fact]
    public void ElasticNetCv_GivesTheSameBits_OnOneThreadOrMany()
    {
        var (x, y, w) = Problem(60, 5, seed: 6);
        var options = new ElasticNetCvOptions { L1Ratios = AlphaGrid.L1Ratios(), Folds = 4, Shuffle = true, Seed = 42 };
        var one = new ElasticNetCvRegressor(options with { MaxDegreeOfParallelism = 1 }).Fit(x, y, w);
        var many = new ElasticNetCvRegressor(options with { MaxDegreeOfParallelism = 8 }).Fit(x, y, w);
        Assert.Equal(one.Alpha, many.Alpha);
        Assert.Equal(one.L1Ratio, many.L1Ratio);
        Assert.Equal(one.Model.Model.Coefficients, many.Model.Model.Coefficients);
        for (int r = 0; r < one.MeanMse.Count; r++)
        {
            Assert.Equal(one.MeanMse[r], many.MeanMse[r]);
        }
        Assert.Equal("elastic_net_cv", new ElasticNetCvRegressor(options).Name);
        Assert.Equal("lasso_cv", new ElasticNetCvRegressor().Name);
    }

    [Fact]
    public void Predictions_DoNotDependOnBatching()
    {
        var (x, y, _) = Problem(25, 3, seed: 8);
        var model = new RidgeRegressor().Fit(x, y);
        var all = model.Predict(x);
        for (int i = 0; i < x.Rows; i++)
        {
            Assert.Equal(all[i], model.Predict(x.SelectRows([i]))[0]);
            Assert.Equal(all[i], model.Predict(x.Row(i)));
        }
    }

    [Fact]
    public void BadArguments_NameTheParameter()
    {
        var (x, y, w) = Problem(10, 2, seed: 1);
        Assert.Equal("Alpha", Assert.Throws<ArgumentException>(() => new RidgeRegressor(new RidgeOptions { Alpha = 0 }).Fit(x, y)).ParamName);
        var ex = Assert.Throws<ArgumentException>(() => new ElasticNetRegressor(new ElasticNetOptions { L1Ratio = 1.5 }).Fit(x, y));
        Assert.Equal("L1Ratio", ex.ParamName);
        Assert.Contains("The 'L1Ratio' parameter of ElasticNetRegressor must be in [0, 1]. Got 1.5.", ex.Message);
        Assert.Equal("MaxIterations", Assert.Throws<ArgumentException>(() => new ElasticNetRegressor(new ElasticNetOptions { MaxIterations = 0 }).Fit(x, y)).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => new RidgeRegressor().Fit(x, y.AsSpan(1))).ParamName);
        Assert.Equal("sampleWeight", Assert.Throws<ArgumentException>(() => new RidgeRegressor().Fit(x, y, w.AsSpan(1))).ParamName);
        var negative = (double[])w.Clone();
        negative[3] = -1;
        Assert.Equal("sampleWeight", Assert.Throws<ArgumentException>(() => new RidgeRegressor().Fit(x, y, negative)).ParamName);
        var broken = x.SelectRows([.. Enumerable.Range(0, 10)]);
        broken[2, 1] = double.NaN;
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => new ElasticNetRegressor().Fit(broken, y)).ParamName);
        Assert.Equal("Alphas", Assert.Throws<ArgumentException>(() => new RidgeCvRegressor(new RidgeCvOptions { Alphas = [] }).Fit(x, y)).ParamName);
        Assert.Equal("Alphas", Assert.Throws<ArgumentException>(() => new ElasticNetCvRegressor(new ElasticNetCvOptions { Alphas = [1, -1] }).Fit(x, y)).ParamName);
        Assert.Equal("Folds", Assert.Throws<ArgumentException>(() => new ElasticNetCvRegressor(new ElasticNetCvOptions { Folds = 1 }).Fit(x, y)).ParamName);
        Assert.Equal("initialCoefficients", Assert.Throws<ArgumentException>(() => new ElasticNetRegressor().Fit(x, y, default, new double[5])).ParamName);
    }

    private static void AssertSame(LinearModel expected, LinearModel actual, double tolerance)
    {
        Assert.Equal(expected.Intercept, actual.Intercept, tolerance);
        for (int j = 0; j < expected.Columns; j++)
        {
            Assert.Equal(expected.Coefficients[j], actual.Coefficients[j], tolerance);
        }
    }
}
