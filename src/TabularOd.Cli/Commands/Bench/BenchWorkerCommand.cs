using System.CommandLine;
using TabularOd.Benchmarking.Runner;

namespace TabularOd.Cli.Commands.Bench;

/// <summary>
/// <c>tabod bench worker</c> (hidden): the worker process <c>bench run</c> starts; it reads cell requests as JSON
/// lines on standard input and answers each with a JSON line, until standard input closes.
/// </summary>
public static class BenchWorkerCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var command = new Command("worker", "Serve benchmark cells over standard input and output (started by 'bench run').") { Hidden = true };
        command.SetAction(_ => WorkerProtocol.Serve(Console.In, Console.Out));
        return command;
    }

    /// <summary>How 'bench run' starts a worker: this same tabod assembly through the dotnet host.</summary>
    public static WorkerLauncher SelfLauncher()
    {
        string assembly = typeof(TabodApp).Assembly.Location;
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (string.IsNullOrEmpty(host))
        {
            string? process = Environment.ProcessPath;
            host = process is not null && Path.GetFileNameWithoutExtension(process) == "dotnet" ? process : "dotnet";
        }
        return new WorkerLauncher(host, [assembly, "bench", "worker"]);
    }
}
