using System.Text.Json;
using TabularOd.Benchmarking.Catalog;
using TabularOd.Data;
using TabularOd.Tests.Support;

namespace TabularOd.Benchmarking.Tests.Catalog;

/// <summary>Manifests whose data live outside the catalog: the optional "root", and tags taken from the files.</summary>
public class ManifestRootTests
{
    private static string CatalogFile(string name) => Path.Combine(TestPaths.RepositoryRoot, "data-catalog", name);

    private static string SharedMacrodata => Path.Combine(TestPaths.SharedDatasets, "macrodata");

    [Fact]
    public void TheCommittedMacrodataManifestsListTheSharedFolderAndVerifyAgainstIt()
    {
        var all = ManifestFile.Load(CatalogFile("macrodata.json"));
        var odd = ManifestFile.Load(CatalogFile("oddbench.json"));
        var ovr = ManifestFile.Load(CatalogFile("ovrbench.json"));

        Assert.Equal("macrodata", all.Name);
        Assert.Equal((699, 451, 248), (all.Datasets.Count, odd.Datasets.Count, ovr.Datasets.Count));
        Assert.All(new[] { all, odd, ovr }, m => Assert.Equal("../../shared/datasets/macrodata", m.Root));
        Assert.All(new[] { all, odd, ovr }, m => Assert.Equal(Path.GetFullPath(SharedMacrodata), ManifestFile.DataFolder(CatalogFile("x.json"), m)));
        // The sub-suite manifests are the two halves of the whole, entry for entry.
        Assert.Equal(all.Datasets.Select(d => (d.File, d.Sha256)), odd.Datasets.Concat(ovr.Datasets).Select(d => (d.File, d.Sha256)));
        Assert.All(odd.Datasets, d => Assert.Equal(["oddbench"], d.Tags.Take(1)));
        Assert.All(ovr.Datasets, d => Assert.Equal(["ovrbench", "ovr"], d.Tags));
        Assert.All(all.Datasets, d => Assert.True(d.File.StartsWith(d.Tags[0] + "/", StringComparison.Ordinal), d.File));
        Assert.All(all.Datasets, d => Assert.All(d.Tags, t => Assert.Equal(t.ToLowerInvariant(), t)));

        if (!Directory.Exists(SharedMacrodata))
        {
            return; // Outside the project's machines the data are absent; the structure checks above still hold.
        }
        foreach (string name in new[] { "macrodata.json", "oddbench.json", "ovrbench.json" })
        {
            string path = CatalogFile(name);
            Assert.Empty(ManifestFile.Verify(path, ManifestFile.Load(path)));
        }
        // Counts and tags come from the files: spot-check every 25th so the test stays quick.
        foreach (var entry in all.Datasets.Where((_, i) => i % 25 == 0))
        {
            var data = DataReader.Read(ManifestFile.Resolve(CatalogFile("macrodata.json"), all, entry));
            Assert.Equal((entry.Rows, entry.Features, entry.Outliers), ManifestFile.Count(data));
            Assert.Equal(entry.Tags, ManifestFile.TagsOf(entry.Tags[0], data.Pair!.Metadata));
        }
    }

    [Fact]
    public void EntriesResolveAgainstTheRootRelativeToTheManifestsFolder()
    {
        string dir = TestPaths.NewTempFolder();
        string data = Directory.CreateDirectory(Path.Combine(dir, "store", "odd")).FullName;
        File.Copy(Glass, Path.Combine(data, "glass.npz"));
        string manifestPath = Path.Combine(Directory.CreateDirectory(Path.Combine(dir, "catalog")).FullName, "m.json");
        var manifest = new SuiteManifest
        {
            Name = "m",
            Root = "../store",
            Datasets = [new ManifestEntry { Name = "glass", File = "odd/glass.npz", Sha256 = ManifestFile.Sha256Of(Glass) }],
        };
        ManifestFile.Save(manifest, manifestPath);
        var loaded = ManifestFile.Load(manifestPath);
        string expected = Path.Combine(data, "glass.npz");

        Assert.Equal(expected, ManifestFile.Resolve(manifestPath, loaded, loaded.Datasets[0]));
        // The overload without the manifest reads the root from the file, so older callers resolve correctly too.
        Assert.Equal(expected, ManifestFile.Resolve(manifestPath, loaded.Datasets[0]));
        Assert.Empty(ManifestFile.Verify(manifestPath, loaded));

        var unrooted = loaded with { Root = null };
        var problem = Assert.Single(ManifestFile.Verify(manifestPath, unrooted));
        Assert.Contains(Path.Combine(dir, "catalog", "odd", "glass.npz"), problem);
    }

    [Fact]
    public void AManifestIsVersion2OnlyWhenItHasARoot()
    {
        string dir = TestPaths.NewTempFolder();
        var plain = new SuiteManifest { Name = "p", Datasets = [] };
        string plainPath = Path.Combine(dir, "plain.json"), rootedPath = Path.Combine(dir, "rooted.json");

        ManifestFile.Save(plain, plainPath);
        ManifestFile.Save(plain with { Root = "../elsewhere" }, rootedPath);

        using (var json = JsonDocument.Parse(File.ReadAllText(plainPath)))
        {
            Assert.Equal(1, json.RootElement.GetProperty("version").GetInt32());
            Assert.False(json.RootElement.TryGetProperty("root", out _));
        }
        using (var json = JsonDocument.Parse(File.ReadAllText(rootedPath)))
        {
            Assert.Equal(2, json.RootElement.GetProperty("version").GetInt32());
            Assert.Equal("../elsewhere", json.RootElement.GetProperty("root").GetString());
        }
        Assert.Null(ManifestFile.Load(plainPath).Root);
        Assert.Equal("../elsewhere", ManifestFile.Load(rootedPath).Root);
        File.WriteAllText(rootedPath, "{\"version\": 3, \"name\": \"x\", \"datasets\": []}");
        var error = Assert.Throws<DataFileException>(() => ManifestFile.Load(rootedPath));
        Assert.Contains("version 3 is not supported; this build reads versions 1 to 2", error.Message);
    }

    [Fact]
    public void BuildWithARootWritesEntriesUnderItAndTagsThemByFolderAndMetadata()
    {
        string dir = TestPaths.NewTempFolder();
        string store = Path.Combine(dir, "store");
        string odd = Directory.CreateDirectory(Path.Combine(store, "OddBench")).FullName;
        string ovr = Directory.CreateDirectory(Path.Combine(store, "ovrbench")).FullName;
        WritePair(Path.Combine(odd, "fraud.npz"), new Dictionary<string, object>
        {
            ["dataset_type"] = "ovo",
            ["tags"] = new[] { "Few_Anomalies", "oddbench", "origin Human", "x".PadRight(ManifestFile.MaxTagLength + 1, 'x') },
        });
        // OvRBench files store their empty tag list as a float array.
        WritePair(Path.Combine(ovr, "wilt.npz"), new Dictionary<string, object> { ["dataset_type"] = "ovr", ["tags"] = Array.Empty<double>() });
        string catalog = Directory.CreateDirectory(Path.Combine(dir, "catalog")).FullName;

        var built = ManifestFile.Build("both", [odd, ovr], catalog, store);
        string path = Path.Combine(catalog, "both.json");
        ManifestFile.Save(built, path);
        var loaded = ManifestFile.Load(path);

        Assert.Equal("../store", loaded.Root);
        Assert.Equal(["OddBench/fraud.npz", "ovrbench/wilt.npz"], loaded.Datasets.Select(d => d.File));
        Assert.Equal(["oddbench", "ovo", "few_anomalies", "origin_human"], loaded.Datasets[0].Tags);
        Assert.Equal(["ovrbench", "ovr"], loaded.Datasets[1].Tags);
        Assert.Equal((6, 2, 1), (loaded.Datasets[0].Rows, loaded.Datasets[0].Features, loaded.Datasets[0].Outliers));
        Assert.Empty(ManifestFile.Verify(path, loaded));

        // One folder: entries carry the suite's name as their first tag, as before roots existed.
        Assert.Equal(["solo", "ovo"], ManifestFile.Build("solo", [odd], catalog, store).Datasets[0].Tags.Take(2));
        // A root that is the manifest's own folder is no root at all.
        Assert.Null(ManifestFile.Build("here", [odd], store, store).Root);
    }

    [Fact]
    public void BuildRefusesAFolderOutsideTheRoot()
    {
        string dir = TestPaths.NewTempFolder();
        string outside = Directory.CreateDirectory(Path.Combine(dir, "outside")).FullName;
        File.Copy(Glass, Path.Combine(outside, "glass.npz"));
        string root = Directory.CreateDirectory(Path.Combine(dir, "root")).FullName;

        var error = Assert.Throws<DataFileException>(() => ManifestFile.Build("x", [outside], dir, root));

        Assert.Contains("glass.npz", error.Message);
        Assert.Contains("outside the manifest root", error.Message);
    }

    private static string Glass => Path.Combine(TestPaths.RepositoryRoot, "data-catalog", "adbench", "14_glass.npz");

    private static void WritePair(string path, IReadOnlyDictionary<string, object> metadata)
    {
        var train = new Dataset("pair", DataMatrix.FromRowMajor(3, 2, [0, 1, 2, 3, 4, 5]), labels: [0, 0, 0], metadata: metadata);
        var test = new Dataset("pair", DataMatrix.FromRowMajor(3, 2, [1, 1, 2, 2, 9, 9]), labels: [0, 0, 1]);
        DataWriter.Write(DataFile.OfPair(path, new TrainTestPair(train, test)), path);
    }
}
