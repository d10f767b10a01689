using TabularOd.Tests.Support;
using TabularOd.Benchmarking.Runner;
using TabularOd.Data;

namespace TabularOd.Benchmarking.Tests.Runner;

public class DetectorSpecTests
{
    private static DetectorSpec FromJson(string json)
    {
        string path = Path.Combine(TestPaths.NewTempFolder(), "spec.json");
        File.WriteAllText(path, json);
        return DetectorSpec.Load(path);
    }

    [Fact]
    public void Grid_expands_to_the_cartesian_product_in_key_order()
    {
        var spec = FromJson("""
            { "detectors": [ { "detector": "knn", "grid": { "method": ["largest", "mean"], "k": [1, 5] } }, "hbos" ] }
            """);
        Assert.Equal(["knn(k=1,method=largest)", "knn(k=1,method=mean)", "knn(k=5,method=largest)", "knn(k=5,method=mean)", "hbos"],
            spec.Entries.Select(e => e.Configuration.Id));
    }

    [Fact]
    public void Deterministic_detectors_run_one_seed_randomised_ones_all()
    {
        var spec = FromJson("""{ "seeds": [3, 4, 5], "detectors": ["knn", "iforest"] }""");
        Assert.Equal([3], spec.SeedsFor(spec.Entries[0]));
        Assert.Equal([3, 4, 5], spec.SeedsFor(spec.Entries[1]));
    }

    [Fact]
    public void Builtin_names_and_lists_resolve()
    {
        Assert.Equal(DetectorSpec.ClassicalDetectors, DetectorSpec.Resolve("classical").Entries.Select(e => e.Configuration.Id));
        Assert.Equal(16, DetectorSpec.Resolve("zoo").Entries.Count);
        Assert.Equal(["knn", "lof"], DetectorSpec.Resolve("KNN, lof").Entries.Select(e => e.Configuration.Id));
    }

    [Theory]
    [InlineData("""{ "detectors": [ { "detector": "knn", "grid": { "k": [0] } } ] }""", "knn(k=0)")]
    [InlineData("""{ "detectors": [ "nope" ] }""", "unknown detector 'nope'")]
    [InlineData("""{ "detectors": [ { "detector": "knn", "grid": { "kk": [1] } } ] }""", "kk")]
    [InlineData("""{ "detectors": [] }""", "'detectors' must be a non-empty list")]
    [InlineData("""{ "detectors": ["knn"], "timeout_seconds": -1 }""", "'timeout_seconds' must be a positive number")]
    [InlineData("""{ "detectors": ["knn", "knn"] }""", "listed twice")]
    [InlineData("""{ "detector": ["knn"] }""", "unknown key 'detector'")]
    [InlineData("""{ "detectors": [ { "detector": "iforest", "params": { "seed": 1 } } ] }""", "set seeds with 'seeds'")]
    public void Bad_specs_fail_with_one_line_naming_the_file_and_the_problem(string json, string expected)
    {
        var e = Assert.Throws<DataFileException>(() => FromJson(json));
        Assert.Contains("spec.json", e.Message);
        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Configuration_id_does_not_depend_on_parameter_order_or_case()
    {
        var a = new DetectorConfiguration("knn", new Dictionary<string, string> { ["k"] = "5", ["Method"] = "mean" });
        var b = new DetectorConfiguration("knn", new Dictionary<string, string> { ["method"] = "mean", ["k"] = "5" });
        Assert.Equal(a.Id, b.Id);
        Assert.Equal(a, b);
        Assert.Equal("""{"k":"5","method":"mean"}""", a.ParametersJson());
    }
}
