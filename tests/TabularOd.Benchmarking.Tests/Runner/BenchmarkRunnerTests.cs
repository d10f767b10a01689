using TabularOd.Tests.Support;
using TabularOd.Benchmarking.Catalog;
using TabularOd.Benchmarking.Runner;
using TabularOd.Benchmarking.Store;
using TabularOd.Benchmarking.Tests.Support;
using TabularOd.Data;
using TabularOd.Detectors;
using TabularOd.Data.Preprocessing;
using TabularOd.Evaluation;

namespace TabularOd.Benchmarking.Tests.Runner;

public class BenchmarkRunnerTests
{
    private static RunnerOptions InProcess(int jobs = 2) => new() { Jobs = jobs, Launcher = null, Host = "test" };

    [Fact]
    public void Runs_every_cell_and_records_the_metrics_a_direct_fit_gives()
    {
        var suite = BenchmarkSuite.Load(TinySuite.Create(4));
        var spec = DetectorSpec.Resolve("knn,hbos") with { KeepScores = true };
        using var store = ResultsStore.Open(Path.Combine(TestPaths.NewTempFolder(), "r.db"));
        var summary = BenchmarkRunner.Run(suite, spec, ShardSpec.Whole, store, InProcess());
        Assert.Equal(8, summary.Finished);
        Assert.Equal(0, summary.Failed);
        var cells = store.ReadCells();
        Assert.Equal(8, cells.Count);
        Assert.All(cells, c => Assert.Equal(CellStatus.Ok, c.Status));

        // The knn cell of the first dataset equals fitting by hand on the standardised rows.
        var dataset = suite.Datasets[0];
        var pair = DataReader.Read(dataset.Path).Pair!;
        var scaler = new StandardScaler().Fit(pair.Train.Features);
        var scores = DetectorCatalog.Get("knn").CreateFrom(new Dictionary<string, string>())
            .Fit(scaler.Transform(pair.Train.Features)).Score(scaler.Transform(pair.Test.Features));
        var cell = cells.Single(c => c.Dataset == dataset.Id && c.Configuration == "knn");
        Assert.Equal(OutlierMetrics.Auroc(pair.Test.Labels!, scores), cell.Auroc);
        Assert.Equal(scores, store.ReadScores(cell.Key));
        Assert.Equal(pair.Test.Labels, store.ReadLabels(dataset.Id));
    }

    [Fact]
    public void A_second_run_skips_recorded_cells_and_new_configurations_are_added()
    {
        var suite = BenchmarkSuite.Load(TinySuite.Create(3));
        using var store = ResultsStore.Open(Path.Combine(TestPaths.NewTempFolder(), "r.db"));
        BenchmarkRunner.Run(suite, DetectorSpec.Resolve("knn"), ShardSpec.Whole, store, InProcess());
        var first = store.ReadCells();
        var again = BenchmarkRunner.Run(suite, DetectorSpec.Resolve("knn"), ShardSpec.Whole, store, InProcess());
        Assert.Equal((3, 0), (again.AlreadyRecorded, again.Finished));
        Assert.Equal(first.Select(c => c.FinishedUtc), store.ReadCells().Select(c => c.FinishedUtc));
        var more = BenchmarkRunner.Run(suite, DetectorSpec.Resolve("knn,lof"), ShardSpec.Whole, store, InProcess());
        Assert.Equal((3, 3), (more.AlreadyRecorded, more.Finished));
    }

    [Fact]
    public void A_failing_dataset_is_recorded_with_its_message_and_the_sweep_goes_on()
    {
        string folder = TinySuite.Create(3);
        File.WriteAllBytes(Path.Combine(folder, "broken.npz"), [1, 2, 3, 4]);
        var suite = BenchmarkSuite.Load(folder);
        using var store = ResultsStore.Open(Path.Combine(TestPaths.NewTempFolder(), "r.db"));
        var summary = BenchmarkRunner.Run(suite, DetectorSpec.Resolve("knn,hbos"), ShardSpec.Whole, store, InProcess());
        Assert.Equal((8, 2), (summary.Finished, summary.Failed));
        var failed = store.ReadCells().Where(c => c.Status != CellStatus.Ok).ToArray();
        Assert.All(failed, c => Assert.Contains("broken.npz", c.Error));
        Assert.All(failed, c => Assert.DoesNotContain('\n', c.Error!));
        // Failures are not rerun unless asked.
        Assert.Equal(0, BenchmarkRunner.Run(suite, DetectorSpec.Resolve("knn,hbos"), ShardSpec.Whole, store, InProcess()).Finished);
        Assert.Equal(2, BenchmarkRunner.Run(suite, DetectorSpec.Resolve("knn,hbos"), ShardSpec.Whole, store, InProcess() with { RetryFailed = true }).Finished);
    }

    [Fact]
    public void Results_do_not_depend_on_the_number_of_jobs_or_on_sharding()
    {
        var suite = BenchmarkSuite.Load(TinySuite.Create(5));
        var spec = DetectorSpec.Resolve("iforest,lof") with { Seeds = [0, 1] };
        string folder = TestPaths.NewTempFolder();
        using var one = ResultsStore.Open(Path.Combine(folder, "one.db"));
        BenchmarkRunner.Run(suite, spec, ShardSpec.Whole, one, InProcess(1));
        using var merged = ResultsStore.Open(Path.Combine(folder, "merged.db"));
        for (int i = 0; i < 3; i++)
        {
            string path = Path.Combine(folder, $"shard{i}.db");
            using (var shard = ResultsStore.Open(path))
            {
                BenchmarkRunner.Run(suite, spec, new ShardSpec(i, 3), shard, InProcess(3));
            }
            merged.MergeFrom(path);
        }
        static IEnumerable<(string, string, double?, double?)> View(ResultsStore s) => s.ReadCells().Select(c => (c.Key, c.Status, c.Auroc, c.Auprc));
        Assert.Equal(View(one), View(merged));
    }

    [Fact]
    public void Memory_budget_smaller_than_a_cell_still_runs_each_cell_alone()
    {
        var suite = BenchmarkSuite.Load(TinySuite.Create(3));
        using var store = ResultsStore.Open(Path.Combine(TestPaths.NewTempFolder(), "r.db"));
        var summary = BenchmarkRunner.Run(suite, DetectorSpec.Resolve("knn,hbos"), ShardSpec.Whole, store, InProcess(2) with { MemoryBudgetBytes = 1 });
        Assert.Equal(6, summary.Finished);
    }

    [Fact]
    public void Progress_counts_up_to_the_cells_to_run()
    {
        var suite = BenchmarkSuite.Load(TinySuite.Create(2));
        using var store = ResultsStore.Open(Path.Combine(TestPaths.NewTempFolder(), "r.db"));
        var reports = new List<BenchProgress>();
        BenchmarkRunner.Run(suite, DetectorSpec.Resolve("knn,hbos"), ShardSpec.Whole, store, InProcess(), new Recorder(reports));
        Assert.Equal(Enumerable.Range(0, 5), reports.Select(r => r.Finished));
        Assert.All(reports, r => Assert.Equal(4, r.ToRun));
        Assert.Equal(TimeSpan.Zero, reports[^1].Remaining);
    }

    [Fact]
    public void A_worker_that_dies_costs_only_its_cell_which_is_recorded_with_the_exit_and_last_output()
    {
        // A stand-in worker that starts, takes one cell and dies: the runner must record each cell as crashed,
        // start a new worker for the next one, and finish the sweep.
        var launcher = new WorkerLauncher("sh", ["-c", $"echo '{WorkerProtocol.ReadyLine}'; read line; echo 'native failure' >&2; exit 3"]);
        var suite = BenchmarkSuite.Load(TinySuite.Create(2));
        using var store = ResultsStore.Open(Path.Combine(TestPaths.NewTempFolder(), "r.db"));
        var summary = BenchmarkRunner.Run(suite, DetectorSpec.Resolve("knn,hbos"), ShardSpec.Whole, store, new RunnerOptions { Jobs = 2, Launcher = launcher });
        Assert.Equal((4, 4), (summary.Finished, summary.Failed));
        Assert.All(store.ReadCells(), c =>
        {
            Assert.Equal(CellStatus.Crashed, c.Status);
            Assert.Contains("exited with code 3", c.Error);
            Assert.Contains("native failure", c.Error);
        });
    }

    [Fact]
    public void A_worker_that_never_starts_is_reported_once_not_silently_skipped()
    {
        var launcher = new WorkerLauncher("sh", ["-c", "echo 'not a worker'"]);
        var suite = BenchmarkSuite.Load(TinySuite.Create(1));
        using var store = ResultsStore.Open(Path.Combine(TestPaths.NewTempFolder(), "r.db"));
        var e = Assert.Throws<InvalidOperationException>(() =>
            BenchmarkRunner.Run(suite, DetectorSpec.Resolve("knn"), ShardSpec.Whole, store, new RunnerOptions { Jobs = 1, Launcher = launcher }));
        Assert.Contains("did not start", e.Message);
        Assert.Empty(store.ReadCells());
    }

    private sealed class Recorder(List<BenchProgress> reports) : IProgress<BenchProgress>
    {
        public void Report(BenchProgress value) => reports.Add(value);
    }
}
