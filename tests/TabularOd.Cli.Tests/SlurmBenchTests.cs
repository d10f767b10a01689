using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using TabularOd.Benchmarking.Store;
using TabularOd.Cli.Tests.Support;
using TabularOd.Tests.Support;

namespace TabularOd.Cli.Tests;

/// <summary>
/// A benchmark run as a real Slurm job array (scripts/slurm/bench.sbatch on a single-node cluster started by
/// scripts/slurm/single-node-cluster.sh) must end, once its shards are merged, with exactly the cells one process
/// records for the same benchmark.
/// </summary>
public sealed class SlurmBenchTests(SingleNodeSlurmCluster cluster) : IClassFixture<SingleNodeSlurmCluster>
{
    private const string Detectors = "knn,hbos,iforest";
    private const int Tasks = 4;
    private const int Datasets = 5;
    private static readonly int Cells = Datasets * Detectors.Split(',').Length;

    // Generous: the job takes about 15 s here, but a loaded CI machine may queue tasks and start dotnet slowly.
    private static readonly TimeSpan JobDeadline = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(1);

    [SlurmFact]
    public void ArrayJobShardsMergeIntoTheCellsOfASingleProcessRun()
    {
        string dir = TestPaths.NewTempFolder();
        string suite = CopySmallestCatalogDatasets(Path.Combine(dir, "suite"), Datasets);
        string logs = Directory.CreateDirectory(Path.Combine(dir, "logs")).FullName;
        string results = Path.Combine(dir, "results.db");

        cluster.EnsureRunning();
        string jobId = SubmitBenchArray(dir, logs, suite, results);
        WaitUntilFinished(jobId, logs);
        AssertEveryTaskCompleted(jobId, logs);

        string[] shards = Enumerable.Range(0, Tasks).Select(i => Path.Combine(dir, $"results.shard-{i}-of-{Tasks}.db")).ToArray();
        string[] written = Directory.GetFiles(dir, "results.shard-*.db").Order(StringComparer.Ordinal).ToArray();
        Expect(shards.Order(StringComparer.Ordinal).SequenceEqual(written), () =>
            $"Expected one store per array task ({string.Join(", ", shards.Select(Path.GetFileName))}); found "
            + $"[{string.Join(", ", written.Select(Path.GetFileName))}].{JobReport(jobId, logs)}");
        Expect(!File.Exists(results), () => $"A task wrote {Path.GetFileName(results)} itself: it ran unsharded.{JobReport(jobId, logs)}");

        var shardOfKey = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < Tasks; i++)
        {
            using var store = ResultsStore.Open(shards[i], create: false);
            // Each task must have taken its own shard from SLURM_ARRAY_TASK_ID, not run the whole benchmark.
            string? shard = store.Meta("shard");
            Expect(shard == $"{i}/{Tasks}", () =>
                $"{Path.GetFileName(shards[i])} says it holds shard '{shard}', not {i}/{Tasks}.{JobReport(jobId, logs)}");
            var keys = store.ReadCells().Select(c => c.Key).ToList();
            Expect(keys.Count > 0, () => $"Shard {i} recorded no cells; {Cells} cells over {Tasks} balanced shards leave none empty.{JobReport(jobId, logs)}");
            foreach (string key in keys)
            {
                Assert.True(shardOfKey.TryAdd(key, i), $"Cell '{key}' is in shard {shardOfKey.GetValueOrDefault(key)} and in shard {i}.");
            }
        }

        string merged = Path.Combine(dir, "merged.db");
        var merge = CliRun.Of(["bench", "merge", "--out", merged, .. shards]);
        Assert.True(merge.ExitCode == ExitCodes.Ok, $"bench merge exited with {merge.ExitCode}:\n{merge.Output}\n{merge.Error}");
        var afterFirstMerge = ReadComparable(merged);
        Assert.Equal(shardOfKey.Count, afterFirstMerge.Count);

        var again = CliRun.Of(["bench", "merge", "--out", merged, .. shards]);
        Assert.True(again.ExitCode == ExitCodes.Ok, $"The second bench merge exited with {again.ExitCode}:\n{again.Output}\n{again.Error}");
        Assert.True(again.Output.Contains(": 0 cells added,", StringComparison.Ordinal), $"Merging the same shards again added cells:\n{again.Output}");
        // Idempotent down to each record: the host and finish time would change if a cell had been rewritten.
        Assert.Equal(afterFirstMerge, ReadComparable(merged));

        string single = Path.Combine(dir, "single.db");
        // --shard 0/1: the whole benchmark, even if this test itself runs inside a Slurm array task.
        var run = CliRun.Of("bench", "run", "--suite", suite, "--detectors", Detectors, "--out", single, "--shard", "0/1", "--jobs", "2", "--top", "0");
        Assert.True(run.ExitCode == ExitCodes.Ok, $"The single-process bench run exited with {run.ExitCode}:\n{run.Output}\n{run.Error}");

        var expected = ReadComparable(single);
        Assert.Equal(Cells, expected.Count);
        var notOk = expected.Values.Where(c => c.Status != "ok").Select(c => $"{c.Key}: {c.Status}").ToList();
        Assert.True(notOk.Count == 0, $"The single-process run has cells that did not finish: {string.Join("; ", notOk)}");

        var missing = expected.Keys.Except(afterFirstMerge.Keys).ToList();
        var extra = afterFirstMerge.Keys.Except(expected.Keys).ToList();
        Expect(missing.Count == 0 && extra.Count == 0, () =>
            $"The merged shards and the single run hold different cells. Only in the single run: [{string.Join(", ", missing)}]; "
            + $"only in the merged shards: [{string.Join(", ", extra)}].{JobReport(jobId, logs)}");
        foreach (var (key, want) in expected)
        {
            var got = afterFirstMerge[key];
            Assert.True(want.Status == got.Status && Nullable.Equals(want.Auroc, got.Auroc) && Nullable.Equals(want.Auprc, got.Auprc),
                $"Cell '{key}' differs: single run {want.Status} AUROC {want.Auroc:R} AUPRC {want.Auprc:R}; "
                + $"shard {shardOfKey[key]} {got.Status} AUROC {got.Auroc:R} AUPRC {got.Auprc:R}.");
        }

        Directory.Delete(dir, recursive: true);
    }

    /// <summary>The fields a run must reproduce, plus the ones a rewrite would change (host, finish time).</summary>
    private sealed record ComparableCell(string Key, string Status, double? Auroc, double? Auprc, string Host, string FinishedUtc);

    private static Dictionary<string, ComparableCell> ReadComparable(string path)
    {
        using var store = ResultsStore.Open(path, create: false);
        return store.ReadCells().ToDictionary(
            c => c.Key, c => new ComparableCell(c.Key, c.Status, c.Auroc, c.Auprc, c.Host, c.FinishedUtc), StringComparer.Ordinal);
    }

    /// <summary>The catalog's smallest datasets by cells (rows × features), copied into a suite folder.</summary>
    private static string CopySmallestCatalogDatasets(string folder, int count)
    {
        string catalog = Path.Combine(TestPaths.RepositoryRoot, "data-catalog");
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(catalog, "adbench.json")));
        var smallest = manifest.RootElement.GetProperty("datasets").EnumerateArray()
            .Select(d => (File: d.GetProperty("file").GetString()!, Size: d.GetProperty("rows").GetInt64() * d.GetProperty("features").GetInt64()))
            .OrderBy(d => d.Size).ThenBy(d => d.File, StringComparer.Ordinal)
            .Take(count)
            .ToList();
        Directory.CreateDirectory(folder);
        foreach (var (file, _) in smallest)
        {
            string source = Path.Combine(catalog, file);
            File.Copy(source, Path.Combine(folder, Path.GetFileName(source)));
        }
        return folder;
    }

    private static string SubmitBenchArray(string dir, string logs, string suite, string results)
    {
        string script = Path.Combine(TestPaths.RepositoryRoot, "scripts", "slurm", "bench.sbatch");
        var environment = new Dictionary<string, string?>
        {
            // The job runs this build's tabod through the same dotnet host as the tests; quoted for the script's
            // word splitting, in case a path has spaces.
            ["TABOD"] = $"\"{TabodProcess.Host}\" \"{typeof(TabodApp).Assembly.Location}\"",
        };
        // sbatch copies the submitting environment into the job; a Slurm variable inherited from an enclosing job
        // (tests run inside an allocation) must not reach the tasks, which read their shard from the environment.
        foreach (string name in Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(n => n.StartsWith("SLURM_", StringComparison.Ordinal)))
        {
            environment[name] = null;
        }
        var submit = ExternalProcess.Run(Tool("sbatch"),
        [
            "--parsable", $"--array=0-{Tasks - 1}", "--job-name=tabod-slurm-test",
            // One CPU per task, so the script's 4-CPU default fits a small CI machine and tasks run side by side.
            "--cpus-per-task=1",
            $"--chdir={dir}", $"--output={Path.Combine(logs, "bench_%A_%a.out")}",
            script, suite, Detectors, results,
        ], CommandTimeout, dir, environment);
        Assert.True(submit.Succeeded, $"sbatch failed.\n{submit.Describe()}");
        // --parsable prints "jobid" or "jobid;cluster".
        string jobId = submit.Output.Trim().Split(';')[0];
        Assert.True(Regex.IsMatch(jobId, "^[0-9]+$"), $"sbatch --parsable printed no job id.\n{submit.Describe()}");
        return jobId;
    }

    /// <summary>Polls squeue until the array has left the queue; on the deadline, cancels it and fails.</summary>
    private static void WaitUntilFinished(string jobId, string logs)
    {
        var deadline = DateTime.UtcNow + JobDeadline;
        string lastQueue = "";
        while (DateTime.UtcNow < deadline)
        {
            var queue = ExternalProcess.Run(Tool("squeue"), ["-h", "-j", jobId, "-o", "%i %T %R"], CommandTimeout);
            if (queue.Succeeded && queue.Output.Trim().Length == 0)
            {
                return;
            }
            // Once a finished job is purged from the controller, squeue refuses its id instead of listing nothing.
            if (!queue.Succeeded && queue.Error.Contains("Invalid job id", StringComparison.OrdinalIgnoreCase))
            {
                return;
            }
            lastQueue = queue.Succeeded ? queue.Output.Trim() : queue.Describe();
            Thread.Sleep(TimeSpan.FromSeconds(1));
        }
        var cancel = ExternalProcess.Run(Tool("scancel"), [jobId], CommandTimeout);
        Assert.Fail($"Job array {jobId} did not finish within {JobDeadline.TotalMinutes} min (cancelled: {cancel.Succeeded}). "
            + $"Last queue:\n{lastQueue}{JobReport(jobId, logs)}");
    }

    /// <summary>
    /// Every array task ended COMPLETED with exit code 0:0. Accounting is off, so this asks the controller, which
    /// keeps finished jobs for MinJobAge (5 min); when they are already gone, the stores alone are checked.
    /// </summary>
    private static void AssertEveryTaskCompleted(string jobId, string logs)
    {
        var show = ExternalProcess.Run(Tool("scontrol"), ["show", "job", "-o", jobId], CommandTimeout);
        if (!show.Succeeded)
        {
            return;
        }
        var tasks = show.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => (Task: Field(line, "ArrayTaskId"), State: Field(line, "JobState"), Exit: Field(line, "ExitCode")))
            .ToList();
        var bad = tasks.Where(t => t.State != "COMPLETED" || t.Exit != "0:0").Select(t => $"task {t.Task}: {t.State}, exit {t.Exit}").ToList();
        Expect(tasks.Count == Tasks && bad.Count == 0, () =>
            $"Expected {Tasks} array tasks COMPLETED with exit 0:0; got {tasks.Count} tasks, {(bad.Count == 0 ? "all completed" : string.Join("; ", bad))}."
            + JobReport(jobId, logs));
    }

    /// <summary>An assertion whose message is built only on failure (it may run scontrol and read the job's logs).</summary>
    private static void Expect(bool condition, Func<string> message)
    {
        if (!condition)
        {
            Assert.Fail(message());
        }
    }

    private static string Field(string line, string name) => Regex.Match(line, $@"(?:^|\s){name}=(\S*)").Groups[1].Value;

    /// <summary>The controller's view of the job and every task's output file, to end a failure message with.</summary>
    private static string JobReport(string jobId, string logs)
    {
        var report = new StringBuilder("\n=== scontrol show job ").Append(jobId).Append('\n');
        var show = ExternalProcess.Run(Tool("scontrol"), ["show", "job", "-o", jobId], CommandTimeout);
        if (show.Succeeded)
        {
            foreach (string line in show.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                report.AppendLine(string.Join(' ', new[] { "ArrayTaskId", "JobState", "Reason", "ExitCode", "RunTime", "NodeList", "StdOut" }
                    .Select(name => $"{name}={Field(line, name)}")));
            }
        }
        else
        {
            report.AppendLine(show.Describe());
        }
        foreach (string file in (Directory.Exists(logs) ? Directory.GetFiles(logs) : []).Order(StringComparer.Ordinal))
        {
            string text = File.ReadAllText(file);
            const int Limit = 6000;
            report.Append("=== ").AppendLine(file)
                .AppendLine(text.Length > Limit ? "…" + text[^Limit..] : text.TrimEnd());
        }
        return report.ToString();
    }

    private static string Tool(string name) =>
        SlurmFactAttribute.FindTool(name) ?? throw new InvalidOperationException($"'{name}' is not installed (Debian package slurm-client).");
}

/// <summary>
/// The single-node cluster for <see cref="SlurmBenchTests"/>: started on first use and stopped when the test class
/// is done, unless it was already running (someone's cluster, or one a killed test run left), which is left as found.
/// </summary>
public sealed class SingleNodeSlurmCluster : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private readonly Lock _gate = new();
    private bool _running;
    private bool _startedHere;

    private static string Script => Path.Combine(TestPaths.RepositoryRoot, "scripts", "slurm", "single-node-cluster.sh");

    /// <summary>Makes sure the cluster answers; starts it (root only) when it does not.</summary>
    public void EnsureRunning()
    {
        lock (_gate)
        {
            if (_running)
            {
                return;
            }
            var status = ExternalProcess.Run("bash", [Script, "status"], TimeSpan.FromMinutes(1));
            if (!status.Succeeded)
            {
                // Set before starting: whatever part of the cluster comes up is stopped on dispose, even if start fails.
                _startedHere = true;
                var start = ExternalProcess.Run("bash", [Script, "start"], StartTimeout);
                Assert.True(start.Succeeded, $"Could not start the single-node Slurm cluster (needs root).\n{start.Describe()}");
            }
            _running = true;
        }
    }

    /// <summary>Stops the cluster if this fixture started it; a failed stop fails the test class, as daemons would stay up.</summary>
    public void Dispose()
    {
        if (!_startedHere)
        {
            return;
        }
        var stop = ExternalProcess.Run("bash", [Script, "stop"], TimeSpan.FromMinutes(2));
        if (!stop.Succeeded)
        {
            throw new InvalidOperationException($"Could not stop the single-node Slurm cluster.\n{stop.Describe()}");
        }
    }
}
