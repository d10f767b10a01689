using TabularOd.Benchmarking.Runner;
using TabularOd.Benchmarking.Stacking;
using TabularOd.Benchmarking.Store;
using TabularOd.Data;

namespace TabularOd.Benchmarking.Tests.Stacking;

public class OutlierScoreLoaderTests
{
    [Fact]
    public void A_runner_store_becomes_rank_columns_per_dataset_with_the_labels_as_target()
    {
        string path = ScoreStores.FromRunner(4);
        var matrix = OutlierScoreLoader.Load(path);

        Assert.Equal(["hbos", "knn"], matrix.Configurations);
        Assert.Equal(4, matrix.Datasets.Count);
        using var store = ResultsStore.Open(path, create: false);
        var cells = store.ReadCells();
        foreach (var dataset in matrix.Datasets)
        {
            Assert.Equal(store.ReadLabels(dataset.Id), dataset.Labels);
            Assert.All(dataset.Ranks.ToArray(), r => Assert.InRange(r, 1.0 / dataset.Rows, 1.0));
            // Column c is the rank normalisation of that configuration's kept scores.
            for (int c = 0; c < 2; c++)
            {
                var cell = cells.Single(x => x.Dataset == dataset.Id && x.Configuration == matrix.Configurations[c]);
                var expected = RankNormalization.Normalize(store.ReadScores(cell.Key));
                var column = Enumerable.Range(0, dataset.Rows).Select(i => dataset.Ranks[(i * 2) + c]);
                Assert.Equal(expected, column);
            }
        }
        Assert.Equal(0, matrix.Summary.DatasetsMissingConfiguration);
    }

    [Fact]
    public void A_store_without_kept_scores_is_a_one_line_error_that_says_what_to_run()
    {
        string path = ScoreStores.FromRunner(2, keepScores: false);
        var e = Assert.Throws<DataFileException>(() => OutlierScoreLoader.Load(path));
        Assert.Equal($"{path}: holds no kept scores; run bench run with --keep-scores", e.Message);
    }

    [Fact]
    public void A_configuration_below_the_coverage_is_dropped_and_otherwise_its_missing_datasets_are()
    {
        string path = ScoreStores.FromRunner(6);
        using (var store = ResultsStore.Open(path, create: false))
        {
            // knn fails on one of the six datasets.
            var knn = store.ReadCells().First(c => c.Configuration == "knn");
            var suite = new TabularOd.Benchmarking.Catalog.SuiteDataset(knn.Dataset, knn.Dataset.Split('/')[1], knn.Suite, "x.npz", [], 1, 1, 1);
            var cell = new BenchCell(suite, new DetectorConfiguration("knn"), knn.Seed);
            store.Write(cell, CellOutcome.Failure(cell.Key, CellStatus.Failed, "boom"), "test");
        }

        var strict = OutlierScoreLoader.Load(path);
        Assert.Equal(["hbos"], strict.Configurations);
        Assert.Equal(6, strict.Datasets.Count);
        Assert.Equal("knn", Assert.Single(strict.Summary.ConfigurationsDropped).Configuration);

        var loose = OutlierScoreLoader.Load(path, new OutlierScoreLoadOptions { MinCoverage = 0.5 });
        Assert.Equal(["hbos", "knn"], loose.Configurations);
        Assert.Equal(5, loose.Datasets.Count);
        Assert.Equal(1, loose.Summary.DatasetsMissingConfiguration);
    }

    [Fact]
    public void Several_seeds_are_averaged_in_rank_space_or_the_first_is_taken()
    {
        var spec = new DetectorSpec { Source = "test", Entries = [new SpecEntry(new DetectorConfiguration("iforest"), [0, 1])] };
        string path = ScoreStores.FromRunner(3, spec);
        var mean = OutlierScoreLoader.Load(path);
        var first = OutlierScoreLoader.Load(path, new OutlierScoreLoadOptions { Seeds = SeedPolicy.First });
        Assert.Equal(1, mean.Summary.ConfigurationsWithSeveralSeeds);
        using var store = ResultsStore.Open(path, create: false);
        var cells = store.ReadCells();
        var dataset = first.Datasets[0];
        var seed0 = cells.Single(c => c.Dataset == dataset.Id && c.Seed == 0);
        var seed1 = cells.Single(c => c.Dataset == dataset.Id && c.Seed == 1);
        Assert.Equal(RankNormalization.Normalize(store.ReadScores(seed0.Key)), first.Datasets[0].Ranks.ToArray());
        var r0 = RankNormalization.Normalize(store.ReadScores(seed0.Key));
        var r1 = RankNormalization.Normalize(store.ReadScores(seed1.Key));
        Assert.Equal(RankNormalization.Normalize([.. r0.Zip(r1, (a, b) => a + b)]), mean.Datasets[0].Ranks.ToArray());
    }
}
