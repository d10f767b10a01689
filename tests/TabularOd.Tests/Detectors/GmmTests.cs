using TabularOd.Data;
using TabularOd.Detectors;
using TabularOd.Detectors.Linear;
using TabularOd.Detectors.Persistence;
using TabularOd.Detectors.Probabilistic;
using TabularOd.Evaluation;
using TabularOd.Tests.Detectors.Conformance;

namespace TabularOd.Tests.Detectors;

public class GmmTests
{
    public static TheoryData<string> ExactPeerCases() => LinearDetectorFixtures.Names("gmm", exact: true);

    public static TheoryData<string> RankingPeerCases() => LinearDetectorFixtures.Names("gmm", exact: false);

    [Theory]
    [MemberData(nameof(ExactPeerCases))]
    public void OneComponentMatchesScikitLearnExactly(string name)
    {
        var peer = LinearDetectorFixtures.Case("gmm", name);
        var model = LinearDetectorFixtures.Fit(GmmDetector.DetectorName, peer);

        LinearDetectorFixtures.AssertClose(peer.TestScores, model.Score(LinearDetectorFixtures.Dataset(peer.Dataset).Test), 1e-8);
    }

    [Fact]
    public void OneComponentIsTheClosedFormGaussian()
    {
        // −log 𝒩(x | x̄, S) = ½(d·log 2π + log det S + (x − x̄)ᵀS⁻¹(x − x̄)), S the population covariance.
        var data = LinearDetectorFixtures.Dataset("clusters");
        var gmm = new GmmDetector(new GmmOptions { RegCovar = 0 }).Fit(data.Train).Score(data.Test);
        var squared = new MahalanobisDetector(new MahalanobisOptions { Ridge = 0 }).Fit(data.Train).Score(data.Test);

        var constant = gmm.Select((g, i) => g - (0.5 * squared[i])).ToArray();
        Assert.All(constant, c => Assert.Equal(constant[0], c, 1e-9));
        int d = data.Train.Columns;
        double logDet = LogDetOfPopulationCovariance(data.Train);
        Assert.Equal(0.5 * ((d * Math.Log(2 * Math.PI)) + logDet), constant[0], 1e-9);
    }

    [Theory]
    [MemberData(nameof(RankingPeerCases))]
    public void SeveralComponentsRankLikeScikitLearn(string name)
    {
        var peer = LinearDetectorFixtures.Case("gmm", name);
        var data = LinearDetectorFixtures.Dataset(peer.Dataset);
        var scores = LinearDetectorFixtures.Fit(GmmDetector.DetectorName, peer).Score(data.Test);

        double auroc = OutlierMetrics.Auroc(data.TestLabels, scores)!.Value;

        Assert.InRange(auroc, peer.Auroc!.Value - 0.02, peer.Auroc.Value + 0.02);
        Assert.True(LinearDetectorFixtures.Spearman(peer.TestScores, scores) > 0.9);
    }

    [Fact]
    public void MoreComponentsThanRowsAreCapped()
    {
        var model = new GmmDetector(new GmmOptions { Components = 5 }).Fit(ConformanceData.Inliers(3));
        Assert.All(model.Score(ConformanceData.Inliers(6, seed: 4)), s => Assert.True(double.IsFinite(s)));
    }

    [Fact]
    public void DuplicateRowsAndZeroRegularisationStayFinite()
    {
        var twice = ConformanceData.Inliers(10).SelectRows([.. Enumerable.Range(0, 10), .. Enumerable.Range(0, 10)]);
        foreach (var covariance in Enum.GetValues<GmmCovariance>())
        {
            var model = new GmmDetector(new GmmOptions { Components = 4, Covariance = covariance, RegCovar = 0, Seed = 2 }).Fit(twice);
            Assert.All(model.TrainingScores.ToArray(), s => Assert.False(double.IsNaN(s)));
            Assert.All(model.Score(ConformanceData.Inliers(6, seed: 4)), s => Assert.False(double.IsNaN(s)));
        }
    }

    [Fact]
    public void EgmmFindsTheOutliersOfTheClusterSet()
    {
        var data = LinearDetectorFixtures.Dataset("clusters");
        var peer = LinearDetectorFixtures.Case("gmm", "three_components_full");
        var model = new EgmmDetector(new EgmmOptions { Seed = 3 }).Fit(data.Train);

        double auroc = OutlierMetrics.Auroc(data.TestLabels, model.Score(data.Test))!.Value;

        Assert.True(auroc > peer.Auroc!.Value - 0.05, $"EGMM AUROC {auroc} vs one 3-component GMM {peer.Auroc}");
    }

    [Fact]
    public void EgmmOfOneSingleGaussianOnTheWholeSampleIsThatGaussian()
    {
        // One count, one replicate: a bootstrap sample, so only approximately the full-data Gaussian; the ranking holds.
        var data = LinearDetectorFixtures.Dataset("clusters");
        var single = new EgmmDetector(new EgmmOptions { MinComponents = 1, MaxComponents = 1, Replicates = 1 }).Fit(data.Train).Score(data.Test);
        var gmm = new GmmDetector().Fit(data.Train).Score(data.Test);
        Assert.True(LinearDetectorFixtures.Spearman(gmm, single) > 0.97);
    }

    [Theory]
    [InlineData("gmm", "components", "0", "The 'Components' parameter of GmmDetector must be ≥ 1. Got 0.")]
    [InlineData("gmm", "reg_covar", "-1", "The 'RegCovar' parameter of GmmDetector must be ≥ 0. Got -1.")]
    [InlineData("gmm", "max_iterations", "0", "The 'MaxIterations' parameter of GmmDetector must be ≥ 1. Got 0.")]
    [InlineData("egmm", "max_components", "0", "The 'MaxComponents' parameter of EgmmDetector must be ≥ 1. Got 0.")]
    [InlineData("egmm", "sample_fraction", "0", "The 'SampleFraction' parameter of EgmmDetector must be in (0, 1]. Got 0.")]
    public void BadOptionsAreRefusedInTheProjectFormat(string detector, string parameter, string value, string message)
    {
        var made = DetectorCatalog.Get(detector).CreateFrom(new Dictionary<string, string> { [parameter] = value });
        var error = Assert.Throws<ArgumentException>(() => made.Fit(ConformanceData.Inliers()));
        Assert.StartsWith(message, error.Message);
    }

    [Theory]
    [InlineData("gmm")]
    [InlineData("egmm")]
    public void SavedDiagonalModelsScoreIdentically(string detector)
    {
        var settings = new Dictionary<string, string> { ["covariance"] = "diagonal", ["seed"] = "8" };
        var model = DetectorCatalog.Get(detector).CreateFrom(settings).Fit(ConformanceData.Inliers());
        var (rows, _) = ConformanceData.TestSet();
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;

        var loaded = ModelFile.Read(stream);

        Assert.Equal(model.Options, loaded.Options);
        Assert.Equal(model.Score(rows), loaded.Score(rows));
    }

    private static double LogDetOfPopulationCovariance(DataMatrix x)
    {
        int n = x.Rows, d = x.Columns;
        var mean = Enumerable.Range(0, d).Select(j => Enumerable.Range(0, n).Average(i => x[i, j])).ToArray();
        var cov = new double[d, d];
        for (int a = 0; a < d; a++)
        {
            for (int b = 0; b < d; b++)
            {
                cov[a, b] = Enumerable.Range(0, n).Sum(i => (x[i, a] - mean[a]) * (x[i, b] - mean[b])) / n;
            }
        }
        // Gaussian elimination without pivoting is fine for a positive-definite matrix.
        double logDet = 0;
        for (int k = 0; k < d; k++)
        {
            logDet += Math.Log(cov[k, k]);
            for (int i = k + 1; i < d; i++)
            {
                double factor = cov[i, k] / cov[k, k];
                for (int j = k; j < d; j++)
                {
                    cov[i, j] -= factor * cov[k, j];
                }
            }
        }
        return logDet;
    }
}
