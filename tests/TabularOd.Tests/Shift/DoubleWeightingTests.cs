using TabularOd.Data;
using TabularOd.Evaluation;
using TabularOd.Shift;

namespace TabularOd.Tests.Shift;

public class DoubleWeightingTests
{
    [Fact]
    public void TestRowsOutsideTheTrainingSupportLoseTheirWeight()
    {
        var (train, test, outside) = ShiftScenarios.OutsideSupport(150, 120, 30, seed: 11);

        var weights = DoubleWeighting.Fit(train, test);

        Assert.True(weights.Converged, $"{weights.Iterations} iterations");
        double auroc = OutlierMetrics.Auroc(outside, weights.TestScores!)!.Value;
        Assert.True(auroc >= 0.9, $"AUROC of 1 − α for the outside rows: {auroc}");
        double far = weights.TestWeights.Where((_, j) => outside[j] == 1).Average();
        double near = weights.TestWeights.Where((_, j) => outside[j] == 0).Average();
        Assert.True(far < 0.5 && near > far + 0.3, $"mean α: outside {far}, inside {near}");
    }

    [Fact]
    public void WithDEqualToOneTestWeightsStayOneAndTheProblemIsKmm()
    {
        var (train, test, _) = ShiftScenarios.OutsideSupport(40, 25, 5, seed: 3);
        const double sigma = 0.7;

        var tight = new ProjectedGradientSolver { Tolerance = 1e-11, MaxIterations = 500_000 };
        var dw = DoubleWeighting.Fit(train, test, new DoubleWeightingOptions { D = 1, Sigma = sigma, Solver = tight });
        var kmm = KernelMeanMatching.Fit(train, test, new KernelMeanMatchingOptions { Sigma = sigma, Solver = tight });

        Assert.All(dw.TestWeights, a => Assert.Equal(1.0, a, 12));
        // vᵀKv = (2/n²)·KMM objective + (1/t²)·1ᵀK_test1 (up to KMM's 1e-15 ridge).
        int n = train.Rows, t = test.Rows;
        var pooled = DataMatrix.FromRowMajor(t, 2, test.AsSpan().ToArray());
        var kTest = GaussianKernel.Matrix(TabularOd.Compute.ComputeBackends.Default, pooled.AsSpan(), t, 2, sigma);
        double expected = (2.0 / n / n * kmm.Objective) + (kTest.Sum() / t / t);
        Assert.Equal(expected, dw.Objective, 8);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(kmm.TrainWeights[i], dw.TrainWeights[i], 2);
        }
    }

    [Fact]
    public void TheWeightsKeepTheirConstraints()
    {
        var (train, test, _) = ShiftScenarios.OutsideSupport(60, 40, 10, seed: 4);
        const double d = 4;

        var w = DoubleWeighting.Fit(train, test, new DoubleWeightingOptions { D = d });

        int n = train.Rows, t = test.Rows;
        Assert.All(w.TrainWeights, b => Assert.InRange(b, 0, 1000 / Math.Sqrt(d)));
        Assert.All(w.TestWeights, a => Assert.InRange(a, 0, 1));
        Assert.True(Math.Abs((w.TrainWeights.Sum() / n) - (w.TestWeights.Sum() / t)) <= 1 - (1 / Math.Sqrt(n)) + 1e-12);
        double ball = Math.Sqrt(w.TestWeights.Sum(a => (a - 1) * (a - 1)));
        Assert.True(ball <= ((1 - (1 / Math.Sqrt(d))) * Math.Sqrt(t)) + 1e-9, $"‖α − 1‖ = {ball}");
    }

    [Fact]
    public void TheDGridRunsFromOneToOneHundred()
    {
        var grid = DoubleWeighting.DGrid();

        Assert.Equal(10, grid.Count);
        Assert.Equal(1.0, grid[0]);
        Assert.Equal(1 / 0.81, grid[1], 12);
        Assert.Equal(100.0, grid[9], 9);
        Assert.True(grid.Zip(grid.Skip(1)).All(p => p.First < p.Second));
    }

    [Fact]
    public void EffectiveSampleSizeIsKishs()
    {
        Assert.Equal(4.0, ShiftWeights.EffectiveSampleSizeOf([2.0, 2.0, 2.0, 2.0]), 12);
        Assert.Equal(1.0, ShiftWeights.EffectiveSampleSizeOf([0.0, 5.0, 0.0]), 12);
        Assert.Equal(0.0, ShiftWeights.EffectiveSampleSizeOf([0.0, 0.0]));
        Assert.Equal(9.0 / 5, ShiftWeights.EffectiveSampleSizeOf([1.0, 2.0]), 12);
    }

    [Fact]
    public void BadOptionsAreRefusedInTheProjectFormat()
    {
        var (train, test, _) = ShiftScenarios.OutsideSupport(10, 5, 0, seed: 1);
        var error = Assert.Throws<ArgumentException>(() => DoubleWeighting.Fit(train, test, new DoubleWeightingOptions { D = 0.5 }));
        Assert.Equal("The 'D' parameter of DoubleWeighting must be ≥ 1. Got 0.5.", error.Message);
        Assert.Throws<ArgumentException>(() => DoubleWeighting.Fit(train, test, new DoubleWeightingOptions { D = 4, Bound = 1.5 }));
        Assert.Throws<ArgumentException>(() => KernelMeanMatching.Fit(train, test, new KernelMeanMatchingOptions { Sigma = -1 }));
        Assert.Throws<ArgumentException>(() => KernelMeanMatching.Fit(train, new DataMatrix(3, 3)));
    }
}
