namespace TabularOd.Benchmarking.Runner;

/// <summary>How a cell ended.</summary>
public static class CellStatus
{
    /// <summary>Fitted and scored; metrics present when the test set has both classes.</summary>
    public const string Ok = "ok";

    /// <summary>The detector or the data raised an error (message kept).</summary>
    public const string Failed = "failed";

    /// <summary>Stopped at the per-cell time limit.</summary>
    public const string Timeout = "timeout";

    /// <summary>The worker process died (out of memory, native crash); its last words kept.</summary>
    public const string Crashed = "crashed";
}

/// <summary>
/// What every record of a finished cell holds, whether it travels from a worker (<see cref="CellOutcome"/>) or is
/// read back from a results store (<see cref="Store.CellRecord"/>): status, metrics, timings, memory and error.
/// </summary>
public abstract record CellResult
{
    /// <summary>The cell's key.</summary>
    public required string Key { get; init; }

    /// <summary>One of <see cref="CellStatus"/>.</summary>
    public required string Status { get; init; }

    /// <summary>Test AUROC (null when undefined: one class, or on failure).</summary>
    public double? Auroc { get; init; }

    /// <summary>Test average precision.</summary>
    public double? Auprc { get; init; }

    /// <summary>Precision at n = the number of test outliers.</summary>
    public double? PrecisionAtN { get; init; }

    /// <summary>Seconds to fit.</summary>
    public double FitSeconds { get; init; }

    /// <summary>Seconds to score the test rows.</summary>
    public double ScoreSeconds { get; init; }

    /// <summary>Wall seconds of the whole cell as the runner saw it (loading and hand-off included).</summary>
    public double WallSeconds { get; init; }

    /// <summary>Peak resident memory of the worker during the cell, MiB (null where the OS does not say).</summary>
    public double? PeakMemoryMib { get; init; }

    /// <summary>Training rows.</summary>
    public int TrainRows { get; init; }

    /// <summary>Test rows.</summary>
    public int TestRows { get; init; }

    /// <summary>Features.</summary>
    public int Features { get; init; }

    /// <summary>Training and test scores that were NaN or infinite.</summary>
    public int NonFiniteScores { get; init; }

    /// <summary>The error, one line, when the cell did not finish.</summary>
    public string? Error { get; init; }

}

/// <summary>The result of one cell as a worker reports it (one JSON line), with the test scores when kept.</summary>
public sealed record CellOutcome : CellResult
{
    /// <summary>Test scores, when kept.</summary>
    public double[]? Scores { get; init; }

    /// <summary>Test labels (0/1), sent with kept scores.</summary>
    public int[]? Labels { get; init; }

    /// <summary>A failed outcome for <paramref name="key"/>.</summary>
    public static CellOutcome Failure(string key, string status, string error, double wallSeconds = 0) => new()
    {
        Key = key,
        Status = status,
        Error = error,
        WallSeconds = wallSeconds,
    };
}
