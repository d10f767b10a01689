using System.Globalization;

namespace TabularOd.Benchmarking.Runner;

/// <summary>
/// Which share of a benchmark's cells this process runs: shard <see cref="Index"/> of <see cref="Count"/>,
/// counted from 0 like Slurm array task ids (<c>--array=0-3</c> gives shards 0/4 … 3/4).
/// </summary>
public sealed record ShardSpec(int Index, int Count)
{
    /// <summary>The whole benchmark in one process.</summary>
    public static ShardSpec Whole { get; } = new(0, 1);

    /// <summary>Whether this is a real share (more than one shard).</summary>
    public bool IsSharded => Count > 1;

    /// <summary>Parses "i/N" (0 ≤ i &lt; N); errors name the option.</summary>
    public static ShardSpec Parse(string text, string option = "--shard")
    {
        string[] parts = text.Split('/', StringSplitOptions.TrimEntries);
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int count))
        {
            throw new ArgumentException($"{option} must be i/N with 0 ≤ i < N, e.g. 0/4. Got '{text}'.");
        }
        if (count < 1 || index >= count)
        {
            throw new ArgumentException($"{option} must be i/N with 0 ≤ i < N (shards count from 0, as Slurm array ids do). Got '{text}'.");
        }
        return new ShardSpec(index, count);
    }

    /// <summary>
    /// The shard of a Slurm array task (<c>SLURM_ARRAY_TASK_ID</c> minus <c>SLURM_ARRAY_TASK_MIN</c>, of
    /// <c>SLURM_ARRAY_TASK_COUNT</c>), or null outside an array job.
    /// </summary>
    public static ShardSpec? FromEnvironment(Func<string, string?>? read = null)
    {
        read ??= Environment.GetEnvironmentVariable;
        string? id = read("SLURM_ARRAY_TASK_ID"), count = read("SLURM_ARRAY_TASK_COUNT");
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(count))
        {
            return null;
        }
        int min = int.TryParse(read("SLURM_ARRAY_TASK_MIN"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int m) ? m : 0;
        if (!int.TryParse(id, NumberStyles.Integer, CultureInfo.InvariantCulture, out int task))
        {
            throw new ArgumentException($"SLURM_ARRAY_TASK_ID must be an integer. Got '{id}'.");
        }
        return Parse($"{task - min}/{count}", "SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT");
    }

    /// <summary>"shard-1-of-4": the 0-based index and the count, for the shard's own results file.</summary>
    public string FileTag => $"shard-{Index}-of-{Count}";

    /// <inheritdoc/>
    public override string ToString() => $"{Index}/{Count}";
}
