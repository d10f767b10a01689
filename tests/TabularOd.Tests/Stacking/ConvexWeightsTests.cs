using TabularOd.Data;
using TabularOd.Stacking;

namespace TabularOd.Tests.Stacking;

public sealed class ConvexWeightsTests
{
    [Fact]
    public void TwoModels_InteriorOptimum_ByHand()
    {
        // y = 0, residuals r1 = (1, 0), r2 = (0, 2): ‖w·r1 + (1 − w)·r2‖² is minimal at
        // w = r2·(r2 − r1)/‖r2 − r1‖² = 4/5, with squared error 0.64 + 0.16.
        var p = DataMatrix.FromArray(new double[,] { { 1, 0 }, { 0, 2 } });
        var w = ConvexWeightSolver.Solve(p, [0, 0]);
        Assert.Equal(0.8, w[0], 12);
        Assert.Equal(0.2, w[1], 12);
    }

    [Fact]
    public void ThirdModel_ThatOnlyHurts_GetsWeightZero()
    {
        var p = DataMatrix.FromArray(new double[,] { { 1, 0, 5 }, { 0, 2, 5 } });
        var w = ConvexWeightSolver.Solve(p, [0, 0]);
        Assert.Equal(0.8, w[0], 12);
        Assert.Equal(0.2, w[1], 12);
        Assert.Equal(0.0, w[2]);
    }

    [Fact]
    public void UnconstrainedOptimumOutsideTheSimplex_IsClippedToAVertex()
    {
        // r1 = (1, 0), r2 = (3, 0): unconstrained w = 1.5 on model 1, so the convex optimum is all weight on it.
        var p = DataMatrix.FromArray(new double[,] { { 1, 3 }, { 0, 0 } });
        var w = ConvexWeightSolver.Solve(p, [0, 0]);
        Assert.Equal(1.0, w[0], 12);
        Assert.Equal(0.0, w[1], 12);
    }

    [Fact]
    public void SampleWeights_ShiftTheOptimum()
    {
        // Row weights (1, 4): minimise (w)² + 4·(2(1 − w))² → w = 16/17.
        var p = DataMatrix.FromArray(new double[,] { { 1, 0 }, { 0, 2 } });
        var w = ConvexWeightSolver.Solve(p, [0, 0], [1, 4]);
        Assert.Equal(16.0 / 17.0, w[0], 12);
    }

    [Fact]
    public void Projection_OntoTheSimplex()
    {
        double[] v = [0.5, 0.5, 0.5];
        ConvexWeightSolver.ProjectOntoSimplex(v);
        Assert.All(v, x => Assert.Equal(1.0 / 3.0, x, 15));
        double[] u = [2, 0];
        ConvexWeightSolver.ProjectOntoSimplex(u);
        Assert.Equal([1.0, 0.0], u);
        double[] t = [0.6, 0.2, -3];
        ConvexWeightSolver.ProjectOntoSimplex(t);
        Assert.Equal(0.7, t[0], 15);
        Assert.Equal(0.3, t[1], 15);
        Assert.Equal(0.0, t[2]);
    }

    [Fact]
    public void ManyModels_BeatsEveryVertexAndTheMean()
    {
        var (p, y) = StackingFixtures.StrongAndNoisy(3, 200, noisy: 5);
        var w = ConvexWeightSolver.Solve(p, y);
        Assert.Equal(1.0, w.Sum(), 12);
        Assert.All(w, x => Assert.True(x >= 0));
        double blend = StackingFixtures.Rmse(y, new LinearModel(w, 0).Predict(p));
        for (int j = 0; j < p.Columns; j++)
        {
            Assert.True(blend <= StackingFixtures.Rmse(y, p.Column(j).ToArray()) + 1e-12);
        }
        var mean = new double[p.Columns];
        mean.AsSpan().Fill(1.0 / p.Columns);
        Assert.True(blend < StackingFixtures.Rmse(y, new LinearModel(mean, 0).Predict(p)));
    }
}
