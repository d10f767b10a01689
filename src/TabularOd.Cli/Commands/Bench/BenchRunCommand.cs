using System.CommandLine;
using System.Globalization;
using TabularOd.Benchmarking.Catalog;
using TabularOd.Benchmarking.Reports;
using TabularOd.Benchmarking.Runner;
using TabularOd.Benchmarking.Store;
using TabularOd.Data;

namespace TabularOd.Cli.Commands.Bench;

/// <summary>
/// <c>tabod bench run --suite S [--detectors SPEC] --out results.db</c>: runs every dataset × configuration × seed
/// cell the store does not hold yet, in worker processes, and ends with the leaderboard. Rerunning the same command
/// resumes; <c>--shard i/N</c> (or a Slurm array task's environment) runs one balanced share into its own store.
/// </summary>
public static class BenchRunCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console)
    {
        var suite = new Option<string>("--suite", "-s")
        {
            Description = "A suite manifest (data-catalog/*.json) or a folder of data files; several joined by commas.",
            Required = true,
            HelpName = "MANIFEST|FOLDER",
        };
        var detectors = new Option<string>("--detectors", "-d")
        {
            Description = "A detector spec file (JSON with grids and seeds), 'classical', 'zoo', or detector names joined by commas.",
            DefaultValueFactory = _ => "classical",
            HelpName = "SPEC",
        };
        var output = new Option<string>("--out", "-o") { Description = "The results store (SQLite); an existing one is resumed.", Required = true, HelpName = "DB" };
        var shard = new Option<string?>("--shard")
        {
            Description = "Run shard i of N (0 ≤ i < N) into its own store (DB name + .shard-i-of-N); default: from SLURM_ARRAY_TASK_ID/COUNT when set.",
            HelpName = "i/N",
        };
        var jobs = new Option<int>("--jobs", "-j") { Description = "Cells run at once, each in its own worker process.", DefaultValueFactory = _ => Environment.ProcessorCount, HelpName = "N" };
        var memory = new Option<double?>("--max-memory") { Description = "GiB the running cells may use together (default: 80% of available memory).", HelpName = "GIB" };
        var timeout = new Option<double?>("--timeout") { Description = "Per-cell time limit in seconds (default: the spec's, else 3600).", HelpName = "SECONDS" };
        var retry = new Option<bool>("--retry-failed") { Description = "Run again the cells recorded as failed, timed out or crashed." };
        var keepScores = new Option<bool>("--keep-scores") { Description = "Store every cell's test scores (stacking over detectors needs them)." };
        var inProcess = new Option<bool>("--in-process") { Description = "Run cells on threads of this process: no worker processes, so no time limit and no crash isolation." };
        var top = new Option<int>("--top") { Description = "Leaderboard rows to print (0: none).", DefaultValueFactory = _ => 25, HelpName = "N" };
        var command = new Command("run", "Run a benchmark (resumable): every dataset × detector configuration × seed, with the leaderboard at the end.")
        {
            suite, detectors, output, shard, jobs, memory, timeout, retry, keepScores, inProcess, top,
        };
        command.SetAction(parsed =>
        {
            int jobCount = parsed.GetValue(jobs);
            if (jobCount < 1)
            {
                throw new UsageException($"--jobs must be ≥ 1. Got {jobCount}.");
            }
            if (parsed.GetValue(memory) is { } gib && !(gib > 0))
            {
                throw new UsageException($"--max-memory must be a positive number of GiB. Got {gib.ToString(CultureInfo.InvariantCulture)}.");
            }
            if (parsed.GetValue(timeout) is { } seconds && !(seconds > 0))
            {
                throw new UsageException($"--timeout must be a positive number of seconds. Got {seconds.ToString(CultureInfo.InvariantCulture)}.");
            }
            if (parsed.GetValue(top) < 0)
            {
                throw new UsageException($"--top must be ≥ 0. Got {parsed.GetValue(top)}.");
            }
            ShardSpec shardSpec;
            try
            {
                shardSpec = parsed.GetValue(shard) is { } text ? ShardSpec.Parse(text) : ShardSpec.FromEnvironment() ?? ShardSpec.Whole;
            }
            catch (ArgumentException e)
            {
                throw new UsageException(e.Message);
            }
            DetectorSpec spec;
            try
            {
                spec = DetectorSpec.Resolve(parsed.GetValue(detectors)!);
            }
            catch (ArgumentException e)
            {
                throw new UsageException($"--detectors: {e.Message}");
            }
            if (parsed.GetValue(keepScores))
            {
                spec = spec with { KeepScores = true };
            }
            var benchmarkSuite = BenchmarkSuite.Load(parsed.GetValue(suite)!);
            string storePath = StorePath(parsed.GetValue(output)!, shardSpec);
            var options = new RunnerOptions
            {
                Jobs = jobCount,
                MemoryBudgetBytes = parsed.GetValue(memory) is { } g ? (long)(g * (1L << 30)) : RunnerOptions.DefaultMemoryBudget(),
                RetryFailed = parsed.GetValue(retry),
                TimeoutSeconds = parsed.GetValue(timeout),
                Launcher = parsed.GetValue(inProcess) ? null : BenchWorkerCommand.SelfLauncher(),
            };
            return Run(console, benchmarkSuite, spec, shardSpec, storePath, options, parsed.GetValue(top));
        });
        return command;
    }

    /// <summary>A shard's own store: "results.db" → "results.shard-2-of-4.db".</summary>
    public static string StorePath(string path, ShardSpec shard) => !shard.IsSharded
        ? path
        : Path.Combine(Path.GetDirectoryName(path) ?? "", $"{Path.GetFileNameWithoutExtension(path)}.{shard.FileTag}{Path.GetExtension(path)}");

    private static int Run(CliConsole console, BenchmarkSuite suite, DetectorSpec spec, ShardSpec shard, string storePath, RunnerOptions options, int top)
    {
        using var store = ResultsStore.Open(storePath);
        int configurations = spec.Entries.Count;
        console.Out.WriteLine($"{suite.Name}: {suite.Datasets.Count} datasets × {configurations} configurations"
            + (shard.IsSharded ? $", shard {shard}" : "") + $" → {storePath}");
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            // The first Ctrl+C stops cleanly (finished cells are already stored); a second one kills as usual.
            if (!cancel.IsCancellationRequested)
            {
                e.Cancel = true;
                console.Warn("stopping: cells in flight are abandoned, finished ones are kept; run the same command to resume.");
                cancel.Cancel();
            }
        };
        Console.CancelKeyPress += onCancel;
        RunSummary summary;
        try
        {
            summary = BenchProgressView.Run(console, progress => BenchmarkRunner.Run(suite, spec, shard, store, options, progress, cancel.Token));
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
        console.Out.WriteLine($"{summary.Finished} cells run ({summary.Failed} failed), {summary.AlreadyRecorded} already recorded, "
            + $"{summary.Planned} planned, in {BenchProgressView.Duration(summary.Elapsed)}.");
        if (summary.Interrupted)
        {
            console.Fail($"interrupted; {summary.Planned - summary.AlreadyRecorded - summary.Finished} cells left. Run the same command to resume.");
            return 130;
        }
        if (top > 0)
        {
            LeaderboardView.Write(console, Leaderboard.Build(store.ReadCells()), top);
            console.Out.WriteLine($"Full report: tabod bench report {storePath} --out report/");
        }
        return ExitCodes.Ok;
    }
}
