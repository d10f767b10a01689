using TabularOd.Cli.Commands;
using TabularOd.Cli.Tests.Support;
using TabularOd.Compute;

namespace TabularOd.Cli.Tests;

public class InfoCommandTests
{
    [Fact]
    public void PrintsTheEnvironmentAndTheBackendInUse()
    {
        var run = CliRun.Of("info");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal("", run.Error);
        foreach (string key in new[] { "tabod", "runtime", "os", "cores", "simd", "backend", "backend details", "available backends" })
        {
            Assert.Contains(key, run.Output);
        }
        Assert.Contains(Environment.ProcessorCount.ToString(), run.Output);
        Assert.Contains("Vector512", run.Output);
        Assert.Contains("Vector256", run.Output);
        // Long values wrap onto padded continuation lines; compare with whitespace runs collapsed.
        string flat = Flatten(run.Output);
        Assert.Contains(Flatten(ComputeBackends.Selection), flat);
        Assert.Contains(Flatten(ComputeBackends.Default.Description), flat);
    }

    [Fact]
    public void ListsEveryAvailableBackend()
    {
        var run = CliRun.Of("info");
        string line = run.Output.Split('\n').Single(l => l.StartsWith("available backends"));
        foreach (var backend in ComputeBackends.Available)
        {
            Assert.Contains(backend.Name, line);
        }
        Assert.Contains("managed", line);
    }

    [Fact]
    public void HelpDescribesTheCommand()
    {
        var run = CliRun.Of("info", "--help");
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("compute backend", run.Output);
    }

    [Fact]
    public void ABadBackendVariableIsOneErrorLineAndExitOne()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole(output, error);

        int code = InfoCommand.Run(console, () =>
        {
            var selection = ComputeBackends.Choose("quantum");
            return (selection.Backend, selection.Description);
        }, () => ComputeBackends.Available);

        Assert.Equal(ExitCodes.Failure, code);
        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("error: TABOD_BACKEND=quantum", lines[0]);
        Assert.Contains("available backends", output.ToString());
    }

    [Fact]
    public void AForcedBackendIsReportedAsSuch()
    {
        var output = new StringWriter();
        var console = new CliConsole(output, new StringWriter());

        InfoCommand.Run(console, () =>
        {
            var selection = ComputeBackends.Choose("managed");
            return (selection.Backend, selection.Description);
        }, () => ComputeBackends.Available);

        Assert.Contains("managed (TABOD_BACKEND=managed)", output.ToString());
    }

    private static string Flatten(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
