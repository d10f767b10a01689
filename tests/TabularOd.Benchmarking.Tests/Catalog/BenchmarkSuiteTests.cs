using TabularOd.Benchmarking.Catalog;
using TabularOd.Benchmarking.Tests.Support;
using TabularOd.Data;
using TabularOd.Tests.Support;

namespace TabularOd.Benchmarking.Tests.Catalog;

public class BenchmarkSuiteTests
{
    [Fact]
    public void Folder_suite_is_named_after_the_folder_and_sized_from_the_array_headers()
    {
        string folder = TinySuite.Create(3, name: "mini");
        var suite = BenchmarkSuite.Load(folder);
        Assert.Equal("mini", suite.Name);
        Assert.Equal(["mini/set00", "mini/set01", "mini/set02"], suite.Datasets.Select(d => d.Id));
        foreach (var dataset in suite.Datasets)
        {
            var pair = DataReader.Read(dataset.Path).Pair!;
            Assert.Equal((pair.Train.Rows, pair.Test.Rows, pair.Train.Columns), (dataset.TrainRows, dataset.TestRows, dataset.Features));
        }
    }

    [Fact]
    public void Bundled_manifest_resolves_every_file_and_single_tables_count_half_their_rows_for_fitting()
    {
        var suite = BenchmarkSuite.Load(Path.Combine(TestPaths.RepositoryRoot, "data-catalog", "adbench.json"));
        Assert.Equal(22, suite.Datasets.Count);
        Assert.All(suite.Datasets, d => Assert.True(File.Exists(d.Path), d.Path));
        var pima = suite.Datasets.Single(d => d.Name.EndsWith("Pima", StringComparison.Ordinal));
        Assert.Equal((0, 768, 8), (pima.TrainRows, pima.TestRows, pima.Features));
        Assert.Equal(384, pima.FitRows);
    }

    [Fact]
    public void Suites_joined_by_commas_are_one_suite_and_a_repeated_dataset_is_refused()
    {
        string a = TinySuite.Create(2, name: "a"), b = TinySuite.Create(3, name: "b");
        var joined = BenchmarkSuite.Load($"{a},{b}");
        Assert.Equal("a+b", joined.Name);
        Assert.Equal(5, joined.Datasets.Count);
        var e = Assert.Throws<DataFileException>(() => BenchmarkSuite.Load($"{a},{a}"));
        Assert.Contains("listed by more than one", e.Message);
    }

    [Fact]
    public void Missing_or_empty_suites_fail_naming_the_path()
    {
        Assert.Contains("no such suite", Assert.Throws<DataFileException>(() => BenchmarkSuite.Load("no/such/place")).Message);
        string empty = TestPaths.NewTempFolder();
        Assert.Contains("holds no data files", Assert.Throws<DataFileException>(() => BenchmarkSuite.Load(empty)).Message);
    }

    [Fact]
    public void A_damaged_file_does_not_stop_the_suite_from_loading()
    {
        string folder = TinySuite.Create(2);
        File.WriteAllBytes(Path.Combine(folder, "zz-broken.npz"), [0x50, 0x4b, 1, 2]);
        var suite = BenchmarkSuite.Load(folder);
        Assert.Equal(3, suite.Datasets.Count);
        Assert.Equal(0, suite.Datasets[^1].Features);
    }
}
