using Xunit.Abstractions;
using TabularOd.Compute;
using TabularOd.Stacking;

namespace TabularOd.Tests.Stacking;

/// <summary>Ridge, RidgeCV, Lasso, ElasticNet and their CV selectors against scikit-learn on the committed fixtures.</summary>
public sealed class LinearModelFixtureTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-6;

    public static TheoryData<string> Cases() => LinearFixtures.Names();

    public static TheoryData<string, string> CasesOnEveryBackend()
    {
        var data = new TheoryData<string, string>();
        foreach (var backend in ComputeBackends.Available)
        {
            foreach (var name in LinearFixtures.Cases.Keys)
            {
                data.Add(name, backend.Name);
            }
        }
        return data;
    }

    [Fact]
    public void FixtureFile_IsSmall_AndCoversTheRequiredShapes()
    {
        Assert.False(string.IsNullOrWhiteSpace(LinearFixtures.SklearnVersion));
        Assert.True(new FileInfo(LinearFixtures.FilePath).Length < 200_000, "stacking fixtures should stay small");
        var cases = LinearFixtures.Cases;
        Assert.Contains(cases.Values, c => c.X.Columns > c.X.Rows);
        Assert.Contains(cases.Values, c => c.SampleWeight.Length > 0);
        Assert.True(cases.ContainsKey("collinear") && cases.ContainsKey("constant_column") && cases.ContainsKey("random"));
    }

    [Theory]
    [MemberData(nameof(CasesOnEveryBackend))]
    public void Ridge_MatchesScikitLearn(string name, string backend)
    {
        var c = LinearFixtures.Cases[name];
        double worst = 0;
        foreach (var peer in c.Ridge)
        {
            var model = new RidgeRegressor(new RidgeOptions { Alpha = peer.Alpha }, ComputeBackends.Get(backend)).Fit(c.X, c.Y, c.SampleWeight);
            worst = Math.Max(worst, LinearFixtures.MaxDifference(peer.Coefficients, peer.Intercept, model.Coefficients, model.Intercept));
        }
        output.WriteLine($"{name} ({backend}): ridge max |ours − sklearn {LinearFixtures.SklearnVersion}| = {worst:E2}");
        Assert.True(worst < Tolerance, $"ridge differs by {worst:E3}");
    }

    [Theory]
    [MemberData(nameof(CasesOnEveryBackend))]
    public void RidgeCv_ChoosesTheSameAlpha_AndMatchesCoefficients(string name, string backend)
    {
        var c = LinearFixtures.Cases[name];
        var fit = new RidgeCvRegressor(new RidgeCvOptions { Alphas = c.RidgeCv.Alphas }, ComputeBackends.Get(backend)).Fit(c.X, c.Y, c.SampleWeight);
        Assert.Equal(c.RidgeCv.Alpha, fit.Alpha);
        double worst = LinearFixtures.MaxDifference(c.RidgeCv.Coefficients, c.RidgeCv.Intercept, fit.Model.Coefficients, fit.Model.Intercept);
        double looWorst = 0;
        for (int a = 0; a < c.RidgeCvLooMse.Length; a++)
        {
            looWorst = Math.Max(looWorst, Math.Abs(c.RidgeCvLooMse[a] - fit.LeaveOneOutMse[a]) / Math.Max(1.0, c.RidgeCvLooMse[a]));
        }
        output.WriteLine($"{name} ({backend}): alpha {fit.Alpha}; coef max diff {worst:E2}; LOO MSE max relative diff {looWorst:E2}");
        Assert.True(worst < Tolerance, $"ridge_cv differs by {worst:E3}");
        Assert.True(looWorst < Tolerance, $"LOO curve differs by {looWorst:E3}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void LassoAndElasticNet_MatchScikitLearn(string name)
    {
        var c = LinearFixtures.Cases[name];
        double worst = 0;
        foreach (var peer in c.ElasticNet)
        {
            var options = new ElasticNetOptions
            {
                Alpha = peer.Alpha, L1Ratio = peer.L1Ratio, MaxIterations = 10000, Tolerance = 1e-4, Precompute = GramMode.Never,
            };
            var fit = new ElasticNetRegressor(options).Fit(c.X, c.Y, c.SampleWeight);
            double difference = LinearFixtures.MaxDifference(peer.Coefficients, peer.Intercept, fit.Model.Coefficients, fit.Model.Intercept);
            output.WriteLine($"{name}: α={peer.Alpha} ρ={peer.L1Ratio}: iterations {fit.Iterations} (sklearn {peer.Iterations}), max diff {difference:E2}");
            Assert.Equal(peer.Iterations, fit.Iterations);
            worst = Math.Max(worst, difference);
        }
        output.WriteLine($"{name}: elastic net / lasso max |ours − sklearn| = {worst:E2}");
        Assert.True(worst < Tolerance, $"elastic net differs by {worst:E3}");
    }

    [Theory]
    [MemberData(nameof(CasesOnEveryBackend))]
    public void LassoAndElasticNet_OnTheGramMatrix_MatchScikitLearnsPrecompute(string name, string backend)
    {
        var c = LinearFixtures.Cases[name];
        double worst = 0;
        foreach (var peer in c.ElasticNetGram)
        {
            var options = new ElasticNetOptions
            {
                Alpha = peer.Alpha, L1Ratio = peer.L1Ratio, MaxIterations = 10000, Tolerance = 1e-4, Precompute = GramMode.Always,
            };
            var fit = new ElasticNetRegressor(options, ComputeBackends.Get(backend)).Fit(c.X, c.Y, c.SampleWeight);
            Assert.Equal(peer.Iterations, fit.Iterations);
            worst = Math.Max(worst, LinearFixtures.MaxDifference(peer.Coefficients, peer.Intercept, fit.Model.Coefficients, fit.Model.Intercept));
        }
        output.WriteLine($"{name} ({backend}): Gram elastic net / lasso max |ours − sklearn precompute=True| = {worst:E2}");
        Assert.True(worst < Tolerance, $"Gram elastic net differs by {worst:E3}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void LassoCv_WithAutomaticGram_MatchesScikitLearnsDefault(string name)
    {
        var c = LinearFixtures.Cases[name];
        var regressor = new ElasticNetCvRegressor(new ElasticNetCvOptions { Alphas = c.LassoCvAuto.Alphas, Precompute = GramMode.Auto });
        var fit = regressor.Fit(c.X, c.Y, c.SampleWeight, KFold.Contiguous(c.X.Rows, 3));
        AssertCvMatches(name, "lasso_cv(auto)", c.LassoCvAuto, fit);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void LassoCv_ChoosesTheSameAlpha_AndMatchesCoefficients(string name)
    {
        var c = LinearFixtures.Cases[name];
        var regressor = new ElasticNetCvRegressor(new ElasticNetCvOptions { Alphas = c.LassoCv.Alphas, L1Ratios = [1.0], Precompute = GramMode.Never });
        var fit = regressor.Fit(c.X, c.Y, c.SampleWeight, KFold.Contiguous(c.X.Rows, 3));
        AssertCvMatches(name, "lasso_cv", c.LassoCv, fit);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ElasticNetCv_ChoosesTheSameAlphaAndRatio_AndMatchesCoefficients(string name)
    {
        var c = LinearFixtures.Cases[name];
        var regressor = new ElasticNetCvRegressor(new ElasticNetCvOptions { Alphas = c.ElasticNetCv.Alphas, L1Ratios = c.CvL1Ratios, Precompute = GramMode.Never });
        var fit = regressor.Fit(c.X, c.Y, c.SampleWeight, KFold.Contiguous(c.X.Rows, 3));
        AssertCvMatches(name, "elastic_net_cv", c.ElasticNetCv, fit);
    }

    [Fact]
    public void AlphaGrids_AreNumpyLogspace()
    {
        // NumPy's power may come from a vectorised library that is not correctly rounded: equal to an ulp or two.
        var c = LinearFixtures.Cases["random"];
        var descending = AlphaGrid.Sparse().Reverse().ToArray();
        Assert.Equal(c.LassoCv.Alphas.Length, descending.Length);
        for (int i = 0; i < descending.Length; i++)
        {
            Assert.Equal(c.LassoCv.Alphas[i], descending[i], 1e-15 * descending[i]);
        }
        for (int i = 0; i < c.RidgeCv.Alphas.Length; i++)
        {
            Assert.Equal(c.RidgeCv.Alphas[i], AlphaGrid.Ridge()[i], 1e-15 * c.RidgeCv.Alphas[i]);
        }
        Assert.Equal(50, AlphaGrid.Ridge().Length);
        Assert.Equal(1e-3, AlphaGrid.Ridge()[0]);
        Assert.Equal(1e5, AlphaGrid.Ridge()[^1]);
    }

    private void AssertCvMatches(string name, string kind, PeerCvFit peer, ElasticNetCvFit fit)
    {
        Assert.Equal(peer.Alphas, fit.Alphas);
        double mseWorst = 0;
        for (int r = 0; r < peer.MeanMse.Length; r++)
        {
            for (int a = 0; a < peer.MeanMse[r].Length; a++)
            {
                mseWorst = Math.Max(mseWorst, Math.Abs(peer.MeanMse[r][a] - fit.MeanMse[r][a]) / Math.Max(1.0, peer.MeanMse[r][a]));
            }
        }
        double worst = LinearFixtures.MaxDifference(peer.Coefficients, peer.Intercept, fit.Model.Model.Coefficients, fit.Model.Model.Intercept);
        output.WriteLine($"{name}: {kind} α={fit.Alpha} ρ={fit.L1Ratio} (sklearn α={peer.Alpha} ρ={peer.L1Ratio}); " +
            $"coef max diff {worst:E2}; CV MSE max relative diff {mseWorst:E2}");
        Assert.Equal(peer.Alpha, fit.Alpha);
        Assert.Equal(peer.L1Ratio, fit.L1Ratio);
        Assert.True(worst < Tolerance, $"{kind} differs by {worst:E3}");
        Assert.True(mseWorst < Tolerance, $"{kind} CV error differs by {mseWorst:E3}");
    }
}
