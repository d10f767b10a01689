using System.Text.Json;
using TabularOd.Compute;
using TabularOd.Data;
using TabularOd.Detectors;
using TabularOd.Detectors.Magnitude;
using TabularOd.Tests.Support;
using Xunit.Abstractions;

namespace TabularOd.Tests.Detectors.Magnitude;

/// <summary>
/// Agreement to 1e-9 with NumPy/SciPy (cho_factor/cho_solve) on the fixture written by
/// benchmarks/peers/make_magnitude_fixture.py.
/// </summary>
public class WeightingVectorPeerTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-9;

    private sealed record PointSet(string Name, DataMatrix Points, double T, double[] Weights, double Magnitude, DataMatrix? NewPoints, double[]? NewWeights);

    private sealed record DetectorCase(string Name, Dictionary<string, string> Options, int Distinct, double Magnitude, double[] Train, double[] Test);

    private static readonly Lazy<(PointSet[] Sets, DataMatrix Train, DataMatrix Test, DetectorCase[] Cases)> Fixture = new(Load);

    public static TheoryData<string, string> PointSets() => Cross(Fixture.Value.Sets.Select(s => s.Name));

    /// <summary>
    /// The detector runs on the default backend; every backend meets SciPy on the point sets. The fixture's "approx"
    /// cases have fewer rows than one patch of <see cref="LocalWeightingVector"/>, where it must equal the exact solve.
    /// </summary>
    public static TheoryData<string> DetectorCases() => new(Fixture.Value.Cases.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(PointSets))]
    public void WeightsMatchSciPyOnThePointSets(string name, string backendName)
    {
        var set = Fixture.Value.Sets.Single(s => s.Name == name);
        var vector = WeightingVector.Fit(set.Points, set.T, ComputeBackends.Get(backendName));

        AssertClose(set.Weights, vector.WeightsOf(set.Points));
        Assert.Equal(set.Magnitude, vector.Magnitude, Tolerance * Math.Max(1, set.Magnitude));
        if (set.NewPoints is not null)
        {
            AssertClose(set.NewWeights!, vector.WeightsOf(set.NewPoints));
        }
    }

    [Theory]
    [MemberData(nameof(DetectorCases))]
    public void DetectorScoresMatchSciPy(string name)
    {
        var (_, train, test, cases) = Fixture.Value;
        var peer = cases.Single(c => c.Name == name);
        var model = (FittedWeightingVector)DetectorCatalog.Get("wv").CreateFrom(peer.Options).Fit(train);

        var scores = model.Score(test);
        output.WriteLine($"{name}: {model.Method}, {model.DistinctRowCount} distinct rows, magnitude {model.Magnitude:R} vs {peer.Magnitude:R}; "
            + $"max |Δ| train {MaxDifference(peer.Train, model.TrainingScores.ToArray()):E2}, test {MaxDifference(peer.Test, scores):E2}");
        Assert.Equal(peer.Distinct, model.DistinctRowCount);
        Assert.Equal(peer.Magnitude, model.Magnitude, Tolerance * Math.Max(1, peer.Magnitude));
        AssertClose(peer.Train, model.TrainingScores.ToArray());
        AssertClose(peer.Test, scores);
    }

    private static TheoryData<string, string> Cross(IEnumerable<string> names)
    {
        var data = new TheoryData<string, string>();
        foreach (string name in names)
        {
            foreach (var backend in ComputeBackends.Available)
            {
                data.Add(name, backend.Name);
            }
        }
        return data;
    }

    private static double MaxDifference(double[] a, double[] b) => a.Select((v, i) => Math.Abs(v - b[i])).Max();

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= Tolerance * Math.Max(1, Math.Abs(expected[i])),
                $"index {i}: SciPy {expected[i]:R}, ours {actual[i]:R}");
        }
    }

    private static (PointSet[], DataMatrix, DataMatrix, DetectorCase[]) Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(TestPaths.Fixtures, "magnitude", "weighting_vector.json")));
        var root = document.RootElement;
        var sets = root.GetProperty("point_sets").EnumerateArray().Select(s =>
        {
            int columns = s.GetProperty("columns").GetInt32();
            var points = Matrix(s.GetProperty("points"), columns);
            bool hasNew = s.TryGetProperty("new_points", out var newPoints);
            return new PointSet(s.GetProperty("name").GetString()!, points, s.GetProperty("t").GetDouble(),
                Doubles(s.GetProperty("weights")), s.GetProperty("magnitude").GetDouble(),
                hasNew ? Matrix(newPoints, columns) : null, hasNew ? Doubles(s.GetProperty("new_weights")) : null);
        }).ToArray();
        var detector = root.GetProperty("detector");
        int d = detector.GetProperty("columns").GetInt32();
        var cases = detector.GetProperty("cases").EnumerateArray().Select(c => new DetectorCase(
            c.GetProperty("name").GetString()!,
            c.GetProperty("options").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!),
            c.GetProperty("distinct").GetInt32(),
            c.GetProperty("magnitude").GetDouble(),
            Doubles(c.GetProperty("train_scores")),
            Doubles(c.GetProperty("test_scores")))).ToArray();
        return (sets, Matrix(detector.GetProperty("train"), d), Matrix(detector.GetProperty("test"), d), cases);
    }

    private static DataMatrix Matrix(JsonElement values, int columns)
    {
        var flat = Doubles(values);
        return DataMatrix.FromRowMajor(flat.Length / columns, columns, flat);
    }

    private static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();
}
