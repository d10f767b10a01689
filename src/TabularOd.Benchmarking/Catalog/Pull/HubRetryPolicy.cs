namespace TabularOd.Benchmarking.Catalog.Pull;

/// <summary>
/// How often and how patiently a transient hub failure is retried: attempt n + 1 waits
/// <see cref="FirstDelay"/> · 2^(n − 1), at most <see cref="MaxDelay"/>.
/// </summary>
public sealed record HubRetryPolicy
{
    /// <summary>Four attempts, waiting 1 s, 2 s and 4 s between them.</summary>
    public static HubRetryPolicy Default { get; } = new();

    /// <summary>Attempts in all, the first included (at least 1).</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>Wait before the second attempt.</summary>
    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between two attempts.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The wait before attempt <paramref name="attempt"/> (2 or more).</summary>
    public TimeSpan DelayBefore(int attempt)
    {
        double factor = Math.Pow(2, Math.Max(0, attempt - 2));
        return TimeSpan.FromTicks((long)Math.Min(MaxDelay.Ticks, FirstDelay.Ticks * factor));
    }

    /// <summary>Runs <paramref name="action"/> until it succeeds, fails for good, or runs out of attempts.</summary>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await action(cancel).ConfigureAwait(false);
            }
            catch (HubException e) when (e.IsTransient && attempt < MaxAttempts)
            {
                await Task.Delay(DelayBefore(attempt + 1), cancel).ConfigureAwait(false);
            }
        }
    }
}
