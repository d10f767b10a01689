using System.Collections.Concurrent;
using System.Diagnostics;
using TabularOd.Benchmarking.Catalog;
using TabularOd.Benchmarking.Store;

namespace TabularOd.Benchmarking.Runner;

/// <summary>
/// Runs every cell of a suite × detector spec (or of one shard of it) that the results store does not hold yet:
/// in parallel across cells, within a memory budget, each cell bounded in time and isolated from the others when
/// it runs in a worker process. Finished cells are written to the store one by one as they arrive, so stopping the
/// run at any moment — Ctrl+C, <c>kill -9</c>, a node going away — loses only the cells in flight, and running the
/// same command again finishes the job.
/// </summary>
public static class BenchmarkRunner
{
    /// <summary>Runs the benchmark; see the type's summary. Cancelling stops dispatching, ends workers, keeps what finished.</summary>
    public static RunSummary Run(BenchmarkSuite suite, DetectorSpec spec, ShardSpec shard, ResultsStore store, RunnerOptions options,
        IProgress<BenchProgress>? progress = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Jobs < 1)
        {
            throw new ArgumentException($"The 'Jobs' option must be ≥ 1. Got {options.Jobs}.");
        }
        var clock = Stopwatch.StartNew();
        var cells = CellPlan.Shard(CellPlan.Enumerate(suite, spec), shard);
        store.AddDatasets(cells.Select(c => c.Dataset).DistinctBy(d => d.Id));
        store.SetMeta("suite", suite.Name);
        store.SetMeta("partition", suite.Partition);
        store.SetMeta("spec", spec.Describe());
        store.SetMeta("shard", shard.ToString());
        var recorded = store.RecordedKeys(okOnly: options.RetryFailed);
        var pending = cells.Where(c => !recorded.Contains(c.Key)).ToList();
        int already = cells.Count - pending.Count;
        progress?.Report(new BenchProgress(cells.Count, already, 0, 0, clock.Elapsed, null, null));
        if (pending.Count == 0)
        {
            return new RunSummary(cells.Count, already, 0, 0, clock.Elapsed, false);
        }

        var timeout = TimeSpan.FromSeconds(options.TimeoutSeconds ?? spec.TimeoutSeconds);
        var queue = new CellQueue(pending, options.MemoryBudgetBytes);
        var finished = new BlockingCollection<(BenchCell Cell, CellOutcome Outcome)>();
        int jobs = Math.Min(options.Jobs, pending.Count);
        int threadsPerWorker = Math.Max(1, Environment.ProcessorCount / jobs);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var loops = Enumerable.Range(0, jobs).Select(_ => Task.Factory.StartNew(
            () => WorkerLoop(queue, spec, options.Launcher, threadsPerWorker, timeout, finished, stop.Token),
            TaskCreationOptions.LongRunning)).ToArray();
        _ = Task.WhenAll(loops).ContinueWith(_ => finished.CompleteAdding(), TaskScheduler.Default);

        int done = 0, failed = 0;
        try
        {
            foreach (var (cell, outcome) in finished.GetConsumingEnumerable())
            {
                store.Write(cell, outcome, options.Host);
                done++;
                if (outcome.Status != CellStatus.Ok)
                {
                    failed++;
                }
                progress?.Report(new BenchProgress(cells.Count, already, done, failed, clock.Elapsed, cell, outcome));
            }
        }
        catch
        {
            // The store could not take a result (disk full, file removed): stop the workers before giving up.
            stop.Cancel();
            queue.Close();
            throw;
        }
        var fault = loops.FirstOrDefault(l => l.IsFaulted)?.Exception?.InnerException;
        if (fault is not null && fault is not OperationCanceledException)
        {
            throw new InvalidOperationException($"a worker could not be run: {fault.Message}", fault);
        }
        return new RunSummary(cells.Count, already, done, failed, clock.Elapsed, cancel.IsCancellationRequested && done < pending.Count);
    }

    private static void WorkerLoop(CellQueue queue, DetectorSpec spec, WorkerLauncher? launcher, int threads, TimeSpan timeout,
        BlockingCollection<(BenchCell, CellOutcome)> finished, CancellationToken cancel)
    {
        WorkerProcess? worker = null;
        var local = launcher is null ? new CellExecutor() : null;
        string? lastDataset = null;
        try
        {
            while (!cancel.IsCancellationRequested && queue.TryTake(lastDataset, cancel) is { } cell)
            {
                try
                {
                    var request = CellRequest.For(cell, spec);
                    CellOutcome outcome;
                    if (local is not null)
                    {
                        var clock = Stopwatch.StartNew();
                        outcome = local.Run(request) with { WallSeconds = clock.Elapsed.TotalSeconds };
                    }
                    else
                    {
                        if (worker is null || !worker.IsAlive)
                        {
                            worker?.Dispose();
                            worker = WorkerProcess.Start(launcher!, threads);
                        }
                        outcome = worker.Run(request, timeout, cancel);
                    }
                    lastDataset = cell.Dataset.Path;
                    finished.Add((cell, outcome), CancellationToken.None);
                }
                finally
                {
                    queue.Release(cell);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            worker?.Dispose();
        }
    }

    /// <summary>
    /// The pending cells and the memory the running ones hold. A worker takes the next cell of the dataset it has
    /// loaded when one fits, else the next cell that fits; when nothing fits it waits for memory to be released,
    /// unless nothing is running (then the cell runs alone, whatever its estimate).
    /// </summary>
    private sealed class CellQueue(List<BenchCell> pending, long budget)
    {
        private readonly LinkedList<BenchCell> _pending = new(pending);
        private long _inUse;
        private int _running;
        private bool _closed;

        public BenchCell? TryTake(string? preferredDataset, CancellationToken cancel)
        {
            lock (_pending)
            {
                while (true)
                {
                    cancel.ThrowIfCancellationRequested();
                    if (_closed || _pending.Count == 0)
                    {
                        return null;
                    }
                    var node = Pick(preferredDataset);
                    if (node is not null)
                    {
                        _pending.Remove(node);
                        _inUse += node.Value.Cost.MemoryBytes;
                        _running++;
                        return node.Value;
                    }
                    Monitor.Wait(_pending, 500);
                }
            }
        }

        public void Release(BenchCell cell)
        {
            lock (_pending)
            {
                _inUse -= cell.Cost.MemoryBytes;
                _running--;
                Monitor.PulseAll(_pending);
            }
        }

        public void Close()
        {
            lock (_pending)
            {
                _closed = true;
                Monitor.PulseAll(_pending);
            }
        }

        private LinkedListNode<BenchCell>? Pick(string? preferredDataset)
        {
            LinkedListNode<BenchCell>? firstFit = null;
            for (var node = _pending.First; node is not null; node = node.Next)
            {
                bool fits = _inUse + node.Value.Cost.MemoryBytes <= budget;
                if (fits && node.Value.Dataset.Path == preferredDataset)
                {
                    return node;
                }
                firstFit ??= fits ? node : null;
                if (preferredDataset is null && firstFit is not null)
                {
                    break;
                }
            }
            return firstFit ?? (_running == 0 ? _pending.First : null);
        }
    }
}
