namespace TabularOd.Benchmarking.Runner;

/// <summary>How a benchmark run uses the machine.</summary>
public sealed record RunnerOptions
{
    /// <summary>Cells run at once (worker processes). Default: the processor count.</summary>
    public int Jobs { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Memory the running cells may use together, by their estimates; a cell waits until it fits (a cell larger
    /// than the budget runs alone). Default: 80 % of the memory available to this process.
    /// </summary>
    public long MemoryBudgetBytes { get; init; } = DefaultMemoryBudget();

    /// <summary>Run again the cells recorded as failed, timed out or crashed.</summary>
    public bool RetryFailed { get; init; }

    /// <summary>Per-cell time limit; null takes the spec's.</summary>
    public double? TimeoutSeconds { get; init; }

    /// <summary>
    /// How to start a worker process. Null runs cells on threads of this process instead: no time limit can be
    /// enforced and a crash takes the run with it, but nothing is started (useful for tests and debugging).
    /// </summary>
    public WorkerLauncher? Launcher { get; init; }

    /// <summary>Name recorded with every cell.</summary>
    public string Host { get; init; } = Environment.MachineName;

    /// <summary>80 % of the memory the runtime says is available (physical memory or the container limit).</summary>
    public static long DefaultMemoryBudget() => (long)(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes * 0.8);
}
