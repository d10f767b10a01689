using TabularOd.Cli.Tests.Support;
using TabularOd.Data;
using TabularOd.Tests.Support;

namespace TabularOd.Cli.Tests;

public class DataCommandTests
{
    private static string Catalog => Path.Combine(TestPaths.RepositoryRoot, "data-catalog");

    private static string Cardio => Path.Combine(Catalog, "adbench", "6_cardio.npz");

    [Fact]
    public void InfoOnOneFileDescribesShapeStorageAndOutliers()
    {
        var run = CliRun.Of("data", "info", Cardio);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("1,831 rows × 21 features", run.Output);
        Assert.Contains("176 (9.61%)", run.Output);
        Assert.Contains("<f8", run.Output);
    }

    [Fact]
    public void InfoOverTheBundledCatalogReadsAllTwentyTwoDatasets()
    {
        foreach (string target in new[] { Path.Combine(Catalog, "adbench"), Path.Combine(Catalog, "adbench.json") })
        {
            var run = CliRun.Of("data", "info", target);
            Assert.Equal(ExitCodes.Ok, run.ExitCode);
            Assert.Contains("22 of 22 files read", run.Output);
            Assert.Contains("6_cardio", run.Output);
            Assert.Equal("", run.Error);
        }
    }

    [Fact]
    public void ConvertNpzToCsvAndBackKeepsEveryValue()
    {
        string dir = TestPaths.NewTempFolder();
        string csv = Path.Combine(dir, "cardio.csv"), npz = Path.Combine(dir, "cardio.npz");

        Assert.Equal(ExitCodes.Ok, CliRun.Of("data", "convert", Cardio, csv).ExitCode);
        Assert.Equal(ExitCodes.Ok, CliRun.Of("data", "convert", csv, npz).ExitCode);

        var original = DataReader.Read(Cardio).Table!;
        var back = DataReader.Read(npz).Table!;
        Assert.Equal(original.Features.AsSpan().ToArray(), back.Features.AsSpan().ToArray());
        Assert.Equal(original.Labels, back.Labels);
    }

    [Fact]
    public void ConvertRefusesToOverwriteWithoutForce()
    {
        string dir = TestPaths.NewTempFolder();
        string csv = Path.Combine(dir, "cardio.csv");
        File.WriteAllText(csv, "keep me");

        var run = CliRun.Of("data", "convert", Cardio, csv);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--force", run.Error);
        Assert.Equal("keep me", File.ReadAllText(csv));
        Assert.Equal(ExitCodes.Ok, CliRun.Of("data", "convert", Cardio, csv, "--force").ExitCode);
    }

    [Fact]
    public void SplitMakesTheMacrODataProtocolAndIsSeeded()
    {
        string dir = TestPaths.NewTempFolder();
        string a = Path.Combine(dir, "a.npz"), b = Path.Combine(dir, "b.npz"), c = Path.Combine(dir, "c.npz");

        Assert.Equal(ExitCodes.Ok, CliRun.Of("data", "split", Cardio, a, "--seed", "7").ExitCode);
        Assert.Equal(ExitCodes.Ok, CliRun.Of("data", "split", Cardio, b, "--seed", "7").ExitCode);
        Assert.Equal(ExitCodes.Ok, CliRun.Of("data", "split", Cardio, c, "--seed", "8").ExitCode);

        var pair = DataReader.Read(a).Pair!;
        Assert.All(pair.Train.Labels!, l => Assert.Equal(0, l));
        Assert.Equal(176, pair.Test.OutlierCount);
        Assert.Equal(1831, pair.Train.Rows + pair.Test.Rows);
        Assert.InRange(pair.Train.Rows, (1831 - 176) / 2, ((1831 - 176) / 2) + 1);
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
        Assert.NotEqual(File.ReadAllBytes(a), File.ReadAllBytes(c));
    }

    [Fact]
    public void SplitRefusesAFileThatIsAlreadySplit()
    {
        string dir = TestPaths.NewTempFolder();
        string pair = Path.Combine(dir, "pair.npz");
        Assert.Equal(ExitCodes.Ok, CliRun.Of("data", "split", Cardio, pair).ExitCode);

        var run = CliRun.Of("data", "split", pair, Path.Combine(dir, "again.npz"));

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Contains("already holds a train/test pair", run.Error);
    }

    [Fact]
    public void ManifestVerifyAcceptsTheCommittedCatalogAndCatchesAChangedFile()
    {
        Assert.Equal(ExitCodes.Ok, CliRun.Of("data", "manifest", Path.Combine(Catalog, "adbench.json"), "--verify").ExitCode);

        string dir = TestPaths.NewTempFolder();
        string data = Path.Combine(dir, "suite");
        Directory.CreateDirectory(data);
        File.Copy(Cardio, Path.Combine(data, "6_cardio.npz"));
        var build = CliRun.Of("data", "manifest", data, "--name", "tiny");
        Assert.Equal(ExitCodes.Ok, build.ExitCode);
        string manifest = Path.Combine(dir, "suite.json");
        Assert.Equal(ExitCodes.Ok, CliRun.Of("data", "manifest", manifest, "--verify").ExitCode);

        File.AppendAllText(Path.Combine(data, "6_cardio.npz"), "x");
        var changed = CliRun.Of("data", "manifest", manifest, "--verify");
        Assert.Equal(ExitCodes.Failure, changed.ExitCode);
        Assert.Contains("SHA-256 differs", changed.Error);
    }
}
