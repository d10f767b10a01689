using TabularOd.Data;
using TabularOd.Stacking;

namespace TabularOd.Tests.Stacking;

public sealed class StackingPipelineTests
{
    private static readonly StackingPipelineOptions RidgeOnly = new() { MetaModels = [MetaModelKind.Ridge] };

    [Fact]
    public void FullPipeline_BeatsTheSimpleMean_OnOneStrongAndSeveralNoisyModels()
    {
        var (p, y) = StackingFixtures.StrongAndNoisy(1, 300, noisy: 5);
        var pipeline = new StackingPipeline();
        var result = pipeline.Fit(p, y);
        var mean = StackingBaselines.SimpleMean(p, y, default, pipeline.OuterFolds(p.Rows));

        Assert.True(result.BlendOofRmse <= mean.OofRmse, $"stack {result.BlendOofRmse} vs mean {mean.OofRmse}");
        // The strong model alone has RMSE ≈ 0.3; the mean of six models ≈ √(0.09 + 5·4)/6 ≈ 0.75.
        Assert.True(result.BlendOofRmse < 0.4, $"stack {result.BlendOofRmse}");
        Assert.Equal(3, result.MetaModels.Count);
        Assert.Equal([MetaModelKind.Ridge, MetaModelKind.Lasso, MetaModelKind.ElasticNet], result.MetaModels.Select(r => r.Kind));
        Assert.Equal(["ridge_cv", "lasso_cv", "elastic_net_cv"], result.MetaModels.Select(r => r.Name));
        Assert.Equal(1.0, result.MetaModels.Sum(r => r.BlendWeight), 12);
        Assert.True(result.FitSeconds > 0);
        Assert.Equal(10, result.OuterFolds.Count);
    }

    [Fact]
    public void BlendWeights_AreInverseOofRmse_AndTheBlendIsTheirWeightedSum()
    {
        var (p, y) = StackingFixtures.StrongAndNoisy(2, 150, noisy: 3);
        var result = new StackingPipeline().Fit(p, y);
        double total = result.MetaModels.Sum(r => 1 / r.OofRmse);
        foreach (var meta in result.MetaModels)
        {
            Assert.Equal((1 / meta.OofRmse) / total, meta.BlendWeight, 14);
            Assert.Equal(StackingFixtures.Rmse(y, meta.OofPredictions), meta.OofRmse, 12);
        }
        for (int i = 0; i < y.Length; i++)
        {
            double expected = result.MetaModels.Sum(r => r.BlendWeight * r.OofPredictions[i]);
            Assert.Equal(expected, result.BlendOofPredictions[i], 12);
        }
        Assert.Equal(StackingFixtures.Rmse(y, result.BlendOofPredictions), result.BlendOofRmse, 12);
    }

    [Fact]
    public void Deduplication_RemovesTheCopies_AndTheConditionNumberDrops()
    {
        var (p, y) = StackingFixtures.StrongAndNoisy(3, 200, noisy: 3, copies: 3);
        var result = new StackingPipeline(RidgeOnly).Fit(p, y);

        Assert.NotNull(result.Deduplication);
        // Exactly one of the strong model and its three near-copies survives, and all noisy ones do.
        Assert.Single(result.Kept, j => j <= 3);
        Assert.Equal([4, 5, 6], result.Kept.Where(j => j > 3));
        Assert.True(result.ConditionNumberAfter < result.ConditionNumberBefore / 100,
            $"{result.ConditionNumberBefore} → {result.ConditionNumberAfter}");
        Assert.Equal(result.Kept.Count + MetaFeatures.Count, result.DesignColumns.Count);
        Assert.Equal(p.Columns, result.Stack.BaseModels);
    }

    [Fact]
    public void Ablations_SwitchEachStageOff()
    {
        var (p, y) = StackingFixtures.StrongAndNoisy(4, 120, noisy: 3, copies: 2);

        var noDedup = new StackingPipeline(RidgeOnly with { Deduplicate = false }).Fit(p, y);
        Assert.Null(noDedup.Deduplication);
        Assert.Equal(Enumerable.Range(0, p.Columns), noDedup.Kept);
        Assert.Equal(noDedup.ConditionNumberBefore, noDedup.ConditionNumberAfter);

        var noMeta = new StackingPipeline(RidgeOnly with { UseMetaFeatures = false }).Fit(p, y);
        Assert.Equal(noMeta.Kept.Select(j => $"model_{j}"), noMeta.DesignColumns);
        Assert.False(noMeta.Stack.UseMetaFeatures);

        var noBlend = new StackingPipeline(new StackingPipelineOptions { Blend = false, MetaModels = [MetaModelKind.Ridge, MetaModelKind.Lasso] }).Fit(p, y);
        var best = noBlend.MetaModels.MinBy(r => r.OofRmse)!;
        Assert.Equal(1.0, best.BlendWeight);
        Assert.Equal(0.0, noBlend.MetaModels.Single(r => r != best).BlendWeight);
        Assert.Equal(best.OofRmse, noBlend.BlendOofRmse);
        Assert.Single(noBlend.Stack.MetaModels);
        Assert.Equal(best.OofPredictions, noBlend.BlendOofPredictions);
    }

    [Fact]
    public void Standardisation_IsFittedInsideEachFold_NoLeakage()
    {
        // Fold 0's held-out rows are predicted by models fitted on the other folds only. Blowing up the predictions
        // of fold 0's other held-out rows must leave a held-out row's OOF prediction unchanged to the bit; a scaler
        // (or α search) fitted on all rows would see the blown-up rows and change it.
        var (p, y) = StackingFixtures.StrongAndNoisy(5, 120, noisy: 4);
        var options = new StackingPipelineOptions { Deduplicate = false, MetaModels = [MetaModelKind.Ridge, MetaModelKind.Lasso] };
        var pipeline = new StackingPipeline(options);
        var folds = pipeline.OuterFolds(p.Rows);
        var baseline = pipeline.Fit(p, y);

        var test = folds.Test(0).ToArray();
        int watched = test[0];
        var perturbed = p.Clone();
        foreach (int i in test.Skip(1))
        {
            for (int j = 0; j < p.Columns; j++)
            {
                perturbed[i, j] = (perturbed[i, j] * 50) + 1000;
            }
        }
        var after = pipeline.Fit(perturbed, y);
        // (The blend weights come from the OOF RMSEs over all rows, as SPEC §8 step 4 says, so only the meta-models'
        // own OOF predictions are compared.)
        foreach (var (a, b) in baseline.MetaModels.Zip(after.MetaModels))
        {
            Assert.Equal(a.OofPredictions[watched], b.OofPredictions[watched]);
        }

        // The control: the same perturbation with a scaler fitted on all rows first does move the prediction, so the
        // assertion above would catch leakage.
        var leaky = LeakyOof(p, y, folds);
        var leakyAfter = LeakyOof(perturbed, y, folds);
        Assert.NotEqual(leaky[watched], leakyAfter[watched]);
        // Without leakage, the same one-step OOF is unchanged.
        var honest = OutOfFold.Predict(new StandardizedRegressor(new RidgeRegressor(new RidgeOptions { Alpha = 50 })), p, y, folds);
        var honestAfter = OutOfFold.Predict(new StandardizedRegressor(new RidgeRegressor(new RidgeOptions { Alpha = 50 })), perturbed, y, folds);
        Assert.Equal(honest[watched], honestAfter[watched]);
    }

    private static double[] LeakyOof(DataMatrix p, double[] y, FoldAssignment folds)
    {
        var scaled = new StandardizedRegressor(new RidgeRegressor()).Fit(p, y, default);
        var design = new DataMatrix(p.Rows, p.Columns);
        for (int i = 0; i < p.Rows; i++)
        {
            for (int j = 0; j < p.Columns; j++)
            {
                design[i, j] = (p[i, j] - scaled.Mean[j]) / scaled.Scale[j];
            }
        }
        return OutOfFold.Predict(new RidgeRegressor(new RidgeOptions { Alpha = 50 }), design, y, folds);
    }

    [Fact]
    public void StandardizedRegressor_UsesTheFittedRowsMoments_AndCentresConstantColumns()
    {
        var x = DataMatrix.FromArray(new double[,] { { 1, 7 }, { 3, 7 }, { 5, 7 } });
        var model = new StandardizedRegressor(new RidgeRegressor()).Fit(x, [1, 2, 3], default);
        Assert.Equal([3.0, 7.0], model.Mean);
        Assert.Equal(Math.Sqrt(8.0 / 3.0), model.Scale[0], 15);
        Assert.Equal(1.0, model.Scale[1]);
        var weighted = new StandardizedRegressor(new RidgeRegressor()).Fit(x, [1, 2, 3], [1, 0, 1]);
        Assert.Equal(3.0, weighted.Mean[0]);
        Assert.Equal(2.0, weighted.Scale[0], 15);
    }

    [Fact]
    public void Results_AreTheSameBits_OnOneThreadOrMany()
    {
        var (p, y) = StackingFixtures.StrongAndNoisy(6, 120, noisy: 4, copies: 1);
        var one = new StackingPipeline(new StackingPipelineOptions { MaxDegreeOfParallelism = 1 }).Fit(p, y);
        var many = new StackingPipeline(new StackingPipelineOptions { MaxDegreeOfParallelism = 4 }).Fit(p, y);
        Assert.Equal(one.BlendOofPredictions, many.BlendOofPredictions);
        Assert.Equal(one.BlendOofRmse, many.BlendOofRmse);
        Assert.Equal(one.Stack.Predict(p), many.Stack.Predict(p));
        Assert.Equal(one.MetaModels.Select(r => r.Alpha), many.MetaModels.Select(r => r.Alpha));
    }

    [Fact]
    public void SampleWeights_AreAccepted_AndChangeTheRefit()
    {
        var (p, y) = StackingFixtures.StrongAndNoisy(7, 120, noisy: 3);
        var w = Enumerable.Range(0, p.Rows).Select(i => 1.0 + (i % 3)).ToArray();
        var result = new StackingPipeline(RidgeOnly).Fit(p, y, w);
        Assert.True(double.IsFinite(result.BlendOofRmse));
        var unweighted = new StackingPipeline(RidgeOnly).Fit(p, y);
        Assert.NotEqual(unweighted.Stack.Predict(p), result.Stack.Predict(p));
    }

    [Fact]
    public void Predict_WithTheWrongColumnCount_NamesThePredictionsParameter()
    {
        var (p, y) = StackingFixtures.StrongAndNoisy(8, 60, noisy: 3);
        var stack = new StackingPipeline(RidgeOnly).Fit(p, y).Stack;
        var wrong = new DataMatrix(5, p.Columns - 1);
        var error = Assert.Throws<ArgumentException>(() => stack.Predict(wrong));
        Assert.Equal("predictions", error.ParamName);
        Assert.Contains($"{p.Columns} base-model columns", error.Message);
    }

    [Fact]
    public void Fit_RejectsMismatchedInputs_WithTheParameterName()
    {
        var (p, y) = StackingFixtures.StrongAndNoisy(9, 60, noisy: 3);
        var pipeline = new StackingPipeline(RidgeOnly);
        Assert.Equal("target", Assert.Throws<ArgumentException>(() => pipeline.Fit(p, y.AsSpan(1))).ParamName);
        Assert.Equal("sampleWeight", Assert.Throws<ArgumentException>(() => pipeline.Fit(p, y, [1.0, 2.0])).ParamName);
        var broken = p.Clone();
        broken[3, 1] = double.NaN;
        Assert.Equal("predictions", Assert.Throws<ArgumentException>(() => pipeline.Fit(broken, y)).ParamName);
        var tiny = p.SelectRows([0, 1, 2, 3, 4]);
        Assert.Equal("predictions", Assert.Throws<ArgumentException>(() => pipeline.Fit(tiny, y.AsSpan(0, 5))).ParamName);
        Assert.Equal("MetaModels", Assert.Throws<ArgumentException>(() => new StackingPipeline(new StackingPipelineOptions { MetaModels = [] }).Fit(p, y)).ParamName);
        Assert.Equal("MetaModels", Assert.Throws<ArgumentException>(
            () => new StackingPipeline(new StackingPipelineOptions { MetaModels = [MetaModelKind.Ridge, MetaModelKind.Ridge] }).Fit(p, y)).ParamName);
    }

    [Fact]
    public void RefittedStack_ReproducesItsOwnMetaModels()
    {
        var (p, y) = StackingFixtures.StrongAndNoisy(10, 100, noisy: 3);
        var result = new StackingPipeline().Fit(p, y);
        var predicted = result.Stack.Predict(p);
        var design = MetaFeatures.Append(p.SelectColumns([.. result.Kept]));
        // The refit winsorises the design to bounds fitted on all rows (ClipQuantile's default) before the meta-models.
        Assert.True(result.Stack.Clips);
        var (lower, upper) = ClippedRegressor.Bounds(design, StackingPipelineOptions.DefaultClipQuantile);
        Assert.Equal(lower, result.Stack.ClipLower);
        Assert.Equal(upper, result.Stack.ClipUpper);
        for (int i = 0; i < design.Rows; i++)
        {
            for (int j = 0; j < design.Columns; j++)
            {
                design[i, j] = Math.Clamp(design[i, j], lower[j], upper[j]);
            }
        }
        for (int i = 0; i < p.Rows; i++)
        {
            double expected = result.MetaModels.Sum(r => r.BlendWeight * r.Model.Predict(design.SelectRows([i]))[0]);
            Assert.Equal(expected, predicted[i], 12);
        }
        // The refit's Lasso on a strong + noisy library zeroes at least one weight.
        Assert.True(result.MetaModels.Single(r => r.Kind == MetaModelKind.Lasso).ZeroCoefficientShare > 0);
    }

    [Fact]
    public void EveryModelNearConstant_KeepsTheBestOne_SoAStackStillExists()
    {
        // All variances are far below τ_var = 0.01: de-duplication drops everything, the pipeline keeps the best model.
        var (p, y) = StackingFixtures.StrongAndNoisy(14, 80, noisy: 2);
        var small = p.Clone();
        foreach (ref double v in small.AsSpan())
        {
            v *= 0.001;
        }
        var target = y.Select(v => v * 0.001).ToArray();
        var result = new StackingPipeline(new StackingPipelineOptions { MetaModels = [MetaModelKind.Ridge, MetaModelKind.Lasso] }).Fit(small, target);
        Assert.Empty(result.Deduplication!.Kept);
        Assert.Equal([0], result.Kept);
        Assert.Equal(1.0, result.ConditionNumberAfter);
        Assert.True(double.IsFinite(result.BlendOofRmse));
        Assert.Equal(small.Rows, result.Stack.Predict(small).Length);
    }
}
