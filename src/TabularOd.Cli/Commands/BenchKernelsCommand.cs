using System.CommandLine;

namespace TabularOd.Cli.Commands;

// PLACEHOLDER: replaced by the real command.
public static class BenchKernelsCommand
{
    public static Command Create(CliConsole console) => new("BenchKernelsCommand-placeholder", "placeholder");
}
