using System.CommandLine;

namespace TabularOd.Cli.Commands.Bench;

/// <summary><c>tabod bench …</c>: run detector × configuration × dataset benchmarks, merge shards, report.</summary>
public static class BenchCommand
{
    /// <summary>Builds the command group.</summary>
    public static Command Create(CliConsole console) => new("bench", "Benchmark detector configurations over dataset suites: run (resumable, sharded), merge, report.")
    {
        BenchRunCommand.Create(console),
        BenchMergeCommand.Create(console),
        BenchReportCommand.Create(console),
        BenchWorkerCommand.Create(),
    };
}
