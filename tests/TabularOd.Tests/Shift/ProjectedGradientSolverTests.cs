using TabularOd.Shift;

namespace TabularOd.Tests.Shift;

public class ProjectedGradientSolverTests
{
    [Fact]
    public void ABoxConstrainedSeparableProblemLandsOnTheClippedMinimiser()
    {
        // ½Σ hᵢxᵢ² − Σ gᵢxᵢ: the free minimiser gᵢ/hᵢ clipped to [0, 1].
        double[] h = [1, 2, 4, 0.5];
        double[] target = [0.3, 2.0, -1.0, 0.8];
        var hessian = new double[16];
        for (int i = 0; i < 4; i++)
        {
            hessian[(i * 4) + i] = h[i];
        }
        var problem = new QuadraticProblem
        {
            Hessian = hessian,
            Linear = target.Select((v, i) => -v * h[i]).ToArray(),
            Lower = new double[4],
            Upper = [1, 1, 1, 1],
        };

        var solution = new ProjectedGradientSolver { Tolerance = 1e-12 }.Solve(problem);

        Assert.True(solution.Converged);
        double[] expected = [0.3, 1.0, 0.0, 0.8];
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(expected[i], solution.X[i], 8);
        }
    }

    [Fact]
    public void AnActiveSlabIsMetWithEquality()
    {
        // min ½‖x‖² subject to x₁ + x₂ ≥ 2, 0 ≤ x ≤ 5: x = (1, 1).
        var problem = new QuadraticProblem
        {
            Hessian = [1, 0, 0, 1],
            Linear = [0, 0],
            Lower = [0, 0],
            Upper = [5, 5],
            SlabNormal = [1, 1],
            SlabLower = 2,
            SlabUpper = 10,
        };

        var solution = new ProjectedGradientSolver { Tolerance = 1e-12 }.Solve(problem);

        Assert.Equal(1.0, solution.X[0], 8);
        Assert.Equal(1.0, solution.X[1], 8);
        Assert.Equal(1.0, solution.Objective, 8);
    }

    [Fact]
    public void ParametersOutsideTheirRangeAreRefused()
    {
        var problem = new QuadraticProblem { Hessian = [1], Linear = [0], Lower = [0], Upper = [1] };
        Assert.Throws<ArgumentException>(() => new ProjectedGradientSolver { Tolerance = 0 }.Solve(problem));
        Assert.Throws<ArgumentException>(() => new ProjectedGradientSolver { MaxIterations = 0 }.Solve(problem));
    }
}
