using System.Text.Json;
using TabularOd.Data;
using TabularOd.Detectors;
using TabularOd.Detectors.Kernel;
using TabularOd.Tests.Detectors.Conformance;
using TabularOd.Tests.Support;
using Xunit.Abstractions;

namespace TabularOd.Tests.Detectors;

public class OneClassSvmTests(ITestOutputHelper output)
{
    private sealed record Case(string Name, Dictionary<string, string> Options, bool Shrinking, int SupportVectors, double Rho, double Gamma, double[] Train, double[] Test);

    private static readonly Lazy<(DataMatrix Train, DataMatrix Test, Case[] Cases)> Fixture = new(LoadFixture);

    public static TheoryData<string> PeerCases() => new(Fixture.Value.Cases.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(PeerCases))]
    public void DecisionValuesMatchScikitLearnOneClassSvm(string name)
    {
        var (train, test, cases) = Fixture.Value;
        var peer = cases.Single(c => c.Name == name);
        var model = (FittedOneClassSvm)DetectorCatalog.Get("ocsvm").CreateFrom(peer.Options).Fit(train);

        var testDecision = model.Score(test).Select(s => -s).ToArray();
        var trainDecision = model.TrainingScores.ToArray().Select(s => -s).ToArray();
        double testDiff = MaxAbsDifference(peer.Test, testDecision), trainDiff = MaxAbsDifference(peer.Train, trainDecision);
        output.WriteLine($"{name}: max |Δ| test {testDiff:E2}, train {trainDiff:E2}; nSV {model.SupportVectorCount} vs {peer.SupportVectors}; ρ {model.Rho:R} vs {peer.Rho:R}; {model.Iterations} iterations");

        Assert.Equal(peer.Gamma, model.Gamma, 12);
        Assert.True(testDiff <= 1e-3, $"test decision values differ by {testDiff}");
        Assert.True(trainDiff <= 1e-3, $"training decision values differ by {trainDiff}");
        Assert.True(Math.Abs(model.Rho - peer.Rho) <= 1e-3 * Math.Max(1, Math.Abs(peer.Rho)), $"ρ {model.Rho} vs {peer.Rho}");
        Assert.True(LinearDetectorFixtures.Spearman(peer.Test, testDecision) >= 0.999);
        Assert.InRange(model.SupportVectorCount, peer.SupportVectors - 2, peer.SupportVectors + 2);
        Assert.Equal(testDecision, model.DecisionFunction(test));
        if (peer.Options.ContainsKey("tol"))
        {
            // At a tight tolerance both solvers sit at the (unique) optimum, whatever path they took.
            Assert.True(testDiff <= 1e-5, $"at tol 1e-6 the decision values should agree closely; differ by {testDiff}");
        }
    }

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.2)]
    [InlineData(0.5)]
    [InlineData(0.8)]
    public void NuBoundsTheOutlierShareFromAboveAndTheSupportVectorShareFromBelow(double nu)
    {
        var train = Fixture.Value.Train;
        var model = (FittedOneClassSvm)new OneClassSvmDetector(new OneClassSvmOptions { Nu = nu }).Fit(train);
        int n = train.Rows;
        // Training rows strictly outside (f < 0) have α = 1, and Σα = ν·n; the tolerance allows a few at the margin.
        double outsideShare = model.TrainingScores.ToArray().Count(s => s > 1e-3) / (double)n;
        double supportShare = model.SupportVectorCount / (double)n;
        output.WriteLine($"ν = {nu}: outside {outsideShare:F3}, support {supportShare:F3}");

        Assert.InRange(outsideShare, Math.Max(0, nu - 0.1), nu + 0.02);
        Assert.True(supportShare >= nu - 1e-9, $"support share {supportShare} below ν = {nu}");
        Assert.Equal(nu * n, model.DualCoefficients.ToArray().Sum(), 9);
        Assert.All(model.DualCoefficients.ToArray(), a => Assert.InRange(a, double.Epsilon, 1));
    }

    [Fact]
    public void OneRowAndConstantDataGiveFiniteScores()
    {
        var one = DataMatrix.FromArray(new[,] { { 1.0, 2.0, 3.0 } });
        var constant = DataMatrix.FromArray(new double[20, 3]);
        var probe = DataMatrix.FromArray(new[,] { { 1.0, 2.0, 3.0 }, { 0.0, 0.0, 0.0 }, { 50.0, -50.0, 7.0 } });
        foreach (var train in new[] { one, constant })
        {
            foreach (var rule in Enum.GetValues<GammaRule>())
            {
                foreach (double nu in new[] { 0.01, 0.5, 1.0 })
                {
                    var model = new OneClassSvmDetector(new OneClassSvmOptions { Nu = nu, Rule = rule }).Fit(train);
                    Assert.All(model.TrainingScores.ToArray(), s => Assert.True(double.IsFinite(s)));
                    var scores = model.Score(probe);
                    Assert.All(scores, s => Assert.True(double.IsFinite(s)));
                    Assert.True(scores[2] >= scores[0] && scores[2] >= scores[1], "a far row scores at least as high");
                }
            }
        }
    }

    [Fact]
    public void TheScaleRuleUsesTheVarianceOfAllTrainingValues()
    {
        var train = ConformanceData.Inliers(60, d: 3);
        var values = train.AsSpan().ToArray();
        double mean = values.Average();
        double variance = values.Sum(v => (v - mean) * (v - mean)) / values.Length;

        var scale = (FittedOneClassSvm)new OneClassSvmDetector(new OneClassSvmOptions { Rule = GammaRule.Scale }).Fit(train);
        var auto = (FittedOneClassSvm)new OneClassSvmDetector().Fit(train);
        var given = (FittedOneClassSvm)new OneClassSvmDetector(new OneClassSvmOptions { Gamma = 0.7, Rule = GammaRule.Scale }).Fit(train);

        Assert.Equal(1.0 / (3 * variance), scale.Gamma, 12);
        Assert.Equal(1.0 / 3, auto.Gamma, 15);
        Assert.Equal(0.7, given.Gamma);
    }

    [Fact]
    public void TheRowCacheGivesTheSameModelAsThePrecomputedKernel()
    {
        // 1500 rows with a 1 MB cache hold 174 kernel rows, so rows are evicted and recomputed during the solve.
        var train = ConformanceData.Inliers(1500, d: 3, seed: 5);
        var (rows, _) = ConformanceData.TestSet(d: 3);
        var full = (FittedOneClassSvm)new OneClassSvmDetector().Fit(train);
        var cached = (FittedOneClassSvm)new OneClassSvmDetector(new OneClassSvmOptions { PrecomputeLimit = 0, CacheMegabytes = 1 }).Fit(train);

        double diff = MaxAbsDifference(full.Score(rows), cached.Score(rows));
        output.WriteLine($"precomputed vs cached: max |Δ| {diff:E2}, nSV {full.SupportVectorCount} vs {cached.SupportVectorCount}");
        Assert.True(diff <= 1e-6, $"cached kernel rows changed the scores by {diff}");
    }

    [Fact]
    public void BadOptionsAreRefusedInTheProjectFormat()
    {
        var train = ConformanceData.Inliers();
        var nu = Assert.Throws<ArgumentException>(() => new OneClassSvmDetector(new OneClassSvmOptions { Nu = 0 }).Fit(train));
        Assert.StartsWith("The 'Nu' parameter of OneClassSvmDetector must be in (0, 1]. Got 0.", nu.Message);
        var gamma = Assert.Throws<ArgumentException>(() => new OneClassSvmDetector(new OneClassSvmOptions { Gamma = -1 }).Fit(train));
        Assert.StartsWith("The 'Gamma' parameter of OneClassSvmDetector must be ≥ 0. Got -1.", gamma.Message);
        var tolerance = Assert.Throws<ArgumentException>(() => new OneClassSvmDetector(new OneClassSvmOptions { Tolerance = 0 }).Fit(train));
        Assert.StartsWith("The 'Tolerance' parameter of OneClassSvmDetector must be > 0. Got 0.", tolerance.Message);
    }

    [Fact]
    public void ALoadedModelKeepsItsSupportVectorsRhoAndGamma()
    {
        var model = (FittedOneClassSvm)new OneClassSvmDetector(new OneClassSvmOptions { Nu = 0.3, Rule = GammaRule.Scale }).Fit(ConformanceData.Inliers());
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        var loaded = (FittedOneClassSvm)TabularOd.Detectors.Persistence.ModelFile.Read(stream);

        Assert.Equal(model.SupportVectorCount, loaded.SupportVectorCount);
        Assert.Equal(model.DualCoefficients.ToArray(), loaded.DualCoefficients.ToArray());
        Assert.Equal(model.Rho, loaded.Rho);
        Assert.Equal(model.Gamma, loaded.Gamma);
        Assert.Equal(model.Options, loaded.Options);
    }

    private static double MaxAbsDifference(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        Assert.Equal(a.Count, b.Count);
        return a.Select((v, i) => Math.Abs(v - b[i])).Max();
    }

    private static (DataMatrix, DataMatrix, Case[]) LoadFixture()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(TestPaths.Fixtures, "detectors", "ocsvm.json")));
        var root = document.RootElement;
        int rows = root.GetProperty("rows").GetInt32(), columns = root.GetProperty("columns").GetInt32(), testRows = root.GetProperty("test_rows").GetInt32();
        var train = DataMatrix.FromRowMajor(rows, columns, Doubles(root.GetProperty("train")));
        var test = DataMatrix.FromRowMajor(testRows, columns, Doubles(root.GetProperty("test")));
        var cases = root.GetProperty("cases").EnumerateArray().Select(c => new Case(
            c.GetProperty("name").GetString()!,
            c.GetProperty("options").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!),
            c.GetProperty("shrinking").GetBoolean(),
            c.GetProperty("n_support").GetInt32(),
            c.GetProperty("rho").GetDouble(),
            c.GetProperty("gamma").GetDouble(),
            Doubles(c.GetProperty("train_decision")),
            Doubles(c.GetProperty("test_decision")))).ToArray();
        return (train, test, cases);
    }

    private static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();
}
