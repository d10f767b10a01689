using System.Text.Json;
using TabularOd.Data;
using TabularOd.Detectors;
using TabularOd.Detectors.Persistence;
using TabularOd.Detectors.Proximity;
using TabularOd.Tests.Support;
using Xunit.Abstractions;

namespace TabularOd.Tests.Detectors;

public class LocalOutlierFactorTests(ITestOutputHelper output)
{
    private sealed record FixtureCase(string Name, int K, int KEffective, DataMatrix Train, DataMatrix Test, double[] ExpectedTrain, double[] ExpectedTest);

    // Fixtures/detectors/lof.json, written by benchmarks/peers/make_lof_fixture.py from scikit-learn.
    private static readonly Lazy<Dictionary<string, FixtureCase>> Cases = new(Load);

    public static TheoryData<string> Names() => new(Cases.Value.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void ScoresMatchScikitLearn(string name)
    {
        var fixture = Cases.Value[name];
        var model = new LocalOutlierFactorDetector(new LocalOutlierFactorOptions { K = fixture.K }).Fit(fixture.Train);

        double train = AssertRelativelyClose(fixture.ExpectedTrain, model.TrainingScores.ToArray(), 1e-9, $"{name} train");
        double test = AssertRelativelyClose(fixture.ExpectedTest, model.Score(fixture.Test), 1e-9, $"{name} test");
        output.WriteLine($"LOF {name} (k {fixture.KEffective}): max relative difference train {train:E2}, test {test:E2}");
    }

    [Fact]
    public void RowsThatAreAllDuplicatesScoreFinite()
    {
        // Every distance is zero: the 1e-10 guard makes every density 1e10, so every training LOF is exactly 1.
        var train = new DataMatrix(30, 2);
        for (int i = 0; i < train.Rows; i++)
        {
            train[i, 0] = 1.5;
            train[i, 1] = -2;
        }
        var model = new LocalOutlierFactorDetector().Fit(train);

        Assert.All(model.TrainingScores.ToArray(), s => Assert.Equal(1, s));
        var scores = model.Score(DataMatrix.FromArray(new double[,] { { 1.5, -2 }, { 2.5, -2 } }));
        Assert.Equal(1, scores[0]);
        // lrd(new) = 1 / (1 + 1e-10), so LOF = 1e10 · (1 + 1e-10): huge but finite, as in scikit-learn.
        Assert.Equal((1 + 1e-10) / 1e-10, scores[1], 1e-3);
    }

    [Fact]
    public void AHandWorkedLineMatches()
    {
        // Points 0, 1, 2, 4 on a line, k = 1. Nearest neighbours (self excluded): 0→1, 1→0, 2→1, 4→2;
        // k-distances 1, 1, 1, 2. reach: 0→1 max(1,1)=1; 1→0 1; 2→1 1; 4→2 max(1,2)=2.
        // lrd ≈ 1, 1, 1, 1/2; LOF = lrd(neighbour)/lrd: 1, 1, 1, 2.
        var model = new LocalOutlierFactorDetector(new LocalOutlierFactorOptions { K = 1 })
            .Fit(DataMatrix.FromArray(new double[,] { { 0 }, { 1 }, { 2 }, { 4 } }));
        AssertRelativelyClose([1, 1, 1, 2], model.TrainingScores.ToArray(), 1e-9, "training");

        // A new row at 7: nearest training row 4 (k-distance 2), reach max(2, 3) = 3, lrd 1/3; LOF = (1/2)/(1/3) = 1.5.
        AssertRelativelyClose([1.5], model.Score(DataMatrix.FromArray(new double[,] { { 7 } })), 1e-9, "new row");
    }

    [Fact]
    public void NonDefaultOptionsRoundTripThroughTheModelFile()
    {
        var fixture = Cases.Value["small_k"];
        var model = new LocalOutlierFactorDetector(new LocalOutlierFactorOptions { K = 5, Contamination = 0.2, Seed = 4 }).Fit(fixture.Train);
        using var stream = new MemoryStream();

        model.Save(stream);
        stream.Position = 0;
        var loaded = ModelFile.Read(stream);

        Assert.Equal(model.Options, loaded.Options);
        Assert.Equal(model.Score(fixture.Test), loaded.Score(fixture.Test));
    }

    [Fact]
    public void ANonPositiveNeighbourCountIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new LocalOutlierFactorDetector(new LocalOutlierFactorOptions { K = 0 }).Fit(Cases.Value["small_k"].Train));
        Assert.Equal("The 'K' parameter of LocalOutlierFactorDetector must be ≥ 1. Got 0.", error.Message);
        Assert.Same(LocalOutlierFactorDetector.Descriptor, DetectorCatalog.Get("lof"));
    }

    private static double AssertRelativelyClose(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double tolerance, string what)
    {
        Assert.Equal(expected.Count, actual.Count);
        double largest = 0;
        for (int i = 0; i < expected.Count; i++)
        {
            double relative = Math.Abs(expected[i] - actual[i]) / Math.Max(1, Math.Abs(expected[i]));
            largest = Math.Max(largest, relative);
            Assert.True(relative <= tolerance, $"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R} (relative difference {relative:E2}).");
        }
        return largest;
    }

    private static Dictionary<string, FixtureCase> Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(TestPaths.Fixtures, "detectors", "lof.json")));
        var cases = new Dictionary<string, FixtureCase>(StringComparer.Ordinal);
        foreach (var item in document.RootElement.GetProperty("cases").EnumerateArray())
        {
            int rows = item.GetProperty("rows").GetInt32(), columns = item.GetProperty("columns").GetInt32();
            int testRows = item.GetProperty("test_rows").GetInt32();
            string name = item.GetProperty("name").GetString()!;
            cases.Add(name, new FixtureCase(
                name,
                item.GetProperty("n_neighbors").GetInt32(),
                item.GetProperty("n_neighbors_effective").GetInt32(),
                DataMatrix.FromRowMajor(rows, columns, Doubles(item.GetProperty("train"))),
                DataMatrix.FromRowMajor(testRows, columns, Doubles(item.GetProperty("test"))),
                Doubles(item.GetProperty("expected_train")),
                Doubles(item.GetProperty("expected_test"))));
        }
        return cases;
    }

    private static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();
}
