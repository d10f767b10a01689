using System.Text.Json;
using TabularOd.Data;
using TabularOd.Tests.Support;

namespace TabularOd.Tests.Detectors;

/// <summary>
/// One case of Fixtures/detectors/ecdf_detectors.json (written by benchmarks/peers/ecdf_detectors.py): a training
/// matrix, rows to score, and the NumPy re-implementation's ECOD, COPOD and HBOS scores, keyed "detector.part"
/// ("ecod.train", "ecod.transductive", "ecod.inductive", "copod.…", "hbos.train", "hbos.test").
/// </summary>
public sealed record EcdfFixtureCase(string Name, DataMatrix Train, DataMatrix Test, IReadOnlyDictionary<string, double[]> Expected)
{
    public override string ToString() => Name;
}

/// <summary>Loads the ECDF-detector fixtures once per test run and compares scores against them.</summary>
public static class EcdfDetectorFixtures
{
    private static readonly Lazy<IReadOnlyDictionary<string, EcdfFixtureCase>> Loaded = new(Load);

    public static IReadOnlyDictionary<string, EcdfFixtureCase> Cases => Loaded.Value;

    public static TheoryData<string> Names() => new(Cases.Keys);

    /// <summary>
    /// Asserts |expected − actual| ≤ tolerance · max(1, |expected|) everywhere and returns the largest absolute
    /// difference, which the tests print.
    /// </summary>
    public static double AssertClose(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double tolerance, string what)
    {
        Assert.Equal(expected.Count, actual.Count);
        double largest = 0;
        for (int i = 0; i < expected.Count; i++)
        {
            double difference = Math.Abs(expected[i] - actual[i]);
            largest = Math.Max(largest, difference);
            Assert.True(difference <= tolerance * Math.Max(1, Math.Abs(expected[i])),
                $"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R} (|difference| {difference:E2}).");
        }
        return largest;
    }

    private static IReadOnlyDictionary<string, EcdfFixtureCase> Load()
    {
        string path = Path.Combine(TestPaths.Fixtures, "detectors", "ecdf_detectors.json");
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var cases = new Dictionary<string, EcdfFixtureCase>(StringComparer.Ordinal);
        foreach (var item in document.RootElement.GetProperty("cases").EnumerateArray())
        {
            int rows = item.GetProperty("rows").GetInt32(), columns = item.GetProperty("columns").GetInt32();
            var expected = new Dictionary<string, double[]>(StringComparer.Ordinal);
            foreach (string detector in new[] { "ecod", "copod", "hbos" })
            {
                foreach (var part in item.GetProperty(detector).EnumerateObject())
                {
                    expected.Add($"{detector}.{part.Name}", Doubles(part.Value));
                }
            }
            string name = item.GetProperty("name").GetString()!;
            cases.Add(name, new EcdfFixtureCase(
                name,
                DataMatrix.FromRowMajor(rows, columns, Doubles(item.GetProperty("train"))),
                DataMatrix.FromRowMajor(item.GetProperty("test_rows").GetInt32(), columns, Doubles(item.GetProperty("test"))),
                expected));
        }
        return cases;
    }

    private static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();
}
