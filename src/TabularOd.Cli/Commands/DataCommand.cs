using System.CommandLine;
using TabularOd.Cli.Commands.Data;

namespace TabularOd.Cli.Commands;

/// <summary><c>tabod data …</c>: inspect, convert, split and catalogue data files, and pull published suites.</summary>
public static class DataCommand
{
    /// <summary>Builds the command group.</summary>
    public static Command Create(CliConsole console) => new("data", "Inspect, convert, split and catalogue data files (.npz, .npy, .csv, .mat); pull published suites.")
    {
        DataInfoCommand.Create(console),
        DataConvertCommand.Create(console),
        DataSplitCommand.Create(console),
        DataManifestCommand.Create(console),
        DataPullCommand.Create(console),
    };
}
