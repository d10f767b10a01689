using TabularOd.Benchmarking.Catalog;
using TabularOd.Data;
using TabularOd.Tests.Support;

namespace TabularOd.Benchmarking.Tests.Catalog;

public class ManifestFileTests
{
    private static string AdbenchManifest => Path.Combine(TestPaths.RepositoryRoot, "data-catalog", "adbench.json");

    [Fact]
    public void TheBundledAdbenchManifestMatchesItsFiles()
    {
        var manifest = ManifestFile.Load(AdbenchManifest);

        Assert.Equal("adbench", manifest.Name);
        Assert.Equal(22, manifest.Datasets.Count);
        Assert.Empty(ManifestFile.Verify(AdbenchManifest, manifest));
        foreach (var entry in manifest.Datasets)
        {
            var data = DataReader.Read(ManifestFile.Resolve(AdbenchManifest, entry));
            Assert.Equal((entry.Rows, entry.Features, entry.Outliers), ManifestFile.Count(data));
        }
        var cardio = Assert.Single(manifest.Datasets, d => d.Name == "6_cardio");
        Assert.Equal((1831, 21, 176), (cardio.Rows, cardio.Features, cardio.Outliers));
    }

    [Fact]
    public void BuildThenSaveThenLoadGivesTheSameManifest()
    {
        string dir = TestPaths.NewTempFolder();
        string data = Path.Combine(dir, "data");
        Directory.CreateDirectory(data);
        foreach (string name in new[] { "14_glass.npz", "39_vertebral.npz" })
        {
            File.Copy(Path.Combine(TestPaths.RepositoryRoot, "data-catalog", "adbench", name), Path.Combine(data, name));
        }

        var built = ManifestFile.Build("pair", data, dir);
        string path = Path.Combine(dir, "pair.json");
        ManifestFile.Save(built, path);
        var loaded = ManifestFile.Load(path);

        Assert.Equal(["data/14_glass.npz", "data/39_vertebral.npz"], loaded.Datasets.Select(d => d.File));
        Assert.Equal(built.Datasets, loaded.Datasets, (a, b) => a.Sha256 == b.Sha256 && a.Rows == b.Rows && a.Tags.SequenceEqual(b.Tags));
        Assert.Empty(ManifestFile.Verify(path, loaded));
    }

    [Fact]
    public void VerifyNamesAMissingFile()
    {
        string dir = TestPaths.NewTempFolder();
        var manifest = new SuiteManifest
        {
            Name = "ghost",
            Datasets = [new ManifestEntry { Name = "gone", File = "gone.npz", Sha256 = new string('0', 64) }],
        };

        var problem = Assert.Single(ManifestFile.Verify(Path.Combine(dir, "ghost.json"), manifest));
        Assert.Contains("gone.npz", problem);
        Assert.Contains("missing", problem);
    }

    [Theory]
    [InlineData("{ not json", "not a valid suite manifest")]
    [InlineData("{\"version\": 9, \"name\": \"x\", \"datasets\": []}", "version 9 is not supported")]
    [InlineData("null", "holds null")]
    public void LoadRefusesBrokenManifestsWithOneLine(string text, string expected)
    {
        string path = Path.Combine(TestPaths.NewTempFolder(), "bad.json");
        File.WriteAllText(path, text);

        var error = Assert.Throws<DataFileException>(() => ManifestFile.Load(path));

        Assert.StartsWith(path + ": ", error.Message);
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }
}
