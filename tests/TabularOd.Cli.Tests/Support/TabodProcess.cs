using System.Diagnostics;

namespace TabularOd.Cli.Tests.Support;

/// <summary>Runs tabod as a real process (<c>dotnet tabod.dll …</c>), for tests that kill it or need worker processes.</summary>
public static class TabodProcess
{
    /// <summary>The dotnet host, found as 'bench run' finds it for its workers.</summary>
    public static string Host => Commands.Bench.BenchWorkerCommand.SelfLauncher().FileName;

    /// <summary>tabod.dll beside the test assembly.</summary>
    public static string Assembly => typeof(TabodApp).Assembly.Location;

    /// <summary>Starts tabod with the given arguments, output captured.</summary>
    public static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo(Host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Assembly);
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        return Process.Start(info)!;
    }

    /// <summary>Runs tabod to the end and returns its exit code, output and error.</summary>
    public static CliRun Run(params string[] args)
    {
        using var process = Start(args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"tabod {string.Join(' ', args)} did not finish in 5 minutes.");
        }
        return new CliRun(process.ExitCode, output.Result, error.Result);
    }
}
