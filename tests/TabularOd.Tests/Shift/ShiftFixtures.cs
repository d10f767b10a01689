using System.Text.Json;
using TabularOd.Data;
using TabularOd.Tests.Support;

namespace TabularOd.Tests.Shift;

/// <summary>Loads the SciPy / scikit-learn fixtures written by benchmarks/peers/make_shift_fixtures.py.</summary>
internal static class ShiftFixtures
{
    public static string Folder => Path.Combine(TestPaths.Fixtures, "shift");

    public static TheoryData<string> Names(string method)
    {
        var data = new TheoryData<string>();
        foreach (string path in Directory.EnumerateFiles(Folder, "*.json").Order(StringComparer.Ordinal))
        {
            if (Load(Path.GetFileNameWithoutExtension(path)).GetProperty("method").GetString() == method)
            {
                data.Add(Path.GetFileNameWithoutExtension(path));
            }
        }
        return data;
    }

    public static JsonElement Load(string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, name + ".json"))).RootElement;

    public static double[] Vector(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();

    public static DataMatrix Matrix(JsonElement rows)
    {
        var data = rows.EnumerateArray().Select(Vector).ToArray();
        return DataMatrix.FromRowMajor(data.Length, data[0].Length, data.SelectMany(r => r).ToArray());
    }

    public static void AssertClose(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double tolerance, string what)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int j = 0; j < expected.Count; j++)
        {
            Assert.True(Math.Abs(expected[j] - actual[j]) <= tolerance * Math.Max(1, Math.Abs(expected[j])),
                $"{what}[{j}]: expected {expected[j]:R}, got {actual[j]:R}");
        }
    }
}
