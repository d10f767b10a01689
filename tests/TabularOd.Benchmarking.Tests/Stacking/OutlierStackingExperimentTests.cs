using TabularOd.Benchmarking.Stacking;
using TabularOd.Stacking;

namespace TabularOd.Benchmarking.Tests.Stacking;

public class OutlierStackingExperimentTests
{
    [Fact]
    public void The_stack_finds_the_informative_configuration_among_noise_and_beats_the_mean_of_ranks()
    {
        var matrix = OutlierScoreLoader.Load(ScoreStores.Synthetic(datasets: 24, noiseColumns: 5));
        int signal = matrix.Configurations.ToList().IndexOf("signal");

        var result = OutlierStackingExperiment.Run(matrix, new OutlierStackingOptions { Folds = 4, HillClimbingIterations = 20, MaxDegreeOfParallelism = 1 });

        var stack = result.Method(OutlierStackingExperiment.Stack);
        var mean = result.Method(OutlierStackingExperiment.MeanOfRanks);
        var single = result.Method(OutlierStackingExperiment.BestSingle);
        Assert.Equal("signal", single.Detail);
        // The signal alone has AUROC ≈ Φ(1/(0.6·√2)) ≈ 0.88; averaging it with five noise ranks dilutes it.
        Assert.True(stack.EvaluationMean > mean.EvaluationMean + 0.05, $"stack {stack.EvaluationMean}, mean of ranks {mean.EvaluationMean}");
        Assert.True(stack.EvaluationMean > single.EvaluationMean - 0.01, $"stack {stack.EvaluationMean}, best single {single.EvaluationMean}");
        // Every candidate gives the signal column by far the largest weight.
        foreach (var candidate in result.MetaModels)
        {
            var w = candidate.Fit.Model.Coefficients;
            int column = result.KeptColumns.ToList().IndexOf("signal");
            Assert.Equal(column, Enumerable.Range(0, w.Count).MaxBy(j => Math.Abs(w[j])));
        }
        Assert.Equal(12, result.Split.Train.Count);
        Assert.Equal(12, stack.EvaluationAuroc.Count);
        Assert.True(signal >= 0);
    }

    [Fact]
    public void Every_method_is_fitted_on_the_training_datasets_and_evaluated_on_the_others_only()
    {
        var matrix = OutlierScoreLoader.Load(ScoreStores.Synthetic(datasets: 10, noiseColumns: 2, seed: 3));
        var result = OutlierStackingExperiment.Run(matrix, new OutlierStackingOptions { Folds = 2, SplitSeed = 1, MaxDegreeOfParallelism = 1 });

        Assert.Empty(result.Split.Train.Intersect(result.Split.Evaluation));
        Assert.Equal(result.Split.Evaluation.Select(d => matrix.Datasets[d].Id), result.EvaluationDatasets);
        Assert.Equal(result.Split.Evaluation.Sum(d => matrix.Datasets[d].Rows), result.EvaluationRows);
        Assert.Equal([OutlierStackingExperiment.BestSingle, OutlierStackingExperiment.MeanOfRanks, OutlierStackingExperiment.HillClimbing,
            OutlierStackingExperiment.Stack], result.Methods.Select(m => m.Name));
        Assert.Equal([MetaModelKind.Ridge, MetaModelKind.Lasso, MetaModelKind.ElasticNet], result.MetaModels.Select(m => m.Kind));
        Assert.All(result.Methods, m => Assert.Equal(5, m.EvaluationAuroc.Count));
        // The same split seed gives the same result.
        var again = OutlierStackingExperiment.Run(matrix, new OutlierStackingOptions { Folds = 2, SplitSeed = 1, MaxDegreeOfParallelism = 2 });
        Assert.Equal(result.Methods.Select(m => m.EvaluationMean), again.Methods.Select(m => m.EvaluationMean));
    }

    [Fact]
    public void Too_few_training_datasets_for_the_folds_is_an_argument_error()
    {
        var matrix = OutlierScoreLoader.Load(ScoreStores.Synthetic(datasets: 6, noiseColumns: 1));
        Assert.Throws<ArgumentException>(() => OutlierStackingExperiment.Run(matrix, new OutlierStackingOptions { Folds = 5 }));
    }
}
