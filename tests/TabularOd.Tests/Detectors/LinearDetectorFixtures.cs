using System.Text.Json;
using TabularOd.Data;
using TabularOd.Detectors;
using TabularOd.Tests.Support;

namespace TabularOd.Tests.Detectors;

/// <summary>A data set of Fixtures/detectors/linear_detectors.json: training rows, test rows and their labels.</summary>
public sealed record PeerDataset(DataMatrix Train, DataMatrix Test, int[] TestLabels);

/// <summary>One peer case: detector options as the catalog spells them and the peer's scores.</summary>
public sealed record PeerCase(
    string Name,
    string Dataset,
    bool Exact,
    IReadOnlyDictionary<string, string> Options,
    double[]? TrainScores,
    double[] TestScores,
    double? Auroc,
    double[]? Location);

/// <summary>
/// Loads the scikit-learn fixtures written by benchmarks/peers/linear_detectors.py and the helpers the PCA,
/// Mahalanobis and GMM tests share.
/// </summary>
public static class LinearDetectorFixtures
{
    private static readonly Lazy<(IReadOnlyDictionary<string, PeerDataset> Datasets, IReadOnlyDictionary<string, IReadOnlyList<PeerCase>> Groups)> Loaded = new(Load);

    public static string FilePath => Path.Combine(TestPaths.Fixtures, "detectors", "linear_detectors.json");

    public static PeerDataset Dataset(string name) => Loaded.Value.Datasets[name];

    public static IReadOnlyList<PeerCase> Group(string group) => Loaded.Value.Groups[group];

    public static PeerCase Case(string group, string name) => Group(group).Single(c => c.Name == name);

    public static TheoryData<string> Names(string group, bool? exact = null) =>
        new(Group(group).Where(c => exact is null || c.Exact == exact).Select(c => c.Name));

    /// <summary>Fits the catalog detector with the case's options on its data set's training rows.</summary>
    public static FittedDetector Fit(string detector, PeerCase peer) =>
        DetectorCatalog.Get(detector).CreateFrom(peer.Options).Fit(Dataset(peer.Dataset).Train);

    /// <summary>Every value within <paramref name="relative"/> of the expected one (relative to its magnitude).</summary>
    public static void AssertClose(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double relative)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            double tolerance = relative * Math.Max(Math.Abs(expected[i]), 1e-12);
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"index {i}: expected {expected[i]:R}, got {actual[i]:R}");
        }
    }

    /// <summary>The largest relative difference, for reporting agreement.</summary>
    public static double MaxRelativeDifference(IReadOnlyList<double> expected, IReadOnlyList<double> actual) =>
        expected.Select((e, i) => Math.Abs(e - actual[i]) / Math.Max(Math.Abs(e), 1e-12)).Max();

    /// <summary>Spearman's rank correlation (average ranks for ties).</summary>
    public static double Spearman(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var ra = Ranks(a);
        var rb = Ranks(b);
        double ma = ra.Average(), mb = rb.Average();
        double cov = 0, va = 0, vb = 0;
        for (int i = 0; i < ra.Length; i++)
        {
            cov += (ra[i] - ma) * (rb[i] - mb);
            va += (ra[i] - ma) * (ra[i] - ma);
            vb += (rb[i] - mb) * (rb[i] - mb);
        }
        return cov / Math.Sqrt(va * vb);
    }

    private static double[] Ranks(IReadOnlyList<double> values)
    {
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        for (int start = 0; start < order.Length;)
        {
            int end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]])
            {
                end++;
            }
            for (int k = start; k <= end; k++)
            {
                ranks[order[k]] = (start + end) / 2.0;
            }
            start = end + 1;
        }
        return ranks;
    }

    private static (IReadOnlyDictionary<string, PeerDataset>, IReadOnlyDictionary<string, IReadOnlyList<PeerCase>>) Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(FilePath));
        var root = document.RootElement;
        var datasets = new Dictionary<string, PeerDataset>(StringComparer.Ordinal);
        foreach (var property in root.GetProperty("datasets").EnumerateObject())
        {
            var value = property.Value;
            int rows = value.GetProperty("rows").GetInt32(), columns = value.GetProperty("columns").GetInt32();
            int testRows = value.GetProperty("test_rows").GetInt32();
            datasets.Add(property.Name, new PeerDataset(
                DataMatrix.FromRowMajor(rows, columns, Doubles(value.GetProperty("train"))),
                DataMatrix.FromRowMajor(testRows, columns, Doubles(value.GetProperty("test"))),
                value.GetProperty("test_labels").EnumerateArray().Select(e => e.GetInt32()).ToArray()));
        }
        var groups = new Dictionary<string, IReadOnlyList<PeerCase>>(StringComparer.Ordinal);
        foreach (string group in new[] { "pca", "mahalanobis", "gmm" })
        {
            groups.Add(group, root.GetProperty(group).EnumerateArray().Select(item => new PeerCase(
                item.GetProperty("name").GetString()!,
                item.GetProperty("dataset").GetString()!,
                item.GetProperty("kind").GetString() == "exact",
                item.GetProperty("options").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!),
                item.TryGetProperty("train_scores", out var train) ? Doubles(train) : null,
                Doubles(item.GetProperty("test_scores")),
                item.TryGetProperty("auroc", out var auroc) ? auroc.GetDouble() : null,
                item.TryGetProperty("location", out var location) ? Doubles(location) : null)).ToList());
        }
        return (datasets, groups);
    }

    private static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();
}
