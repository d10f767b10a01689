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

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void TheLowRankWarmStartReachesTheOptimumWithEveryConstraintActive(int seed)
    {
        // ½‖Aᵀx‖² − cᵀx with A of rank 6 over 60 variables; the box, the slab and the ball all bind at the optimum.
        var problem = RandomLowRankProblem(seed);
        var reference = new ProjectedGradientSolver { Tolerance = 1e-12, MaxIterations = 2_000_000, LowRankWarmStart = false }.Solve(problem);

        var solution = new ProjectedGradientSolver { Tolerance = 1e-10 }.Solve(problem);

        Assert.True(reference.Converged && solution.Converged);
        Assert.True(solution.LowRankRank is > 0 and <= 20 && solution.LowRankIterations > 0, $"rank {solution.LowRankRank}, {solution.LowRankIterations} low-rank steps");
        Assert.True(Math.Abs(solution.Objective - reference.Objective) <= 1e-8 * Math.Abs(reference.Objective),
            $"objective {solution.Objective:R} vs reference {reference.Objective:R}");
        AssertFeasible(problem, solution.X);
        var x = reference.X;
        int n = problem.Size, ball = problem.BallStart;
        double slab = problem.SlabNormal!.Select((a, i) => a * x[i]).Sum();
        double radius = Math.Sqrt(Enumerable.Range(0, n - ball).Sum(i => Math.Pow(x[ball + i] - problem.BallCentre![i], 2)));
        Assert.True(x.Where((v, i) => v == problem.Lower[i] || v == problem.Upper[i]).Any(), "no bound is active");
        Assert.True(Math.Abs(slab - problem.SlabUpper) <= 1e-9 || Math.Abs(slab - problem.SlabLower) <= 1e-9, $"slab {slab} inside");
        Assert.True(radius >= problem.BallRadius * (1 - 1e-9), $"ball {radius} inside {problem.BallRadius}");
    }

    [Fact]
    public void OnAnIllConditionedDwKmmProblemAlmostNoStepNeedsTheExactHessian()
    {
        var (train, test, _) = ShiftScenarios.OutsideSupport(150, 120, 30, seed: 11);
        var plain = DoubleWeighting.Fit(train, test, new DoubleWeightingOptions { Solver = new ProjectedGradientSolver { LowRankWarmStart = false } });

        var warm = DoubleWeighting.Fit(train, test);

        Assert.True(plain.Converged && warm.Converged);
        Assert.True(plain.Iterations > 1000, $"{plain.Iterations} steps without the warm start");
        var problemSolution = SolveOutsideSupport(train, test);
        Assert.True(problemSolution.ExactIterations * 50 <= plain.Iterations,
            $"{problemSolution.ExactIterations} exact steps against {plain.Iterations}");
        Assert.True(Math.Abs(warm.Objective - plain.Objective) <= 0.1 * plain.Objective, $"objective {warm.Objective} vs {plain.Objective}");
    }

    [Fact]
    public void TheSolutionHasTheSameBitsOnOneThreadAsOnMany()
    {
        var (train, test, _) = ShiftScenarios.OutsideSupport(200, 160, 40, seed: 7);
        var many = DoubleWeighting.Fit(train, test);
        ShiftWeights? one = null;

        // Inside a compute region every nested loop (products, factor, kernel) runs on the calling thread.
        TabularOd.Compute.ComputeParallelism.For(1, 4, _ => one = DoubleWeighting.Fit(train, test));

        Assert.Equal(many.TestWeights, one!.TestWeights);
        Assert.Equal(many.TrainWeights, one.TrainWeights);
        Assert.Equal(many.Iterations, one.Iterations);
    }

    private static QpSolution SolveOutsideSupport(TabularOd.Data.DataMatrix train, TabularOd.Data.DataMatrix test)
    {
        // The same problem DoubleWeighting.Fit builds, to read the solver's own counts.
        int n = train.Rows, t = test.Rows, total = n + t;
        var pooled = train.AsSpan().ToArray().Concat(test.AsSpan().ToArray()).ToArray();
        double sigma = KernelBandwidth.Estimate(TabularOd.Compute.ComputeBackends.Default, pooled, total, train.Columns, 0);
        var hessian = GaussianKernel.Matrix(TabularOd.Compute.ComputeBackends.Default, pooled, total, train.Columns, sigma);
        for (int i = 0; i < total; i++)
        {
            for (int j = 0; j < total; j++)
            {
                hessian[(i * total) + j] *= (i < n) == (j < n) ? 2 : -2;
            }
        }
        var problem = new QuadraticProblem
        {
            Hessian = hessian,
            Linear = new double[total],
            Lower = new double[total],
            Upper = Enumerable.Range(0, total).Select(i => i < n ? 500.0 / n : 1.0 / t).ToArray(),
            SlabNormal = Enumerable.Range(0, total).Select(i => i < n ? 1.0 : -1.0).ToArray(),
            SlabLower = -(1 - (1 / Math.Sqrt(n))),
            SlabUpper = 1 - (1 / Math.Sqrt(n)),
            BallStart = n,
            BallCentre = Enumerable.Repeat(1.0 / t, t).ToArray(),
            BallRadius = 0.5 / Math.Sqrt(t),
        };
        var start = Enumerable.Range(0, total).Select(i => i < n ? 1.0 / n : 1.0 / t).ToArray();
        return new ProjectedGradientSolver().Solve(problem, start);
    }

    private static QuadraticProblem RandomLowRankProblem(int seed)
    {
        const int n = 60, rank = 6, ball = 30;
        var random = new Random(seed);
        var a = Enumerable.Range(0, n * rank).Select(_ => random.NextDouble() - 0.5).ToArray();
        var hessian = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int k = 0; k < rank; k++)
                {
                    sum += a[(i * rank) + k] * a[(j * rank) + k];
                }
                hessian[(i * n) + j] = sum;
            }
        }
        return new QuadraticProblem
        {
            Hessian = hessian,
            // A pull towards large values that the slab, the ball and the upper bounds must hold back.
            Linear = Enumerable.Range(0, n).Select(_ => -(0.5 + random.NextDouble())).ToArray(),
            Lower = new double[n],
            Upper = Enumerable.Range(0, n).Select(_ => 0.5 + random.NextDouble()).ToArray(),
            SlabNormal = Enumerable.Repeat(1.0, n).ToArray(),
            SlabLower = 0,
            SlabUpper = 20,
            BallStart = ball,
            BallCentre = Enumerable.Repeat(0.2, n - ball).ToArray(),
            BallRadius = 1.5,
        };
    }

    private static void AssertFeasible(QuadraticProblem problem, double[] x)
    {
        for (int i = 0; i < x.Length; i++)
        {
            Assert.InRange(x[i], problem.Lower[i], problem.Upper[i]);
        }
        double slab = problem.SlabNormal!.Select((a, i) => a * x[i]).Sum();
        Assert.InRange(slab, problem.SlabLower, problem.SlabUpper);
        double squared = Enumerable.Range(0, problem.BallCentre!.Length).Sum(i => Math.Pow(x[problem.BallStart + i] - problem.BallCentre[i], 2));
        Assert.True(squared <= problem.BallRadius * problem.BallRadius, $"outside the ball by {Math.Sqrt(squared) - problem.BallRadius}");
    }
}
