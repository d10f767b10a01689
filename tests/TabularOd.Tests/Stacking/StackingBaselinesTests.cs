using TabularOd.Data;
using TabularOd.Stacking;

namespace TabularOd.Tests.Stacking;

public sealed class StackingBaselinesTests
{
    [Fact]
    public void AllBaselines_ShareOneShape_AndRankAsExpected()
    {
        var (p, y) = StackingFixtures.StrongAndNoisy(21, 200, noisy: 4);
        var folds = new StackingPipeline().OuterFolds(p.Rows);
        var all = StackingBaselines.All(p, y, default, folds, new HillClimbingOptions { Iterations = 20 });
        Assert.Equal(["best_single", "simple_mean", "inverse_rmse_mean", "ridge_stack", "hill_climbing", "convex_weights"], all.Select(b => b.Name));
        var byName = all.ToDictionary(b => b.Name);

        Assert.Equal([1.0, 0, 0, 0, 0], byName["best_single"].Weights);
        Assert.All(byName["simple_mean"].Weights, w => Assert.Equal(0.2, w, 15));
        Assert.True(byName["inverse_rmse_mean"].Weights[0] > byName["inverse_rmse_mean"].Weights[1]);
        foreach (var baseline in all)
        {
            Assert.Equal(p.Rows, baseline.OofPredictions.Count);
            Assert.Equal(StackingFixtures.Rmse(y, baseline.OofPredictions), baseline.OofRmse, 12);
            Assert.Equal(p.Columns, baseline.Weights.Count);
        }
        Assert.True(byName["convex_weights"].OofRmse < byName["simple_mean"].OofRmse);
        Assert.True(byName["hill_climbing"].OofRmse < byName["simple_mean"].OofRmse);
        Assert.True(byName["inverse_rmse_mean"].OofRmse < byName["simple_mean"].OofRmse);
        Assert.True(byName["ridge_stack"].OofRmse < byName["simple_mean"].OofRmse);
        Assert.Equal(1.0, byName["convex_weights"].Weights.Sum(), 12);
    }

    [Fact]
    public void HillClimbing_IsChosenOnTheTrainingFolds_AndScoredOnTheHeldOutFold()
    {
        var (p, y) = StackingFixtures.StrongAndNoisy(22, 90, noisy: 4);
        var folds = KFold.Split(p.Rows, 5, shuffle: true, seed: 42);
        var options = new HillClimbingOptions { Iterations = 15 };
        var result = StackingBaselines.HillClimbing(p, y, default, folds, options);
        for (int f = 0; f < folds.Count; f++)
        {
            var train = folds.Train(f).ToArray();
            var selected = new HillClimbingSelector(options).Select(p.SelectRows(train), [.. train.Select(i => y[i])]);
            var expected = new LinearModel([.. selected.Weights], 0).Predict(p.SelectRows(folds.Test(f)));
            var test = folds.Test(f).ToArray();
            for (int i = 0; i < test.Length; i++)
            {
                Assert.Equal(expected[i], result.OofPredictions[test[i]]);
            }
        }
        Assert.Equal(new HillClimbingSelector(options).Select(p, y).Weights, result.Weights);
    }

    [Fact]
    public void RidgeStack_IsRidgeCvOnTheRawColumns()
    {
        var (p, y) = StackingFixtures.StrongAndNoisy(23, 80, noisy: 3);
        var folds = KFold.Split(p.Rows, 4, shuffle: true, seed: 42);
        var result = StackingBaselines.RidgeStack(p, y, default, folds);
        var oof = OutOfFold.Predict(new RidgeCvRegressor(), p, y, folds);
        Assert.Equal(oof, result.OofPredictions);
        var full = new RidgeCvRegressor().Fit(p, y).Model;
        Assert.Equal(full.Coefficients, result.Weights);
        Assert.Equal(full.Intercept, result.Intercept);
        Assert.Equal(full.Predict(p), result.Predict(p));
    }

    [Fact]
    public void Baselines_RejectMismatches()
    {
        var (p, y) = StackingFixtures.StrongAndNoisy(24, 40, noisy: 2);
        var folds = KFold.Split(p.Rows, 4, shuffle: true, seed: 42);
        Assert.Equal("folds", Assert.Throws<ArgumentException>(
            () => StackingBaselines.SimpleMean(p, y, default, KFold.Split(30, 3, true, 1))).ParamName);
        Assert.Equal("target", Assert.Throws<ArgumentException>(() => StackingBaselines.SimpleMean(p, y.AsSpan(1), default, folds)).ParamName);
        var mean = StackingBaselines.SimpleMean(p, y, default, folds);
        Assert.Equal("predictions", Assert.Throws<ArgumentException>(() => mean.Predict(new DataMatrix(2, 5))).ParamName);
    }
}
