using TabularOd.Benchmarking.Catalog;
using TabularOd.Cli.Commands;
using TabularOd.Cli.Tests.Support;
using TabularOd.Data;
using TabularOd.Tests.Support;

namespace TabularOd.Cli.Tests;

public class SynthCommandTests
{
    [Fact]
    public void WritesCountFilesAndAManifestThatMatchesThem()
    {
        string dir = Path.Combine(TestPaths.NewTempFolder(), "synbench");

        var run = CliRun.Of("synth", "--count", "51", "--seed", "4", "--out", dir);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal(51, Directory.GetFiles(dir, "*.npz").Length);
        Assert.True(File.Exists(Path.Combine(dir, "syn-0050-scm-global.npz")));
        Assert.Equal(["synth: 50/51 datasets written", "synth: 51/51 datasets written"], run.ErrorLines.Select(l => l[..l.IndexOf(" (", StringComparison.Ordinal)]));
        Assert.Contains("wrote 51 datasets", run.Output);

        string manifestPath = Path.Combine(dir, SynthCommand.ManifestFileName);
        var manifest = ManifestFile.Load(manifestPath);
        Assert.Equal("synbench", manifest.Name);
        Assert.Equal(51, manifest.Datasets.Count);
        Assert.Empty(ManifestFile.Verify(manifestPath, manifest));
        var first = manifest.Datasets[0];
        Assert.Equal("syn-0000-gmm-global.npz", first.File);
        var pair = DataReader.Read(Path.Combine(dir, first.File)).Pair!;
        Assert.Equal((first.Rows, first.Features, first.Outliers), (pair.Train.Rows + pair.Test.Rows, pair.Train.Columns, pair.Test.OutlierCount!.Value));
        Assert.Equal("gmm", pair.Metadata["prior"]);
    }

    [Fact]
    public void TheSameSeedGivesTheSameFilesWhateverTheSchedule()
    {
        string root = TestPaths.NewTempFolder();
        string a = Path.Combine(root, "a"), b = Path.Combine(root, "b"), c = Path.Combine(root, "c");

        Assert.Equal(ExitCodes.Ok, CliRun.Of("synth", "--count", "6", "--seed", "9", "--out", a).ExitCode);
        Assert.Equal(ExitCodes.Ok, CliRun.Of("synth", "--count", "6", "--seed", "9", "--out", b).ExitCode);
        Assert.Equal(ExitCodes.Ok, CliRun.Of("synth", "--count", "6", "--seed", "10", "--out", c).ExitCode);

        string[] Hashes(string dir) => ManifestFile.Load(Path.Combine(dir, SynthCommand.ManifestFileName)).Datasets.Select(d => d.Sha256).ToArray();
        Assert.Equal(Hashes(a), Hashes(b));
        Assert.Empty(Hashes(a).Intersect(Hashes(c)));
    }

    [Fact]
    public void RerunningWithoutForceFailsCleanlyAndLeavesTheFilesAlone()
    {
        string dir = TestPaths.NewTempFolder();
        Assert.Equal(ExitCodes.Ok, CliRun.Of("synth", "--count", "3", "--out", dir).ExitCode);
        string first = Path.Combine(dir, "syn-0000-gmm-global.npz");
        File.WriteAllText(first, "keep me");

        var refused = CliRun.Of("synth", "--count", "3", "--out", dir);

        Assert.Equal(ExitCodes.Usage, refused.ExitCode);
        var line = Assert.Single(refused.ErrorLines);
        Assert.StartsWith("error: ", line);
        Assert.Contains("syn-0000-gmm-global.npz already exists", line);
        Assert.Contains("--force", line);
        Assert.Equal("keep me", File.ReadAllText(first));

        var forced = CliRun.Of("synth", "--count", "3", "--out", dir, "--force");
        Assert.Equal(ExitCodes.Ok, forced.ExitCode);
        Assert.NotNull(DataReader.Read(first).Pair);
    }

    [Fact]
    public void AStaleFileOfALargerRunIsLeftOutOfTheManifest()
    {
        string dir = TestPaths.NewTempFolder();
        Assert.Equal(ExitCodes.Ok, CliRun.Of("synth", "--count", "4", "--out", dir).ExitCode);

        var smaller = CliRun.Of("synth", "--count", "2", "--out", dir, "--force");

        Assert.Equal(ExitCodes.Ok, smaller.ExitCode);
        Assert.Contains("warning: ", smaller.Error);
        Assert.Equal(2, ManifestFile.Load(Path.Combine(dir, SynthCommand.ManifestFileName)).Datasets.Count);
    }

    [Theory]
    [InlineData("0", "--count must be ≥ 1. Got 0.")]
    [InlineData("-5", "--count must be ≥ 1. Got -5.")]
    public void ACountBelowOneIsAUsageError(string count, string message)
    {
        string dir = TestPaths.NewTempFolder();

        var run = CliRun.Of("synth", "--count", count, "--out", dir);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal($"error: {message}", Assert.Single(run.ErrorLines));
        Assert.Empty(Directory.GetFileSystemEntries(dir));
    }

    [Fact]
    public void OutIsRequired()
    {
        var run = CliRun.Of("synth", "--count", "3");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--out", run.Error);
    }
}
