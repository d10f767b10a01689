using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace TabularOd.Benchmarking.Runner;

/// <summary>
/// One worker process running cells one at a time over the <see cref="WorkerProtocol"/>. A cell that outlives its
/// time limit gets the process killed (the only way to stop arbitrary native or managed work); a process that dies
/// takes only its current cell with it. Either way the runner starts a fresh worker for the next cell.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private const int TailLines = 12;
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(120);
    private readonly Process _process;
    private readonly Queue<string> _stderrTail = new();

    private WorkerProcess(Process process)
    {
        _process = process;
    }

    /// <summary>Starts a worker with <paramref name="threads"/> threads for its own parallel work.</summary>
    public static WorkerProcess Start(WorkerLauncher launcher, int threads)
    {
        var info = new ProcessStartInfo(launcher.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in launcher.Arguments)
        {
            info.ArgumentList.Add(argument);
        }
        // Workers share the machine: each gets its share of the cores for managed and BLAS threads, so that
        // several workers do not oversubscribe it. Results do not depend on thread counts.
        string count = threads.ToString(CultureInfo.InvariantCulture);
        info.Environment["DOTNET_PROCESSOR_COUNT"] = count;
        info.Environment["OPENBLAS_NUM_THREADS"] = count;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start the worker '{launcher.FileName}'.");
        var worker = new WorkerProcess(process);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                lock (worker._stderrTail)
                {
                    worker._stderrTail.Enqueue(line);
                    while (worker._stderrTail.Count > TailLines)
                    {
                        worker._stderrTail.Dequeue();
                    }
                }
            }
        };
        process.BeginErrorReadLine();
        var ready = process.StandardOutput.ReadLineAsync();
        if (!ready.Wait(StartupTimeout) || ready.Result != WorkerProtocol.ReadyLine)
        {
            string said = ready.IsCompletedSuccessfully ? $"it said '{ready.Result}'" : "it did not answer in time";
            worker.Kill();
            lock (worker._stderrTail)
            {
                throw new InvalidOperationException(
                    $"the worker '{launcher.FileName} {string.Join(' ', launcher.Arguments)}' did not start: {said}. {string.Join(" | ", worker._stderrTail)}".Trim());
            }
        }
        return worker;
    }

    /// <summary>The dataset the worker loaded last (it keeps it cached).</summary>
    public string? LastDatasetPath { get; private set; }

    /// <summary>Whether the process can take another cell.</summary>
    public bool IsAlive => !_process.HasExited;

    /// <summary>Runs one cell; a timeout or a dead worker becomes the cell's outcome and leaves this worker unusable.</summary>
    public CellOutcome Run(CellRequest request, TimeSpan timeout, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        LastDatasetPath = request.DatasetPath;
        try
        {
            _process.StandardInput.WriteLine(JsonSerializer.Serialize(request, WorkerProtocol.Options));
            _process.StandardInput.Flush();
        }
        catch (IOException)
        {
            return Crashed(request, clock);
        }
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        limit.CancelAfter(timeout);
        string? line;
        try
        {
            line = _process.StandardOutput.ReadLineAsync(limit.Token).AsTask().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            Kill();
            if (cancel.IsCancellationRequested)
            {
                throw;
            }
            return CellOutcome.Failure(request.Key, CellStatus.Timeout,
                $"stopped at the time limit of {timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s.", clock.Elapsed.TotalSeconds);
        }
        if (line is null)
        {
            return Crashed(request, clock);
        }
        CellOutcome? outcome;
        try
        {
            outcome = JsonSerializer.Deserialize<CellOutcome>(line, WorkerProtocol.Options);
        }
        catch (JsonException)
        {
            outcome = null;
        }
        if (outcome is null || outcome.Key != request.Key)
        {
            Kill();
            return CellOutcome.Failure(request.Key, CellStatus.Crashed, "the worker answered out of turn; it was restarted.", clock.Elapsed.TotalSeconds);
        }
        return outcome with { WallSeconds = clock.Elapsed.TotalSeconds };
    }

    private CellOutcome Crashed(CellRequest request, Stopwatch clock)
    {
        if (_process.WaitForExit(5000))
        {
            // The timed wait does not wait for the standard error reader; this one does, so the last words are in.
            _process.WaitForExit();
        }
        string code = _process.HasExited ? DescribeExit(_process.ExitCode) : "stopped answering";
        string tail;
        lock (_stderrTail)
        {
            tail = string.Join(" | ", _stderrTail);
        }
        return CellOutcome.Failure(request.Key, CellStatus.Crashed,
            $"the worker process {code}{(tail.Length > 0 ? $"; its last output: {tail}" : "")}", clock.Elapsed.TotalSeconds);
    }

    // 128 + n is how a shell reports death by signal n; 137 is SIGKILL, which is also what the kernel's
    // out-of-memory killer sends.
    private static string DescribeExit(int code) => code switch
    {
        137 => "was killed (exit 137, SIGKILL: out of memory?)",
        134 => "aborted (exit 134, SIGABRT)",
        139 => "crashed (exit 139, SIGSEGV)",
        _ => $"exited with code {code}",
    };

    /// <summary>Kills the worker and anything it started.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        try
        {
            // Closing standard input ends the worker's serve loop; kill it if it does not go.
            _process.StandardInput.Close();
            if (!_process.WaitForExit(2000))
            {
                Kill();
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            Kill();
        }
        _process.Dispose();
    }
}
