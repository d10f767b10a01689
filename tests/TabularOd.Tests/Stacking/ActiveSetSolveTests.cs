using TabularOd.Data;
using TabularOd.Sampling;
using TabularOd.Stacking;

namespace TabularOd.Tests.Stacking;

/// <summary>
/// Coordinate descent with active-set steps (<see cref="ElasticNetOptions.ActiveSetSolve"/>) against plain coordinate
/// descent on the strongly correlated columns stacking produces.
/// </summary>
public sealed class ActiveSetSolveTests
{
    private static (DataMatrix X, double[] Y) Correlated() => StackingFixtures.StrongAndNoisy(11, 1500, noisy: 4, copies: 5);

    [Theory]
    [InlineData(1e-4, 1.0)]
    [InlineData(1e-4, 0.5)]
    [InlineData(1e-3, 0.1)]
    [InlineData(3e-2, 0.9)]
    public void SameOptimum_InAFractionOfTheSweeps(double alpha, double l1Ratio)
    {
        var (x, y) = Correlated();
        ElasticNetFit Fit(bool activeSet, double tolerance, int maxIterations) => new ElasticNetRegressor(new ElasticNetOptions
        {
            Alpha = alpha, L1Ratio = l1Ratio, Tolerance = tolerance, MaxIterations = maxIterations, Precompute = GramMode.Always,
            ActiveSetSolve = activeSet,
        }).Fit(x, y, default);

        var plain = Fit(activeSet: false, 1e-4, 100_000);
        var active = Fit(activeSet: true, 1e-4, 100_000);
        // A duality gap of 1e-12·‖y‖² certifies the reference whichever way it was reached.
        var tight = Fit(activeSet: true, 1e-12, 100_000);
        // Plain descent may not even converge within 100 000 sweeps here (α = 1e-4, ρ = 0.5 does not).
        Assert.True(active.Converged && tight.Converged, $"active {active.Converged}, tight {tight.Converged}");
        Assert.True(active.DualityGap < active.GapTolerance);
        Assert.True(active.Iterations * 10 <= plain.Iterations, $"active-set sweeps {active.Iterations}, plain {plain.Iterations}");

        // The active-set result is the optimum on its support, so it sits on the tightly converged weights.
        double scale = tight.Model.Coefficients.Max(Math.Abs);
        for (int j = 0; j < x.Columns; j++)
        {
            Assert.True(Math.Abs(active.Model.Coefficients[j] - tight.Model.Coefficients[j]) <= 1e-6 * scale,
                $"w[{j}] = {active.Model.Coefficients[j]} vs {tight.Model.Coefficients[j]}");
            Assert.Equal(tight.Model.Coefficients[j] == 0, active.Model.Coefficients[j] == 0);
        }
    }

    [Fact]
    public void CrossValidatedErrors_AreTheHeldOutErrorsOfEachPathModel()
    {
        // The CV reduces held-out rows to sufficient statistics; recompute every error by predicting the rows.
        var (x, y) = Correlated();
        var random = new SeededRandom(5);
        var weights = Enumerable.Range(0, x.Rows).Select(_ => 0.5 + random.NextDouble()).ToArray();
        var folds = KFold.Split(x.Rows, 3, shuffle: true, seed: 9);
        double[] ratios = [0.5, 1.0];
        var fit = new ElasticNetCvRegressor(new ElasticNetCvOptions { L1Ratios = ratios, ActiveSetSolve = true }).Fit(x, y, weights, folds);

        var alphas = fit.Alphas.ToArray();
        for (int r = 0; r < ratios.Length; r++)
        {
            var expected = new double[alphas.Length];
            for (int f = 0; f < folds.Count; f++)
            {
                var train = folds.Train(f).ToArray();
                var test = folds.Test(f).ToArray();
                var path = ElasticNetPath.Compute(x.SelectRows(train), train.Select(i => y[i]).ToArray(), train.Select(i => weights[i]).ToArray(),
                    alphas, new ElasticNetOptions { L1Ratio = ratios[r], MaxIterations = 10_000, ActiveSetSolve = true });
                for (int a = 0; a < alphas.Length; a++)
                {
                    var predicted = path.Model(a).Predict(x.SelectRows(test));
                    double sum = 0, total = 0;
                    for (int i = 0; i < test.Length; i++)
                    {
                        sum += weights[test[i]] * (y[test[i]] - predicted[i]) * (y[test[i]] - predicted[i]);
                        total += weights[test[i]];
                    }
                    expected[a] += sum / total / folds.Count;
                }
            }
            for (int a = 0; a < alphas.Length; a++)
            {
                Assert.Equal(expected[a], fit.MeanMse[r][a], 1e-9 * expected[a]);
            }
        }
    }

    [Fact]
    public void CrossValidation_MatchesPlainDescent_ConvergedTightly()
    {
        // Plain descent at the default tolerance stops where the CV error curve is still off by more than its
        // flatness; converged tightly it gives the active-set steps' errors and choice.
        var (x, y) = StackingFixtures.StrongAndNoisy(12, 600, noisy: 4, copies: 2);
        var options = new ElasticNetCvOptions { L1Ratios = [0.5, 1.0], Alphas = AlphaGrid.Logspace(-3, 0, 8) };
        var plain = new ElasticNetCvRegressor(options with { Tolerance = 1e-11, MaxIterations = 1_000_000 }).Fit(x, y);
        var active = new ElasticNetCvRegressor(options with { ActiveSetSolve = true }).Fit(x, y);
        Assert.Equal(plain.Alpha, active.Alpha);
        Assert.Equal(plain.L1Ratio, active.L1Ratio);
        for (int r = 0; r < plain.MeanMse.Count; r++)
        {
            for (int a = 0; a < plain.Alphas.Count; a++)
            {
                Assert.Equal(plain.MeanMse[r][a], active.MeanMse[r][a], 1e-6 * plain.MeanMse[r][a]);
            }
        }
    }
}
