using System.Text.Json;
using TabularOd.Tests.Support;

namespace TabularOd.Tests.Compute.Conformance;

/// <summary>
/// The NumPy/SciPy/scikit-learn results in Fixtures/compute/*.json, written by
/// benchmarks/peers/make_compute_fixtures.py with the interface's sign conventions already applied.
/// </summary>
public static class ComputeFixtures
{
    /// <summary>The cases of one fixture file ("distances", "kneighbors", "gemm", "cholesky", "eigh", "svd", "lu_solve").</summary>
    public static IReadOnlyList<JsonElement> Cases(string name)
    {
        string path = Path.Combine(TestPaths.Fixtures, "compute", name + ".json");
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.Clone()).ToArray();
    }

    /// <summary>A flat array of numbers.</summary>
    public static double[] Doubles(this JsonElement item, string property) =>
        item.GetProperty(property).EnumerateArray().Select(e => e.GetDouble()).ToArray();

    /// <summary>A flat array of numbers narrowed to float (they were written from float32 values, so exactly).</summary>
    public static float[] Singles(this JsonElement item, string property) =>
        item.GetProperty(property).EnumerateArray().Select(e => (float)e.GetDouble()).ToArray();

    /// <summary>A flat array of integers.</summary>
    public static int[] Ints(this JsonElement item, string property) =>
        item.GetProperty(property).EnumerateArray().Select(e => e.GetInt32()).ToArray();

    /// <summary>An integer property.</summary>
    public static int Int(this JsonElement item, string property) => item.GetProperty(property).GetInt32();
}
