using TabularOd.Benchmarking.Catalog;
using TabularOd.Cli.Tests.Support;
using TabularOd.Tests.Support;

namespace TabularOd.Cli.Tests;

/// <summary><c>tabod data manifest</c> with several folders and a <c>--root</c> outside the manifest's folder.</summary>
public class DataManifestCommandTests
{
    private static string Adbench(string name) => Path.Combine(TestPaths.RepositoryRoot, "data-catalog", "adbench", name);

    [Fact]
    public void SeveralFoldersUnderARootGoIntoOneRootedManifestThatVerifies()
    {
        string dir = TestPaths.NewTempFolder();
        string store = Path.Combine(dir, "store");
        foreach (var (folder, file) in new[] { ("first", "14_glass.npz"), ("second", "39_vertebral.npz") })
        {
            File.Copy(Adbench(file), Path.Combine(Directory.CreateDirectory(Path.Combine(store, folder)).FullName, file));
        }
        string manifest = Path.Combine(dir, "catalog", "both.json");

        var run = CliRun.Of("data", "manifest", Path.Combine(store, "first"), Path.Combine(store, "second"), "--root", store, "--out", manifest);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("2 datasets under root ../store", run.Output);
        var loaded = ManifestFile.Load(manifest);
        Assert.Equal("store", loaded.Name);
        Assert.Equal("../store", loaded.Root);
        Assert.Equal(["first/14_glass.npz", "second/39_vertebral.npz"], loaded.Datasets.Select(d => d.File));
        Assert.Equal(["first", "second"], loaded.Datasets.Select(d => d.Tags[0]));
        Assert.Equal(ExitCodes.Ok, CliRun.Of("data", "manifest", manifest, "--verify").ExitCode);
        Assert.Equal(ExitCodes.Ok, CliRun.Of("data", "info", manifest).ExitCode);
    }

    [Fact]
    public void SeveralFoldersNeedAnOutputAndFoldersMustLieUnderTheRoot()
    {
        string dir = TestPaths.NewTempFolder();
        string a = Directory.CreateDirectory(Path.Combine(dir, "a")).FullName, b = Directory.CreateDirectory(Path.Combine(dir, "b")).FullName;
        File.Copy(Adbench("14_glass.npz"), Path.Combine(a, "14_glass.npz"));

        var noOut = CliRun.Of("data", "manifest", a, b);
        Assert.Equal(ExitCodes.Usage, noOut.ExitCode);
        Assert.Contains("--out is required", noOut.Error);

        var outside = CliRun.Of("data", "manifest", a, "--root", b, "--out", Path.Combine(dir, "m.json"));
        Assert.Equal(ExitCodes.Failure, outside.ExitCode);
        Assert.Contains("14_glass.npz: lies outside the manifest root", Assert.Single(outside.ErrorLines));
    }
}
