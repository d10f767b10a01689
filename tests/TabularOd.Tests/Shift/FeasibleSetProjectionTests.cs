using TabularOd.Sampling;
using TabularOd.Shift;

namespace TabularOd.Tests.Shift;

/// <summary>
/// The projection is checked by its characterisation: p = P(y) is feasible and (y − p)·(z − p) ≤ 0 for every
/// feasible z (here: many feasible points made by projecting random ones), which only the nearest point satisfies.
/// </summary>
public class FeasibleSetProjectionTests
{
    private static QuadraticProblem Problem(int n, int t, double d)
    {
        int total = n + t;
        var upper = new double[total];
        upper.AsSpan(0, n).Fill(1000 / Math.Sqrt(d) / n);
        upper.AsSpan(n).Fill(1.0 / t);
        var slab = new double[total];
        slab.AsSpan(0, n).Fill(1);
        slab.AsSpan(n).Fill(-1);
        double epsilon = 1 - (1 / Math.Sqrt(n));
        return new QuadraticProblem
        {
            Hessian = new double[total * total],
            Linear = new double[total],
            Lower = new double[total],
            Upper = upper,
            SlabNormal = slab,
            SlabLower = -epsilon,
            SlabUpper = epsilon,
            BallStart = n,
            BallCentre = Enumerable.Repeat(1.0 / t, t).ToArray(),
            BallRadius = (1 - (1 / Math.Sqrt(d))) / Math.Sqrt(t),
        };
    }

    [Theory]
    [InlineData(6, 4, 4.0)]
    [InlineData(10, 3, 1.0)]
    [InlineData(3, 12, 100.0)]
    [InlineData(1, 1, 4.0)]
    public void TheProjectionIsFeasibleAndSatisfiesTheVariationalInequality(int n, int t, double d)
    {
        var problem = Problem(n, t, d);
        var projection = new FeasibleSetProjection(problem);
        var random = new SeededRandom(n * 100 + t);
        int total = n + t;
        var others = new List<double[]>();
        for (int k = 0; k < 60; k++)
        {
            var z = new double[total];
            projection.Project(RandomPoint(random, total, k % 3 == 0 ? 5.0 : 0.3), z);
            others.Add(z);
        }
        for (int trial = 0; trial < 40; trial++)
        {
            var y = RandomPoint(random, total, trial % 2 == 0 ? 5.0 : 0.3);
            var p = new double[total];
            projection.Project(y, p);

            AssertFeasible(problem, p);
            foreach (var z in others)
            {
                double inner = 0;
                for (int i = 0; i < total; i++)
                {
                    inner += (y[i] - p[i]) * (z[i] - p[i]);
                }
                Assert.True(inner <= 1e-9, $"(y − p)·(z − p) = {inner} > 0: p is not the nearest feasible point");
            }
        }
    }

    [Fact]
    public void AFeasiblePointIsItsOwnProjection()
    {
        var problem = Problem(5, 4, 4);
        var y = new double[] { 0.2, 0.2, 0.2, 0.2, 0.2, 0.25, 0.25, 0.25, 0.2 };
        var p = new double[y.Length];

        new FeasibleSetProjection(problem).Project(y, p);

        Assert.Equal(y, p);
    }

    [Fact]
    public void ABallCentreOutsideTheBoxIsRefused()
    {
        var problem = Problem(2, 2, 4) with { BallCentre = [2.0, 0.5] };
        Assert.Throws<ArgumentException>(() => new FeasibleSetProjection(problem));
    }

    private static double[] RandomPoint(SeededRandom random, int length, double spread)
    {
        var y = new double[length];
        for (int i = 0; i < length; i++)
        {
            y[i] = spread * random.NextGaussian();
        }
        return y;
    }

    private static void AssertFeasible(QuadraticProblem problem, double[] x)
    {
        const double slack = 1e-12;
        for (int i = 0; i < x.Length; i++)
        {
            Assert.InRange(x[i], problem.Lower[i], problem.Upper[i]);
        }
        double s = x.Zip(problem.SlabNormal!, (a, b) => a * b).Sum();
        Assert.InRange(s, problem.SlabLower - slack, problem.SlabUpper + slack);
        double distance = Math.Sqrt(problem.BallCentre!.Select((c, i) => (x[problem.BallStart + i] - c) * (x[problem.BallStart + i] - c)).Sum());
        Assert.True(distance <= problem.BallRadius * (1 + 1e-12) + slack, $"‖α − 1‖ = {distance} > {problem.BallRadius}");
    }
}
