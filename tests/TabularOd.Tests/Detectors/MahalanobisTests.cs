using TabularOd.Data;
using TabularOd.Detectors;
using TabularOd.Detectors.Linear;
using TabularOd.Detectors.Persistence;
using TabularOd.Evaluation;
using TabularOd.Tests.Detectors.Conformance;

namespace TabularOd.Tests.Detectors;

public class MahalanobisTests
{
    public static TheoryData<string> ExactPeerCases() => LinearDetectorFixtures.Names("mahalanobis", exact: true);

    [Theory]
    [MemberData(nameof(ExactPeerCases))]
    public void ScoresMatchScikitLearnCovarianceEstimators(string name)
    {
        var peer = LinearDetectorFixtures.Case("mahalanobis", name);
        var model = LinearDetectorFixtures.Fit(MahalanobisDetector.DetectorName, peer);

        LinearDetectorFixtures.AssertClose(peer.TestScores, model.Score(LinearDetectorFixtures.Dataset(peer.Dataset).Test), 1e-8);
    }

    [Fact]
    public void FastMcdRanksLikeScikitLearnMinCovDetAndResistsContamination()
    {
        var peer = LinearDetectorFixtures.Case("mahalanobis", "mcd");
        var data = LinearDetectorFixtures.Dataset(peer.Dataset);
        var robust = LinearDetectorFixtures.Fit(MahalanobisDetector.DetectorName, peer).Score(data.Test);
        var plain = new MahalanobisDetector().Fit(data.Train).Score(data.Test);

        double robustAuroc = OutlierMetrics.Auroc(data.TestLabels, robust)!.Value;
        double plainAuroc = OutlierMetrics.Auroc(data.TestLabels, plain)!.Value;

        Assert.InRange(robustAuroc, peer.Auroc!.Value - 0.02, 1.0);
        Assert.True(robustAuroc > plainAuroc + 0.3, $"MCD {robustAuroc} should beat the contaminated covariance {plainAuroc}.");
        Assert.True(LinearDetectorFixtures.Spearman(peer.TestScores, robust) > 0.99);
    }

    [Fact]
    public void McdIsSeededAndAnotherSeedFindsTheSameCleanSupport()
    {
        var peer = LinearDetectorFixtures.Case("mahalanobis", "mcd");
        var data = LinearDetectorFixtures.Dataset(peer.Dataset);
        MahalanobisDetector Make(int seed) => new(new MahalanobisOptions { UseMcd = true, Seed = seed });

        var first = Make(5).Fit(data.Train).Score(data.Test);
        Assert.Equal(first, Make(5).Fit(data.Train).Score(data.Test));
        var other = Make(6).Fit(data.Train).Score(data.Test);
        Assert.True(LinearDetectorFixtures.Spearman(first, other) > 0.99);
    }

    [Fact]
    public void McdRunsTheNestedSearchOnLargerData()
    {
        // More than 500 rows takes the subset → merged → full path; 20% shifted rows must not move the estimate.
        var clean = ConformanceData.Inliers(1600, d: 3, seed: 11);
        for (int i = 0; i < 320; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                clean[i, j] = 12 + (0.1 * clean[i, j]);
            }
        }
        var model = new MahalanobisDetector(new MahalanobisOptions { UseMcd = true, Seed = 1 }).Fit(clean);
        var probe = DataMatrix.FromArray(new[,] { { 2.0, 2.0, 2.0 }, { 12.0, 12.0, 12.0 } });

        var scores = model.Score(probe);

        Assert.True(scores[1] > 10 * scores[0], $"the shifted cluster should be far: {scores[0]} vs {scores[1]}");
    }

    [Fact]
    public void RescalingColumnsLeavesTheScoresUnchanged()
    {
        var train = ConformanceData.Inliers();
        var (rows, _) = ConformanceData.TestSet();
        var plain = new MahalanobisDetector().Fit(train).Score(rows);
        var scaled = new MahalanobisDetector().Fit(Scale(train, [1e-4, 1, 1e5, 3])).Score(Scale(rows, [1e-4, 1, 1e5, 3]));
        LinearDetectorFixtures.AssertClose(plain, scaled, 1e-8);
    }

    [Fact]
    public void AConstantColumnIsRegularisedNotFatal()
    {
        var train = ConformanceData.Inliers(40, d: 3);
        for (int i = 0; i < train.Rows; i++)
        {
            train[i, 2] = 7.3;
        }
        var withRidge = new MahalanobisDetector().Fit(train);
        var withoutRidge = new MahalanobisDetector(new MahalanobisOptions { Ridge = 0 }).Fit(train);
        var probe = DataMatrix.FromArray(new[,] { { 0.0, 0.0, 7.3 }, { 0.0, 0.0, 7.4 } });

        foreach (var model in new[] { withRidge, withoutRidge })
        {
            var scores = model.Score(probe);
            Assert.All(scores, s => Assert.True(double.IsFinite(s)));
            Assert.True(scores[1] > 1000 * scores[0]);
        }
    }

    [Fact]
    public void OneRowAndOneColumnWithMcdGiveFiniteScores()
    {
        foreach (var train in new[] { ConformanceData.Inliers(1), ConformanceData.Inliers(2), ConformanceData.Inliers(30, d: 1) })
        {
            var model = new MahalanobisDetector(new MahalanobisOptions { UseMcd = true }).Fit(train);
            Assert.All(model.Score(ConformanceData.Inliers(4, d: train.Columns, seed: 3)), s => Assert.True(double.IsFinite(s)));
        }
    }

    [Theory]
    [InlineData("shrinkage", "1.5", "The 'Shrinkage' parameter of MahalanobisDetector must be in [0, 1]. Got 1.5.")]
    [InlineData("ridge", "-1", "The 'Ridge' parameter of MahalanobisDetector must be ≥ 0. Got -1.")]
    [InlineData("support_fraction", "2", "The 'SupportFraction' parameter of MahalanobisDetector must be in [0, 1]. Got 2.")]
    public void BadOptionsAreRefusedInTheProjectFormat(string parameter, string value, string message)
    {
        var detector = DetectorCatalog.Get("mahalanobis").CreateFrom(new Dictionary<string, string> { [parameter] = value });
        var error = Assert.Throws<ArgumentException>(() => detector.Fit(ConformanceData.Inliers()));
        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void SavedMcdModelsScoreIdentically()
    {
        var model = new MahalanobisDetector(new MahalanobisOptions { UseMcd = true, Shrinkage = 0.2, SupportFraction = 0.8, Seed = 4 })
            .Fit(ConformanceData.Inliers());
        var (rows, _) = ConformanceData.TestSet();
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;

        var loaded = ModelFile.Read(stream);

        Assert.Equal(model.Options, loaded.Options);
        Assert.Equal(model.Score(rows), loaded.Score(rows));
    }

    private static DataMatrix Scale(DataMatrix m, double[] factors)
    {
        var copy = m.Clone();
        for (int i = 0; i < copy.Rows; i++)
        {
            for (int j = 0; j < copy.Columns; j++)
            {
                copy[i, j] *= factors[j];
            }
        }
        return copy;
    }
}
