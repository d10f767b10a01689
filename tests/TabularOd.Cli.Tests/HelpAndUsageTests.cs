using TabularOd.Cli.Tests.Support;

namespace TabularOd.Cli.Tests;

public class HelpAndUsageTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("data", "--help")]
    [InlineData("data", "info", "--help")]
    [InlineData("data", "convert", "--help")]
    [InlineData("data", "split", "--help")]
    [InlineData("data", "manifest", "--help")]
    public void HelpExitsZeroAndDescribesTheCommand(params string[] args)
    {
        var run = CliRun.Of(args);
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("Usage:", run.Output);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public void RootHelpListsTheDataCommands()
    {
        var run = CliRun.Of("data", "--help");
        foreach (string sub in new[] { "info", "convert", "split", "manifest" })
        {
            Assert.Contains(sub, run.Output);
        }
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("data", "info")]
    [InlineData("data", "convert", "only-one.npz")]
    [InlineData("data", "info", "x.npz", "--impute", "mean")]
    [InlineData("data", "split", "a.npz", "b.npz", "--seed", "notanumber")]
    public void UsageErrorsExitTwoWithAPointerToHelp(params string[] args)
    {
        var run = CliRun.Of(args);
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.StartsWith("error: ", run.Error);
        Assert.Contains("--help", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }
}
