using TabularOd.Benchmarking.Runner;
using TabularOd.Benchmarking.Store;
using TabularOd.Benchmarking.Tests.Support;
using TabularOd.Cli.Tests.Support;
using TabularOd.Tests.Support;

namespace TabularOd.Cli.Tests;

public class BenchCommandTests
{
    [Fact]
    public void Run_with_worker_processes_records_every_cell_and_prints_the_leaderboard()
    {
        string suite = TinySuite.Create(3);
        string db = Path.Combine(TestPaths.NewTempFolder(), "r.db");
        var run = CliRun.Of("bench", "run", "--suite", suite, "--detectors", "knn,hbos", "--out", db, "--jobs", "2");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("6 cells run (0 failed)", run.Output);
        Assert.Contains("Leaderboard: 2 configurations over 3 datasets", run.Output);
        Assert.Contains("bench: 6/6 cells", run.Error);
        using var store = ResultsStore.Open(db, create: false);
        var cells = store.ReadCells();
        Assert.Equal(6, cells.Count);
        // Each cell reports the peak memory of its worker process, which holds the runtime and the data.
        Assert.All(cells, c => Assert.InRange(c.PeakMemoryMib!.Value, 10, 4096));

        var again = CliRun.Of("bench", "run", "--suite", suite, "--detectors", "knn,hbos", "--out", db);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("0 cells run (0 failed), 6 already recorded", again.Output);
    }

    [Fact]
    public void A_cell_over_its_time_limit_is_recorded_as_a_timeout_and_the_next_cells_still_run()
    {
        string suite = TinySuite.Create(1);
        string folder = TestPaths.NewTempFolder();
        string spec = Path.Combine(folder, "spec.json");
        // A network trained for 10^8 epochs cannot finish in 4 seconds; hbos can, even on a busy machine, and runs
        // after the timed-out cell in a fresh worker.
        File.WriteAllText(spec, """{ "timeout_seconds": 4, "detectors": [ { "detector": "ae", "params": { "epochs": 100000000, "seeds": 1 } }, "hbos" ] }""");
        string db = Path.Combine(folder, "r.db");
        var run = CliRun.Of("bench", "run", "--suite", suite, "--detectors", spec, "--out", db, "--jobs", "1", "--top", "0");
        Assert.True(run.ExitCode == 0, run.Error);
        using var store = ResultsStore.Open(db, create: false);
        var cells = store.ReadCells();
        Assert.Equal(2, cells.Count);
        Assert.All(cells.Where(c => c.Detector == "ae"), c =>
        {
            Assert.Equal(CellStatus.Timeout, c.Status);
            Assert.Contains("time limit of 4 s", c.Error);
        });
        Assert.All(cells.Where(c => c.Detector == "hbos"), c => Assert.Equal(CellStatus.Ok, c.Status));
    }

    [Fact]
    public void Shard_flag_writes_its_own_store_and_merge_combines_them_idempotently()
    {
        string suite = TinySuite.Create(4);
        string folder = TestPaths.NewTempFolder();
        string db = Path.Combine(folder, "r.db");
        for (int i = 0; i < 2; i++)
        {
            var shard = CliRun.Of("bench", "run", "--suite", suite, "--detectors", "knn,iforest", "--out", db, "--shard", $"{i}/2", "--in-process", "--top", "0");
            Assert.True(shard.ExitCode == 0, shard.Error);
            Assert.Contains($"shard {i}/2", shard.Output);
        }
        Assert.False(File.Exists(db));
        string[] shards = [Path.Combine(folder, "r.shard-0-of-2.db"), Path.Combine(folder, "r.shard-1-of-2.db")];
        var merged = CliRun.Of(["bench", "merge", "--out", Path.Combine(folder, "all.db"), .. shards]);
        Assert.True(merged.ExitCode == 0, merged.Error);
        Assert.Contains("8 cells in all", merged.Output);
        var twice = CliRun.Of(["bench", "merge", "--out", Path.Combine(folder, "all.db"), .. shards]);
        Assert.Contains("0 cells added", twice.Output);
        Assert.Contains("8 cells in all", twice.Output);
    }

    [Theory]
    [InlineData("--jobs", "0", "--jobs must be ≥ 1")]
    [InlineData("--shard", "2/2", "--shard must be i/N")]
    [InlineData("--detectors", "knn,nope", "unknown detector 'nope'")]
    [InlineData("--timeout", "0", "--timeout must be a positive number")]
    public void Bad_options_exit_2_with_one_line(string option, string value, string expected)
    {
        string suite = TinySuite.Create(1);
        var run = CliRun.Of("bench", "run", "--suite", suite, "--out", Path.Combine(TestPaths.NewTempFolder(), "r.db"), option, value);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error);
        Assert.Single(run.ErrorLines, l => l.StartsWith("error:", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_suite_and_missing_store_fail_naming_the_path()
    {
        var run = CliRun.Of("bench", "run", "--suite", "no/such/suite.json", "--out", Path.Combine(TestPaths.NewTempFolder(), "r.db"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("no/such/suite.json", run.Error);
        var merge = CliRun.Of("bench", "merge", "--out", Path.Combine(TestPaths.NewTempFolder(), "m.db"), "missing.db");
        Assert.Equal(1, merge.ExitCode);
        Assert.Contains("missing.db: results store not found", merge.Error);
    }
}
