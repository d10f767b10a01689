using TabularOd.Benchmarking.Catalog;
using TabularOd.Benchmarking.Runner;
using TabularOd.Benchmarking.Store;
using TabularOd.Benchmarking.Tests.Support;
using TabularOd.Cli.Tests.Support;
using TabularOd.Tests.Support;

namespace TabularOd.Cli.Tests;

public class StackOutliersCommandTests
{
    private static string Store(int datasets, bool keepScores)
    {
        var suite = BenchmarkSuite.Load(TinySuite.Create(datasets, seed: 4));
        string path = Path.Combine(TestPaths.NewTempFolder(), "r.db");
        using var store = ResultsStore.Open(path);
        BenchmarkRunner.Run(suite, DetectorSpec.Resolve("knn,hbos,iforest") with { KeepScores = keepScores }, ShardSpec.Whole, store,
            new RunnerOptions { Jobs = 2, Launcher = null, Host = "test" });
        return path;
    }

    [Fact]
    public void Outliers_prints_the_split_and_every_method_with_its_evaluation_auroc()
    {
        string db = Store(8, keepScores: true);
        string csv = Path.Combine(TestPaths.NewTempFolder(), "per-dataset.csv");

        var run = CliRun.Of("stack", "outliers", "--store", db, "--folds", "2", "--split-seed", "3", "--models", "ridge,lasso", "--threads", "1",
            "--per-dataset", csv);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error);
        Assert.Equal("", run.Error);
        Assert.Contains("8 datasets × 3 configurations", run.Output);
        Assert.Contains("seed 3: train 4 datasets", run.Output);
        Assert.Contains("evaluation 4 datasets", run.Output);
        foreach (string method in new[] { "best single", "mean of ranks", "hill climbing", "stack (", "  ridge", "  lasso" })
        {
            Assert.Contains($"│ {method}", run.Output);
        }
        Assert.DoesNotContain("elasticnet", run.Output);
        Assert.Contains("eval mean AUROC", run.Output);
        Assert.Contains("wins vs best single", run.Output);
        var lines = File.ReadAllLines(csv);
        Assert.Equal("dataset,rows,outliers,best_single,mean_of_ranks,hill_climbing,stack,ridge,lasso", lines[0]);
        Assert.Equal(1 + 4, lines.Length);
        Assert.All(lines.Skip(1), l => Assert.StartsWith("tiny/set", l));
    }

    [Fact]
    public void A_store_without_kept_scores_fails_with_one_line_saying_what_to_run()
    {
        string db = Store(2, keepScores: false);

        var run = CliRun.Of("stack", "outliers", "--store", db);

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Equal($"error: {db}: holds no kept scores; run bench run with --keep-scores", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public void A_missing_store_fails_and_bad_options_are_usage_errors()
    {
        string missing = Path.Combine(TestPaths.NewTempFolder(), "none.db");
        Assert.Equal(ExitCodes.Failure, CliRun.Of("stack", "outliers", "--store", missing).ExitCode);
        Assert.False(File.Exists(missing));

        string db = Store(4, keepScores: true);
        var models = CliRun.Of("stack", "outliers", "--store", db, "--models", "ridge,forest");
        Assert.Equal(ExitCodes.Usage, models.ExitCode);
        Assert.Contains("unknown meta-model 'forest'", models.Error);
        Assert.Equal(ExitCodes.Usage, CliRun.Of("stack", "outliers", "--store", db, "--train-fraction", "1").ExitCode);
        // Two training datasets cannot fill five grouped folds.
        var folds = CliRun.Of("stack", "outliers", "--store", db);
        Assert.Equal(ExitCodes.Usage, folds.ExitCode);
        Assert.Contains("5 folds needs at least 5 training datasets", Assert.Single(folds.ErrorLines));
    }
}
