using System.Globalization;
using TabularOd.Benchmarking.Runner;

namespace TabularOd.Cli.Commands.Bench;

/// <summary>
/// Shows a running benchmark: a live bar with cells done and failed, throughput and time left on a terminal; plain
/// lines (every 10 seconds, and at the end) when the output is a file or a pipe.
/// </summary>
internal static class BenchProgressView
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(10);

    public static RunSummary Run(CliConsole console, Func<IProgress<BenchProgress>, RunSummary> work)
    {
        if (!console.Out.Profile.Capabilities.Interactive)
        {
            var last = TimeSpan.Zero;
            var plain = new SynchronousProgress(p =>
            {
                bool final = p.Finished == p.ToRun;
                if (p.Finished == 0 || (!final && p.Elapsed - last < PlainInterval))
                {
                    return;
                }
                last = p.Elapsed;
                console.Error.WriteLine($"bench: {Line(p)}");
            });
            return work(plain);
        }
        RunSummary? summary = null;
        console.Out.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask("starting", maxValue: 1);
                var live = new SynchronousProgress(p =>
                {
                    task.MaxValue = Math.Max(1, p.ToRun);
                    task.Value = p.Finished;
                    task.Description = Markup.Escape(Line(p));
                    context.Refresh();
                });
                summary = work(live);
                task.StopTask();
            });
        return summary!;
    }

    private static string Line(BenchProgress p)
    {
        string eta = p.Remaining is { } left ? $", {Duration(left)} left" : "";
        string skipped = p.AlreadyRecorded > 0 ? $" ({p.AlreadyRecorded} already recorded)" : "";
        return $"{p.Finished}/{p.ToRun} cells{skipped}, {p.Failed} failed, "
            + $"{p.Throughput.ToString("0.00", CultureInfo.InvariantCulture)} cells/s{eta}";
    }

    /// <summary>"1 h 02 min", "3 min 05 s", "12.3 s".</summary>
    public static string Duration(TimeSpan span) => span.TotalHours >= 1
        ? $"{(int)span.TotalHours} h {span.Minutes:00} min"
        : span.TotalMinutes >= 1 ? $"{(int)span.TotalMinutes} min {span.Seconds:00} s"
        : $"{span.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s";

    // Progress<T> posts to the thread pool; reports must be handled in order, on the reporting thread.
    private sealed class SynchronousProgress(Action<BenchProgress> handler) : IProgress<BenchProgress>
    {
        public void Report(BenchProgress value) => handler(value);
    }
}
