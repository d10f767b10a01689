using TabularOd.Cli.Tests.Support;
using TabularOd.Data;
using TabularOd.Detectors.Persistence;
using TabularOd.Tests.Support;

namespace TabularOd.Cli.Tests;

public class DetectCommandTests
{
    private static string Cardio => Path.Combine(TestPaths.RepositoryRoot, "data-catalog", "adbench", "6_cardio.npz");

    private static string SplitCardio(string dir)
    {
        string pair = Path.Combine(dir, "cardio.npz");
        Assert.Equal(ExitCodes.Ok, CliRun.Of("data", "split", Cardio, pair, "--seed", "1").ExitCode);
        return pair;
    }

    [Fact]
    public void ScoresEveryTestRowAndReportsTheMetrics()
    {
        string dir = TestPaths.NewTempFolder();
        string pair = SplitCardio(dir), scores = Path.Combine(dir, "scores.csv"), model = Path.Combine(dir, "knn.model");

        var run = CliRun.Of("detect", "--detector", "knn", "--param", "k=10", "--train", pair, "--out", scores, "--save-model", model);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("AUROC", run.Output);
        Assert.Contains("k=10", run.Output);
        var test = DataReader.Read(pair).Pair!.Test;
        var lines = File.ReadAllLines(scores);
        Assert.Equal("row,score,predicted,label", lines[0]);
        Assert.Equal(test.Rows + 1, lines.Length);
        Assert.Equal(test.Labels!.Select(l => l.ToString()), lines.Skip(1).Select(l => l.Split(',')[3]));
        Assert.Equal("knn", ModelFile.Read(model).DetectorName);
    }

    [Theory]
    [InlineData("--detector", "nope")]
    [InlineData("--detector", "knn", "--param", "k=0")]
    [InlineData("--detector", "knn", "--param", "neighbours=3")]
    [InlineData("--detector", "knn", "--param", "k")]
    public void BadDetectorRequestsAreUsageErrors(params string[] args)
    {
        string pair = SplitCardio(TestPaths.NewTempFolder());

        var run = CliRun.Of(["detect", "--train", pair, .. args]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("error: ", line);
        Assert.DoesNotContain("(Parameter", line);
    }

    [Fact]
    public void ASingleTableNeedsATestFileOrASplit()
    {
        var run = CliRun.Of("detect", "--detector", "knn", "--train", Cardio);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("tabod data split", run.Error);
    }
}
