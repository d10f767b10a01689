namespace TabularOd.Cli.Commands.Data;

/// <summary>
/// Reports on the calling thread, one report at a time. <see cref="Progress{T}"/> posts to the thread pool, so
/// its lines can interleave or arrive after the command's summary has been printed.
/// </summary>
internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    private readonly Lock _gate = new();

    public void Report(T value)
    {
        lock (_gate)
        {
            report(value);
        }
    }
}
