using TabularOd.Shift;
using static TabularOd.Tests.Shift.ShiftFixtures;

namespace TabularOd.Tests.Shift;

/// <summary>
/// KMM, DW-KMM and the logistic ratio against SciPy (SLSQP and trust-constr) and scikit-learn on the fixtures of
/// benchmarks/peers/make_shift_fixtures.py; the tolerances are explained in that script.
/// </summary>
public class ShiftPeerFixtureTests
{
    private const double SigmaTolerance = 1e-12;
    private const double ObjectiveTolerance = 1e-7;
    private const double SolutionTolerance = 1e-3;
    private const double ProbabilityTolerance = 1e-6;

    // Solved well past the default stopping rule, so that the comparison measures agreement, not early stopping.
    private static readonly ProjectedGradientSolver Tight = new() { Tolerance = 1e-10, MaxIterations = 500_000 };

    public static TheoryData<string> KmmCases() => Names("kmm");

    public static TheoryData<string> DwKmmCases() => Names("dwkmm");

    public static TheoryData<string> LogisticCases() => Names("logistic");

    [Fact]
    public void FixturesArePresent()
    {
        Assert.True(KmmCases().Count >= 3 && DwKmmCases().Count >= 5 && LogisticCases().Count >= 2,
            $"expected shift fixtures in {Folder}; run benchmarks/peers/make_shift_fixtures.py");
    }

    [Theory]
    [MemberData(nameof(KmmCases))]
    public void KmmMatchesScipy(string name)
    {
        var fixture = Load(name);
        double? sigma = fixture.GetProperty("sigma_from_rule").GetBoolean() ? null : fixture.GetProperty("sigma").GetDouble();
        var result = KernelMeanMatching.Fit(Matrix(fixture.GetProperty("train")), Matrix(fixture.GetProperty("test")),
            new KernelMeanMatchingOptions { Sigma = sigma, Solver = Tight });

        AssertPeerSolution(fixture, result);
    }

    [Theory]
    [MemberData(nameof(DwKmmCases))]
    public void DwKmmMatchesScipy(string name)
    {
        var fixture = Load(name);
        double? sigma = fixture.GetProperty("sigma_from_rule").GetBoolean() ? null : fixture.GetProperty("sigma").GetDouble();
        var result = DoubleWeighting.Fit(Matrix(fixture.GetProperty("train")), Matrix(fixture.GetProperty("test")),
            new DoubleWeightingOptions { Sigma = sigma, D = fixture.GetProperty("D").GetDouble(), Solver = Tight });

        AssertPeerSolution(fixture, result);
        Assert.Equal(result.TestWeights.Select(a => 1 - a), result.TestScores!);
    }

    [Theory]
    [MemberData(nameof(LogisticCases))]
    public void LogisticRatioMatchesScikitLearn(string name)
    {
        var fixture = Load(name);
        var train = Matrix(fixture.GetProperty("train"));
        var basis = Enum.Parse<LogisticBasis>(fixture.GetProperty("basis").GetString()!, ignoreCase: true);

        var result = LogisticDensityRatio.Fit(train, Matrix(fixture.GetProperty("test")),
            new LogisticDensityRatioOptions { Basis = basis, C = fixture.GetProperty("C").GetDouble() });

        var probabilities = Vector(fixture.GetProperty("probabilities"));
        AssertClose(probabilities[train.Rows..], result.TestScores!, ProbabilityTolerance, "P(test | x)");
        AssertClose(Vector(fixture.GetProperty("beta")), result.TrainWeights, 1e-5, "beta");
        Assert.Equal(train.Rows, result.TrainWeights.Sum(), 9);
        Assert.True(result.Converged);
    }

    [Fact]
    public void WeightedLogisticRegressionMatchesScikitLearn()
    {
        var fixture = Load("weighted_logistic");
        var x = Matrix(fixture.GetProperty("x"));
        var labels = fixture.GetProperty("y").EnumerateArray().Select(e => e.GetInt32()).ToArray();

        var model = L2LogisticRegression.Fit(x, labels, Vector(fixture.GetProperty("w")), fixture.GetProperty("C").GetDouble());

        Assert.Equal(fixture.GetProperty("intercept").GetDouble(), model.Intercept, 5);
        AssertClose(Vector(fixture.GetProperty("coef")), model.Coefficients, 1e-5, "coef");
        AssertClose(Vector(fixture.GetProperty("probabilities")), model.Probabilities(x), ProbabilityTolerance, "probabilities");
    }

    private static void AssertPeerSolution(System.Text.Json.JsonElement fixture, ShiftWeights result)
    {
        Assert.True(result.Converged, $"stopped after {result.Iterations} iterations");
        Assert.True(Math.Abs(result.Sigma - fixture.GetProperty("sigma").GetDouble()) <= SigmaTolerance * result.Sigma,
            $"sigma {result.Sigma:R} vs {fixture.GetProperty("sigma").GetDouble():R}");
        double peer = fixture.GetProperty("objective").GetDouble();
        // Never worse than the better of SLSQP and trust-constr; much better would point at a different objective.
        double slack = (ObjectiveTolerance * Math.Abs(peer)) + 1e-12;
        Assert.True(result.Objective <= peer + slack, $"objective {result.Objective:R} worse than the peer's {peer:R}");
        double spread = Math.Abs(fixture.GetProperty("objective_slsqp").GetDouble() - fixture.GetProperty("objective_trust_constr").GetDouble());
        Assert.True(result.Objective >= peer - Math.Max(1e-5 * Math.Abs(peer), spread) - 1e-12, $"objective {result.Objective:R} far below the peer's {peer:R}: check the objective's formula");
        if (fixture.GetProperty("compare_solution").GetBoolean())
        {
            AssertClose(Vector(fixture.GetProperty("beta")), result.TrainWeights, SolutionTolerance, "beta");
            AssertClose(Vector(fixture.GetProperty("alpha")), result.TestWeights, SolutionTolerance, "alpha");
        }
    }
}
