using TabularOd.Compute;
using TabularOd.Shift;

namespace TabularOd.Tests.Shift;

public class LowRankHessianTests
{
    [Fact]
    public void TheFactorMeetsItsTraceTargetAndItsProductIsWithinIt()
    {
        var (hessian, n) = GaussianKernel(200, seed: 4);
        double trace = Enumerable.Range(0, n).Sum(i => hessian[(i * n) + i]);

        var factor = LowRankHessian.TryFactor(hessian, n, 1e-8 * trace, n)!;

        Assert.InRange(factor.Rank, 1, n / 2);
        Assert.True(factor.RemainderTrace <= 1e-8 * trace);
        var random = new Random(2);
        var x = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
        var exact = new double[n];
        var approximate = new double[n];
        new QuadraticProblem { Hessian = hessian, Linear = new double[n], Lower = new double[n], Upper = new double[n] }.HessianTimes(x, exact);
        factor.Times(x, approximate);
        double error = Math.Sqrt(exact.Zip(approximate, (a, b) => (a - b) * (a - b)).Sum());
        double norm = Math.Sqrt(x.Sum(v => v * v));
        Assert.True(error <= (factor.RemainderTrace * norm) + 1e-12, $"‖Hx − FFᵀx‖ = {error}, bound {factor.RemainderTrace * norm}");
    }

    [Fact]
    public void ARankLimitTooLowForTheTargetGivesNoFactor()
    {
        var (hessian, n) = GaussianKernel(100, seed: 5);

        Assert.Null(LowRankHessian.TryFactor(hessian, n, 1e-12, 3));
        Assert.NotNull(LowRankHessian.TryFactor(hessian, n, double.MaxValue, 0));
    }

    [Fact]
    public void TheProductGivesTheSameBitsOnOneThreadAsOnMany()
    {
        var (hessian, n) = GaussianKernel(700, seed: 6);
        var factor = LowRankHessian.TryFactor(hessian, n, 1e-6 * n, n)!;
        var x = Enumerable.Range(0, n).Select(i => Math.Sin(i)).ToArray();
        var many = new double[n];
        var one = new double[n];

        factor.Times(x, many);
        // Inside a compute region every nested loop runs on the calling thread.
        ComputeParallelism.For(1, 4, _ => factor.Times(x, one));

        Assert.Equal(many, one);
    }

    internal static (double[] Hessian, int Size) GaussianKernel(int rows, int seed)
    {
        var random = new Random(seed);
        var points = Enumerable.Range(0, rows * 2).Select(_ => random.NextDouble() * 3).ToArray();
        return (TabularOd.Shift.GaussianKernel.Matrix(ComputeBackends.Default, points, rows, 2, 1.0), rows);
    }
}
