using TabularOd.Benchmarking.Catalog;
using TabularOd.Benchmarking.Runner;
using TabularOd.Benchmarking.Store;
using TabularOd.Benchmarking.Tests.Support;
using TabularOd.Sampling;
using TabularOd.Tests.Support;

namespace TabularOd.Benchmarking.Tests.Stacking;

/// <summary>Small results stores with kept scores for the outlier-stacking tests.</summary>
internal static class ScoreStores
{
    /// <summary>A store filled by the in-process runner over <paramref name="datasets"/> tiny datasets.</summary>
    public static string FromRunner(int datasets, string detectors = "knn,hbos", bool keepScores = true, int seed = 1) =>
        FromRunner(datasets, DetectorSpec.Resolve(detectors), keepScores, seed);

    /// <summary>A store filled by the in-process runner with <paramref name="spec"/>.</summary>
    public static string FromRunner(int datasets, DetectorSpec spec, bool keepScores = true, int seed = 1)
    {
        var suite = BenchmarkSuite.Load(TinySuite.Create(datasets, seed));
        string path = Path.Combine(TestPaths.NewTempFolder(), "r.db");
        using var store = ResultsStore.Open(path);
        BenchmarkRunner.Run(suite, spec with { KeepScores = keepScores }, ShardSpec.Whole, store,
            new RunnerOptions { Jobs = 2, Launcher = null, Host = "test" });
        return path;
    }

    /// <summary>
    /// A store written cell by cell: <paramref name="datasets"/> datasets of 120–200 test rows with 10–20% outliers;
    /// configuration "signal" scores label + N(0, 0.6²) — informative — and "noise1" … "noiseK" score pure noise.
    /// </summary>
    public static string Synthetic(int datasets, int noiseColumns, int seed = 7)
    {
        var random = new SeededRandom(seed);
        string path = Path.Combine(TestPaths.NewTempFolder(), "synthetic.db");
        using var store = ResultsStore.Open(path);
        var configurations = new List<DetectorConfiguration> { new("signal") };
        for (int k = 1; k <= noiseColumns; k++)
        {
            configurations.Add(new DetectorConfiguration($"noise{k}"));
        }
        for (int d = 0; d < datasets; d++)
        {
            int rows = 120 + (d * 37 % 81);
            int outliers = (rows / 10) + (d % 3 * rows / 20);
            var labels = new int[rows];
            for (int i = rows - outliers; i < rows; i++)
            {
                labels[i] = 1;
            }
            var dataset = new SuiteDataset($"synthetic/set{d:00}", $"set{d:00}", "synthetic", $"set{d:00}.npz", [], rows, rows, 3);
            store.AddDatasets([dataset]);
            foreach (var configuration in configurations)
            {
                var scores = new double[rows];
                for (int i = 0; i < rows; i++)
                {
                    scores[i] = configuration.Id == "signal" ? labels[i] + (0.6 * random.NextGaussian()) : random.NextGaussian();
                }
                var cell = new BenchCell(dataset, configuration, 0);
                store.Write(cell, new CellOutcome
                {
                    Key = cell.Key, Status = CellStatus.Ok, TestRows = rows, TrainRows = rows, Features = 3,
                    Auroc = TabularOd.Evaluation.OutlierMetrics.Auroc(labels, scores), Scores = scores, Labels = labels,
                }, "test");
            }
        }
        return path;
    }
}
