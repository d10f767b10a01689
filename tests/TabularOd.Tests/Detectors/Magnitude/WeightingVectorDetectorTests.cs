using TabularOd.Data;
using TabularOd.Detectors;
using TabularOd.Detectors.Magnitude;
using TabularOd.Detectors.Persistence;
using TabularOd.Tests.Detectors.Conformance;
using Xunit.Abstractions;
using static TabularOd.Tests.Detectors.Magnitude.WeightingVectorReferenceTests;

namespace TabularOd.Tests.Detectors.Magnitude;

public class WeightingVectorDetectorTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(WeightingVectorMethod.Exact)]
    [InlineData(WeightingVectorMethod.Approx)]
    public void TrainingRowsScoredAgainGiveTheirTrainingScores(WeightingVectorMethod method)
    {
        var train = ConformanceData.Inliers();
        var model = new WeightingVectorDetector(new WeightingVectorOptions { Method = method, PatchSize = 30, CellSize = 8 }).Fit(train);

        Assert.Equal(model.TrainingScores.ToArray(), model.Score(train));
    }

    [Fact]
    public void CopiesOfATrainingRowShareItsScore()
    {
        var train = ConformanceData.Inliers(20).SelectRows([.. Enumerable.Range(0, 20), 3, 3, 11]);
        var model = (FittedWeightingVector)new WeightingVectorDetector().Fit(train);

        Assert.Equal(20, model.DistinctRowCount);
        Assert.Equal(0.0, model.Jitter);
        Assert.Equal(model.TrainingScores[3], model.TrainingScores[20]);
        Assert.Equal(model.TrainingScores[3], model.TrainingScores[21]);
        Assert.Equal(model.TrainingScores[11], model.TrainingScores[22]);
    }

    [Fact]
    public void ASingularKernelIsSolvedWithJitterAndSaysSo()
    {
        // At t = 1e-20 every kernel entry rounds to 1: Z is singular although the rows are distinct.
        var model = (FittedWeightingVector)new WeightingVectorDetector(new WeightingVectorOptions { Scale = 1e-20 }).Fit(ConformanceData.Inliers());
        var (rows, _) = ConformanceData.TestSet();

        Assert.Equal(0.01, model.Jitter);
        Assert.All(model.TrainingScores.ToArray(), s => Assert.Equal(1 / 80.01, s, 1e-12));
        Assert.All(model.Score(rows), s => Assert.True(double.IsFinite(s)));
    }

    [Theory]
    [InlineData(80, WeightingVectorMethod.Exact)]
    [InlineData(79, WeightingVectorMethod.Approx)]
    [InlineData(0, WeightingVectorMethod.Approx)]
    public void AutoSolvesExactlyUpToTheLimitOfDistinctRows(int limit, WeightingVectorMethod expected)
    {
        var model = (FittedWeightingVector)new WeightingVectorDetector(new WeightingVectorOptions { ExactLimit = limit }).Fit(ConformanceData.Inliers());
        Assert.Equal(expected, model.Method);

        // Copies do not count: 20 distinct rows three times over stay within a limit of 20.
        var copies = ConformanceData.Inliers(20).SelectRows([.. Enumerable.Range(0, 20), .. Enumerable.Range(0, 20), .. Enumerable.Range(0, 20)]);
        var merged = (FittedWeightingVector)new WeightingVectorDetector(new WeightingVectorOptions { ExactLimit = 20 }).Fit(copies);
        Assert.Equal(WeightingVectorMethod.Exact, merged.Method);
    }

    [Theory]
    [InlineData(WeightingVectorMethod.Exact, 20.0)]
    [InlineData(WeightingVectorMethod.Exact, 2.5)]
    [InlineData(WeightingVectorMethod.Approx, 20.0)]
    public void TheTargetMagnitudeOptionReachesItsTarget(WeightingVectorMethod method, double target)
    {
        var model = (FittedWeightingVector)new WeightingVectorDetector(new WeightingVectorOptions { Method = method, TargetMagnitude = target })
            .Fit(ConformanceData.Inliers());

        output.WriteLine($"{method}, target {target}: t = {model.Scale:R}, magnitude {model.Magnitude:R}");
        Assert.True(Math.Abs(model.Magnitude - target) <= 1e-9 * target, $"magnitude {model.Magnitude}");
        Assert.Equal(model.Magnitude, model.Solution.Weights.ToArray().Sum(), 1e-12 * target);
        Assert.NotEqual(WeightingVectorOptions.DefaultScale, model.Scale);
    }

    [Fact]
    public void ATargetAtOrBeyondTheDistinctRowsIsRefused()
    {
        var detector = new WeightingVectorDetector(new WeightingVectorOptions { TargetMagnitude = 80 });
        var error = Assert.Throws<ArgumentException>(() => detector.Fit(ConformanceData.Inliers()));
        Assert.StartsWith("The 'TargetMagnitude' parameter of WeightingVectorDetector must be below the 80 distinct training rows", error.Message);
        Assert.EndsWith("Got 80.", error.Message);
    }

    [Fact]
    public void BadOptionsAreRefusedInTheProjectFormat()
    {
        var train = ConformanceData.Inliers();
        Fails(new WeightingVectorOptions { Scale = 0 }, "The 'Scale' parameter of WeightingVectorDetector must be > 0 and finite. Got 0.");
        Assert.StartsWith("The 'Scale' parameter of WeightingVectorDetector must be > 0 and finite. Got ",
            Assert.Throws<ArgumentException>(() => new WeightingVectorDetector(new WeightingVectorOptions { Scale = double.PositiveInfinity }).Fit(train)).Message);
        Fails(new WeightingVectorOptions { TargetMagnitude = 0.5 }, "The 'TargetMagnitude' parameter of WeightingVectorDetector must be 0 (off) or a finite value > 1. Got 0.5.");
        Fails(new WeightingVectorOptions { CellSize = 0 }, "The 'CellSize' parameter of WeightingVectorDetector must be ≥ 1. Got 0.");
        Fails(new WeightingVectorOptions { Sweeps = -1 }, "The 'Sweeps' parameter of WeightingVectorDetector must be ≥ 0. Got -1.");
        Fails(new WeightingVectorOptions { PatchSize = 63 }, "The 'PatchSize' parameter of WeightingVectorDetector must be ≥ 64. Got 63.");
        Fails(new WeightingVectorOptions { ExactLimit = -1 }, "The 'ExactLimit' parameter of WeightingVectorDetector must be ≥ 0. Got -1.");
        Fails(new WeightingVectorOptions { Method = (WeightingVectorMethod)7 }, "The 'Method' parameter of WeightingVectorDetector must be auto, exact or approx. Got 7.");

        void Fails(WeightingVectorOptions options, string message) =>
            Assert.Equal(message, Assert.Throws<ArgumentException>(() => new WeightingVectorDetector(options).Fit(train)).Message);
    }

    [Fact]
    public void CatalogSettingsReachTheOptions()
    {
        var detector = DetectorCatalog.Get("wv").CreateFrom(new Dictionary<string, string>
        {
            ["t"] = "0.5", ["target_magnitude"] = "12", ["method"] = "approx", ["patch"] = "40", ["cell"] = "10", ["sweeps"] = "2", ["exact_limit"] = "100",
        });
        Assert.Equal(new WeightingVectorOptions { Scale = 0.5, TargetMagnitude = 12, Method = WeightingVectorMethod.Approx, PatchSize = 40, CellSize = 10, Sweeps = 2, ExactLimit = 100 },
            detector.Options);
        Assert.Equal("needs scaling; deterministic; inductive", DetectorCatalog.Get("wv").Characteristics);
    }

    [Theory]
    [InlineData(WeightingVectorMethod.Exact)]
    [InlineData(WeightingVectorMethod.Approx)]
    public void ASavedModelKeepsItsMethodScaleAndWeights(WeightingVectorMethod method)
    {
        var model = (FittedWeightingVector)new WeightingVectorDetector(new WeightingVectorOptions { Method = method, PatchSize = 30, CellSize = 8, TargetMagnitude = 30 })
            .Fit(ConformanceData.Inliers());
        var (rows, _) = ConformanceData.TestSet();
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;

        var loaded = (FittedWeightingVector)ModelFile.Read(stream);

        Assert.Equal(method, loaded.Method);
        Assert.Equal(model.Scale, loaded.Scale);
        Assert.Equal(model.Magnitude, loaded.Magnitude);
        Assert.Equal(model.Solution.Weights.ToArray(), loaded.Solution.Weights.ToArray());
        Assert.Equal(model.Options, loaded.Options);
        Assert.Equal(model.Score(rows), loaded.Score(rows));
    }

    [Theory]
    [InlineData(WeightingVectorMethod.Exact)]
    [InlineData(WeightingVectorMethod.Approx)]
    public void ScoresDoNotDependOnTheUnitsOfTheColumns(WeightingVectorMethod method)
    {
        var train = ConformanceData.Inliers();
        var (rows, _) = ConformanceData.TestSet();
        double[] units = [1000, 0.01, 3, 1];
        var detector = new WeightingVectorDetector(new WeightingVectorOptions { Method = method, PatchSize = 30, CellSize = 8 });

        var plain = detector.Fit(train);
        var rescaled = detector.Fit(Rescale(train, units));

        AssertNear(plain.TrainingScores.ToArray(), rescaled.TrainingScores.ToArray(), 1e-9);
        AssertNear(plain.Score(rows), rescaled.Score(Rescale(rows, units)), 1e-9);
    }

    private static DataMatrix Rescale(DataMatrix m, double[] units)
    {
        var result = m.Clone();
        for (int i = 0; i < m.Rows; i++)
        {
            for (int j = 0; j < m.Columns; j++)
            {
                result[i, j] = (m[i, j] * units[j]) + 5;
            }
        }
        return result;
    }
}
