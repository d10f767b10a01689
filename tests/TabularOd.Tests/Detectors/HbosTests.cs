using TabularOd.Data;
using TabularOd.Detectors;
using TabularOd.Detectors.Persistence;
using TabularOd.Detectors.Probabilistic;
using Xunit.Abstractions;

namespace TabularOd.Tests.Detectors;

public class HbosTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(EcdfDetectorFixtures.Names), MemberType = typeof(EcdfDetectorFixtures))]
    public void ScoresMatchTheNumPyReimplementation(string name)
    {
        var fixture = EcdfDetectorFixtures.Cases[name];
        var model = new HbosDetector().Fit(fixture.Train);

        double train = EcdfDetectorFixtures.AssertClose(fixture.Expected["hbos.train"], model.TrainingScores.ToArray(), 1e-9, $"{name} train");
        double test = EcdfDetectorFixtures.AssertClose(fixture.Expected["hbos.test"], model.Score(fixture.Test), 1e-9, $"{name} test");
        output.WriteLine($"HBOS {name}: max |difference| train {train:E2}, test {test:E2}");
    }

    [Fact]
    public void AHandWorkedHistogramScoresAsPyOdDoes()
    {
        // Values 0..4 with 2 bins: edges (0, 2, 4); bin 0 holds 0 and 1, bin 1 holds 2, 3, 4 (the last bin is closed).
        // Densities 2/(5·2) = 0.2 and 3/(5·2) = 0.3. np.digitize(right=True) scores 0 (on the left edge, within tol)
        // and 2 (on the interior edge) with bin 0, and 1 with bin 0; 3 and 4 with bin 1.
        var model = new HbosDetector(new HbosOptions { Bins = 2 }).Fit(DataMatrix.FromArray(new double[,] { { 0 }, { 1 }, { 2 }, { 3 }, { 4 } }));
        double low = -Math.Log2(0.2 + 0.1), high = -Math.Log2(0.3 + 0.1);

        EcdfDetectorFixtures.AssertClose([low, low, low, high, high], model.TrainingScores.ToArray(), 1e-15, "training");
        // 4.9 is 0.45 widths beyond the right edge (within tol 0.5): the last bin; 5.5 is beyond: the lowest bin (0.2).
        // −0.9 is within tol on the left: bin 0; −1.5 is beyond.
        var scores = model.Score(DataMatrix.FromArray(new double[,] { { 4.9 }, { 5.5 }, { -0.9 }, { -1.5 }, { 2.5 } }));
        EcdfDetectorFixtures.AssertClose([high, low, low, low, high], scores, 1e-15, "new rows");
    }

    [Fact]
    public void ConstantColumnsGiveFiniteScores()
    {
        // PyOD widens a constant column to ±0.5; the constant then sits on an interior edge, and digitize(right=True)
        // scores it with the empty bin below. Odd, but finite, and what the fixtures' "constant" case pins down.
        var train = new DataMatrix(30, 2);
        for (int i = 0; i < 30; i++)
        {
            train[i, 0] = 4.2;
            train[i, 1] = i % 2 == 0 ? 0 : 1e300;
        }
        var model = new HbosDetector().Fit(train);

        var scores = model.Score(DataMatrix.FromArray(new double[,] { { 4.2, 0 }, { 100, 1e300 }, { -1e308, -1e308 } }));

        Assert.All(model.TrainingScores.ToArray(), s => Assert.True(double.IsFinite(s)));
        Assert.All(scores, s => Assert.True(double.IsFinite(s)));
    }

    [Fact]
    public void NonDefaultOptionsRoundTripThroughTheModelFile()
    {
        var model = new HbosDetector(new HbosOptions { Bins = 7, Alpha = 0.3, Tolerance = 0.2, Contamination = 0.15 }).Fit(EcodTests.Gaussian(80, 3, seed: 21));
        var rows = EcodTests.Gaussian(20, 3, seed: 22);
        using var stream = new MemoryStream();

        model.Save(stream);
        stream.Position = 0;
        var loaded = ModelFile.Read(stream);

        Assert.Equal(model.Options, loaded.Options);
        Assert.Equal(model.Score(rows), loaded.Score(rows));
    }

    [Theory]
    [InlineData("n_bins", "0", "The 'Bins' parameter of HbosDetector must be ≥ 1. Got 0.")]
    [InlineData("alpha", "0", "The 'Alpha' parameter of HbosDetector must be in (0, 1]. Got 0.")]
    [InlineData("tol", "1.5", "The 'Tolerance' parameter of HbosDetector must be in [0, 1]. Got 1.5.")]
    public void BadOptionsAreRefusedInTheProjectFormat(string parameter, string value, string message)
    {
        var detector = DetectorCatalog.Get("hbos").CreateFrom(new Dictionary<string, string> { [parameter] = value });

        var error = Assert.Throws<ArgumentException>(() => detector.Fit(EcodTests.Gaussian(10, 2, seed: 23)));
        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void TheCatalogEntryIsInductiveAndScaleFree()
    {
        var descriptor = DetectorCatalog.Get("hbos");

        Assert.True(descriptor.Inductive);
        Assert.True(descriptor.Deterministic);
        Assert.False(descriptor.NeedsScaling);
        var options = (HbosOptions)descriptor.CreateFrom(new Dictionary<string, string> { ["n_bins"] = "5", ["alpha"] = "0.2", ["tol"] = "0" }).Options;
        Assert.Equal(new HbosOptions { Bins = 5, Alpha = 0.2, Tolerance = 0 }, options);
    }

    [Fact]
    public void ParallelBlocksGiveTheSameBitsAsOneRowAtATime()
    {
        var model = new HbosDetector().Fit(EcodTests.Gaussian(2000, 20, seed: 24));
        var rows = EcodTests.Gaussian(3000, 20, seed: 25);

        var whole = model.Score(rows);
        var single = Enumerable.Range(0, rows.Rows).Select(i => model.Score(rows.SelectRows([i]))[0]);

        Assert.Equal(whole, single);
    }
}
