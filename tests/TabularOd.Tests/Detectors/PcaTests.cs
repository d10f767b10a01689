using TabularOd.Data;
using TabularOd.Detectors;
using TabularOd.Detectors.Linear;
using TabularOd.Detectors.Persistence;
using TabularOd.Tests.Detectors.Conformance;

namespace TabularOd.Tests.Detectors;

public class PcaTests
{
    public static TheoryData<string> PeerCases() => LinearDetectorFixtures.Names("pca");

    [Theory]
    [MemberData(nameof(PeerCases))]
    public void ScoresMatchScikitLearnPcaWithThePyodFormulas(string name)
    {
        var peer = LinearDetectorFixtures.Case("pca", name);
        var model = LinearDetectorFixtures.Fit(PcaDetector.DetectorName, peer);

        if (peer.TrainScores is not null)
        {
            LinearDetectorFixtures.AssertClose(peer.TrainScores, model.TrainingScores.ToArray(), 1e-8);
        }
        LinearDetectorFixtures.AssertClose(peer.TestScores, model.Score(LinearDetectorFixtures.Dataset(peer.Dataset).Test), 1e-8);
    }

    [Fact]
    public void WithEveryComponentWeightedTheScoreIsTheSquaredMahalanobisDistance()
    {
        // Σ y²/λ over all components = zᵀΣ⁻¹z with Σ the (n − 1) covariance; Mahalanobis divides by n.
        var data = LinearDetectorFixtures.Dataset("correlated");
        int n = data.Train.Rows;
        var pca = new PcaDetector().Fit(data.Train);
        var mahalanobis = new MahalanobisDetector(new MahalanobisOptions { Ridge = 0 }).Fit(data.Train);

        var expected = mahalanobis.Score(data.Test).Select(s => s * (n - 1) / n).ToArray();
        LinearDetectorFixtures.AssertClose(expected, pca.Score(data.Test), 1e-8);
    }

    [Fact]
    public void RescalingAColumnLeavesTheStandardisedScoresUnchanged()
    {
        var train = ConformanceData.Inliers();
        var (rows, _) = ConformanceData.TestSet();
        var scaledTrain = Scale(train, 2, 1000.0);
        var scaledRows = Scale(rows, 2, 1000.0);
        foreach (var scoring in Enum.GetValues<PcaScoring>())
        {
            var options = new PcaOptions { Scoring = scoring, SelectedComponents = 2 };
            var plain = new PcaDetector(options).Fit(train).Score(rows);
            var scaled = new PcaDetector(options).Fit(scaledTrain).Score(scaledRows);
            LinearDetectorFixtures.AssertClose(plain, scaled, 1e-8);
        }
    }

    [Fact]
    public void AConstantColumnGivesFiniteScoresAndFlagsRowsThatLeaveIt()
    {
        var train = ConformanceData.Inliers(50, d: 3);
        for (int i = 0; i < train.Rows; i++)
        {
            train[i, 1] = 0.1;
        }
        var model = new PcaDetector().Fit(train);
        var probe = DataMatrix.FromArray(new[,] { { 0.0, 0.1, 0.0 }, { 0.0, 0.2, 0.0 } });

        var scores = model.Score(probe);

        Assert.All(model.TrainingScores.ToArray(), s => Assert.True(double.IsFinite(s)));
        Assert.All(scores, s => Assert.True(double.IsFinite(s)));
        Assert.True(scores[1] > 1000 * scores[0], $"leaving the constant value should dominate: {scores[0]} vs {scores[1]}");
    }

    [Fact]
    public void MoreSelectedComponentsThanFeaturesMeansAll()
    {
        var train = ConformanceData.Inliers();
        var (rows, _) = ConformanceData.TestSet();
        var all = new PcaDetector().Fit(train).Score(rows);
        var capped = new PcaDetector(new PcaOptions { SelectedComponents = 99 }).Fit(train).Score(rows);
        Assert.Equal(all, capped);
    }

    [Fact]
    public void FewerRowsThanColumnsStillScoresFinitely()
    {
        var train = ConformanceData.Inliers(3, d: 8);
        var model = new PcaDetector().Fit(train);
        Assert.All(model.Score(ConformanceData.Inliers(5, d: 8, seed: 4)), s => Assert.True(double.IsFinite(s)));
    }

    [Fact]
    public void BadOptionsAreRefusedInTheProjectFormat()
    {
        var error = Assert.Throws<ArgumentException>(() => new PcaDetector(new PcaOptions { SelectedComponents = -1 }).Fit(ConformanceData.Inliers()));
        Assert.StartsWith("The 'SelectedComponents' parameter of PcaDetector must be ≥ 0. Got -1.", error.Message);
        Assert.Throws<ArgumentException>(() => DetectorCatalog.Get("pca").CreateFrom(new Dictionary<string, string> { ["scoring"] = "bogus" }));
    }

    [Theory]
    [InlineData("projection", "2", "false", "false")]
    [InlineData("pyoddistance", "0", "true", "true")]
    public void SavedModelsOfEveryScoringRuleScoreIdentically(string scoring, string selected, string weighted, string standardize)
    {
        var settings = new Dictionary<string, string>
        {
            ["scoring"] = scoring, ["selected_components"] = selected, ["weighted"] = weighted, ["standardize"] = standardize,
        };
        var model = DetectorCatalog.Get("pca").CreateFrom(settings).Fit(ConformanceData.Inliers());
        var (rows, _) = ConformanceData.TestSet();
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;

        var loaded = ModelFile.Read(stream);

        Assert.Equal(model.Options, loaded.Options);
        Assert.Equal(model.Score(rows), loaded.Score(rows));
    }

    private static DataMatrix Scale(DataMatrix m, int column, double factor)
    {
        var copy = m.Clone();
        for (int i = 0; i < copy.Rows; i++)
        {
            copy[i, column] *= factor;
        }
        return copy;
    }
}
