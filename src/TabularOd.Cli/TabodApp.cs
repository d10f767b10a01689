using System.CommandLine;
using TabularOd.Cli.Commands;
using TabularOd.Data;

namespace TabularOd.Cli;

/// <summary>
/// The tabod command tree and the one place that turns outcomes into exit codes: parse errors exit 2,
/// user-facing failures (bad data, missing files) print one line and exit 1, never a stack trace.
/// </summary>
public static class TabodApp
{
    /// <summary>Parses and runs a command line; returns the exit code.</summary>
    public static int Run(string[] args, CliConsole console)
    {
        var root = BuildRoot(console);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                console.Fail(error.Message);
            }
            console.Error.WriteLine($"Run '{CommandPath(parsed)} --help' for usage.");
            return ExitCodes.Usage;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration
            {
                Output = console.OutWriter,
                Error = console.Error,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (UsageException e)
        {
            console.Fail(e.Message);
            return ExitCodes.Usage;
        }
        catch (DataFileException e)
        {
            console.Fail(OneLine(e.Message));
            return ExitCodes.Failure;
        }
        catch (TabularOd.Compute.ComputeBackendUnavailableException e)
        {
            // A bad TABOD_BACKEND value or a missing native library is a setup problem, not a defect.
            console.Fail(OneLine(e.Message));
            return ExitCodes.Failure;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            console.Fail(OneLine(e.Message));
            return ExitCodes.Failure;
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("TABOD_DEBUG") is null)
        {
            // Anything else is a defect, not a user mistake: say so in one line and keep the trace for TABOD_DEBUG=1.
            console.Fail($"internal error ({e.GetType().Name}): {OneLine(e.Message)} — rerun with TABOD_DEBUG=1 for details.");
            return ExitCodes.Failure;
        }
    }

    /// <summary>The full command tree.</summary>
    public static RootCommand BuildRoot(CliConsole console)
    {
        var root = new RootCommand("tabod: tabular outlier detection — data tools, detectors and benchmarks.");
        root.Add(DataCommand.Create(console));
        root.Add(InfoCommand.Create(console));
        root.Add(DetectorsCommand.Create(console));
        root.Add(DetectCommand.Create(console));
        root.Add(ShiftCommand.Create(console));
        root.Add(StackCommand.Create(console));
        root.Add(SynthCommand.Create(console));
        root.Add(Commands.Bench.BenchCommand.Create(console));
        root.Add(BenchKernelsCommand.Create(console));
        return root;
    }

    private static string CommandPath(ParseResult parsed)
    {
        var names = new List<string>();
        for (var result = parsed.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Add(result.Command.Name);
        }
        names.Reverse();
        if (names.Count > 0)
        {
            names[0] = "tabod";
        }
        return string.Join(' ', names);
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
