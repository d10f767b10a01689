namespace TabularOd.Cli.Tests.Support;

/// <summary>Runs tabod in-process and captures what it printed.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static CliRun Of(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = TabodApp.Run(args, new CliConsole(output, error));
        return new CliRun(code, output.ToString(), error.ToString());
    }

    /// <summary>The error stream's non-empty lines.</summary>
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
