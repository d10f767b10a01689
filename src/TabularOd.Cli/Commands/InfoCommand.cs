using System.CommandLine;

namespace TabularOd.Cli.Commands;

// PLACEHOLDER: replaced by the real command.
public static class InfoCommand
{
    public static Command Create(CliConsole console) => new("InfoCommand-placeholder", "placeholder");
}
