using System.Text.Json;
using TabularOd.Data;
using TabularOd.Tests.Support;

namespace TabularOd.Tests.Data.Preprocessing;

/// <summary>Loads the scikit-learn / NumPy fixtures written by benchmarks/peers/make_scaler_fixtures.py (null = NaN).</summary>
internal static class PreprocessingFixtures
{
    public static string Folder => Path.Combine(TestPaths.Fixtures, "preprocessing");

    public static IEnumerable<string> Names(string prefix) =>
        Directory.EnumerateFiles(Folder, prefix + "*.json")
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Order(StringComparer.Ordinal);

    public static JsonElement Load(string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, name + ".json"))).RootElement;

    public static double[] Vector(JsonElement array) =>
        array.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? double.NaN : e.GetDouble()).ToArray();

    public static DataMatrix Matrix(JsonElement rows)
    {
        var data = rows.EnumerateArray().Select(Vector).ToArray();
        int columns = data.Length == 0 ? 0 : data[0].Length;
        return DataMatrix.FromRowMajor(data.Length, columns, data.SelectMany(r => r).ToArray());
    }

    public static void AssertClose(DataMatrix expected, DataMatrix actual, double tolerance, string what)
    {
        Assert.Equal(expected.Rows, actual.Rows);
        Assert.Equal(expected.Columns, actual.Columns);
        for (int i = 0; i < expected.Rows; i++)
        {
            for (int j = 0; j < expected.Columns; j++)
            {
                AssertClose(expected[i, j], actual[i, j], tolerance, $"{what}[{i}, {j}]");
            }
        }
    }

    public static void AssertClose(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double tolerance, string what)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int j = 0; j < expected.Count; j++)
        {
            AssertClose(expected[j], actual[j], tolerance, $"{what}[{j}]");
        }
    }

    private static void AssertClose(double expected, double actual, double tolerance, string what)
    {
        bool close = double.IsNaN(expected) ? double.IsNaN(actual) : Math.Abs(expected - actual) <= tolerance;
        Assert.True(close, $"{what}: expected {expected:R}, got {actual:R}");
    }
}
