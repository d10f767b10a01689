namespace TabularOd.Benchmarking.Runner;

/// <summary>A progress report after each finished cell.</summary>
/// <param name="Planned">Cells of this run (this shard), recorded before or not.</param>
/// <param name="AlreadyRecorded">Cells skipped because the store already had them.</param>
/// <param name="Finished">Cells finished in this run (any status).</param>
/// <param name="Failed">Cells of this run that failed, timed out or crashed.</param>
/// <param name="Elapsed">Time since the run started.</param>
/// <param name="Last">The cell that just finished.</param>
/// <param name="LastOutcome">Its outcome.</param>
public sealed record BenchProgress(int Planned, int AlreadyRecorded, int Finished, int Failed, TimeSpan Elapsed, BenchCell? Last, CellOutcome? LastOutcome)
{
    /// <summary>Cells this run has to do in all.</summary>
    public int ToRun => Planned - AlreadyRecorded;

    /// <summary>Cells finished per second in this run.</summary>
    public double Throughput => Elapsed.TotalSeconds > 0 ? Finished / Elapsed.TotalSeconds : 0;

    /// <summary>Estimated time left at the throughput so far (null before the first cell).</summary>
    public TimeSpan? Remaining => Finished == 0 ? null : TimeSpan.FromSeconds((ToRun - Finished) / Throughput);
}

/// <summary>What a run did.</summary>
/// <param name="Planned">Cells of this run (this shard).</param>
/// <param name="AlreadyRecorded">Skipped: already in the store.</param>
/// <param name="Finished">Run now.</param>
/// <param name="Failed">Run now and not ok.</param>
/// <param name="Elapsed">Wall time.</param>
/// <param name="Interrupted">Whether the run was cancelled before it finished (what finished is kept).</param>
public sealed record RunSummary(int Planned, int AlreadyRecorded, int Finished, int Failed, TimeSpan Elapsed, bool Interrupted);
