
namespace TabularOd.Cli;

/// <summary>
/// Where a command writes: results to <see cref="Out"/> (tables, summaries), problems to <see cref="Error"/>
/// (one line each). Tests pass string writers; the real program passes the process streams.
/// </summary>
public sealed class CliConsole
{
    /// <summary>Wraps an output writer and an error writer.</summary>
    public CliConsole(TextWriter output, TextWriter error, bool interactive = false)
    {
        Error = error;
        OutWriter = output;
        Out = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!interactive)
        {
            // Redirected output (a file, a pipe, a test) has no width; keep tables on one line per row.
            Out.Profile.Width = 160;
        }
    }

    /// <summary>Rich output (tables).</summary>
    public IAnsiConsole Out { get; }

    /// <summary>The plain writer behind <see cref="Out"/>.</summary>
    public TextWriter OutWriter { get; }

    /// <summary>Errors and warnings, one line each.</summary>
    public TextWriter Error { get; }

    /// <summary>Writes "warning: …" to the error stream.</summary>
    public void Warn(string message) => Error.WriteLine($"warning: {message}");

    /// <summary>Writes "error: …" to the error stream.</summary>
    public void Fail(string message) => Error.WriteLine($"error: {message}");
}
