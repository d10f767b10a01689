using System.Text.Json;
using TabularOd.Tests.Support;

namespace TabularOd.Tests.Evaluation;

/// <summary>One case of Fixtures/metrics/outlier_metric_cases.json (written by benchmarks/peers/make_metric_fixtures.py).</summary>
public sealed record MetricCase(
    string Name,
    int[] Labels,
    double[] Scores,
    double Threshold,
    int? N,
    double? Auroc,
    double? Auprc,
    double? PrecisionAtN,
    double F1AtThreshold,
    double BestF1);

/// <summary>Loads the scikit-learn/NumPy metric fixtures once per test run.</summary>
public static class MetricFixtures
{
    private static readonly Lazy<(string Sklearn, IReadOnlyDictionary<string, MetricCase> Cases)> Loaded = new(Load);

    public static string SklearnVersion => Loaded.Value.Sklearn;

    public static IReadOnlyDictionary<string, MetricCase> Cases => Loaded.Value.Cases;

    public static string FilePath => Path.Combine(TestPaths.Fixtures, "metrics", "outlier_metric_cases.json");

    private static (string, IReadOnlyDictionary<string, MetricCase>) Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(FilePath));
        var root = document.RootElement;
        var cases = new Dictionary<string, MetricCase>(StringComparer.Ordinal);
        foreach (var item in root.GetProperty("cases").EnumerateArray())
        {
            var expected = item.GetProperty("expected");
            var name = item.GetProperty("name").GetString()!;
            cases.Add(name, new MetricCase(
                name,
                item.GetProperty("labels").EnumerateArray().Select(e => e.GetInt32()).ToArray(),
                item.GetProperty("scores").EnumerateArray().Select(e => e.GetDouble()).ToArray(),
                item.GetProperty("threshold").GetDouble(),
                NullableInt(item.GetProperty("n")),
                NullableDouble(expected.GetProperty("auroc")),
                NullableDouble(expected.GetProperty("auprc")),
                NullableDouble(expected.GetProperty("precision_at_n")),
                expected.GetProperty("f1_at_threshold").GetDouble(),
                expected.GetProperty("best_f1").GetDouble()));
        }
        return (root.GetProperty("sklearn").GetString()!, cases);
    }

    private static double? NullableDouble(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetDouble();

    private static int? NullableInt(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetInt32();
}
