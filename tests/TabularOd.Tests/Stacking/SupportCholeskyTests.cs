using TabularOd.Compute;
using TabularOd.Sampling;
using TabularOd.Stacking;

namespace TabularOd.Tests.Stacking;

/// <summary>
/// The incrementally kept factor of <see cref="SupportCholesky"/> against a fresh factorisation of the same block, and
/// a Lasso path sharing one <see cref="ActiveSetStep"/> against a fresh step per α.
/// </summary>
public sealed class SupportCholeskyTests
{
    // A Gram matrix of correlated columns, p×p: XᵀX of n rows where every column leans on a shared factor.
    private static double[] CorrelatedGram(int p, int n, int seed)
    {
        var random = new SeededRandom(seed);
        var x = new double[n * p];
        for (int i = 0; i < n; i++)
        {
            double shared = random.NextGaussian();
            for (int j = 0; j < p; j++)
            {
                x[(i * p) + j] = shared + (0.3 * random.NextGaussian());
            }
        }
        var gram = new double[p * p];
        for (int a = 0; a < p; a++)
        {
            for (int b = 0; b < p; b++)
            {
                double sum = 0;
                for (int i = 0; i < n; i++)
                {
                    sum += x[(i * p) + a] * x[(i * p) + b];
                }
                gram[(a * p) + b] = sum;
            }
        }
        return gram;
    }

    // Solves (G_AA + shift·I)·x = b directly by MathNet's dense Cholesky.
    private static double[] Direct(double[] gram, int p, double shift, IReadOnlyList<int> columns, double[] b)
    {
        int k = columns.Count;
        var block = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(k, k,
            (r, c) => gram[(columns[r] * p) + columns[c]] + (r == c ? shift : 0.0));
        return block.Cholesky().Solve(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(b)).ToArray();
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(2.5)]
    public void AppendsRemovalsAndFreshFactors_SolveLikeADirectFactorisation(double shift)
    {
        const int p = 24;
        var gram = CorrelatedGram(p, 200, 3);
        var factor = new SupportCholesky(ComputeBackends.Default, gram, p, shift);
        var random = new SeededRandom(17);
        var order = new List<int>();
        Assert.True(factor.TryFactor([3, 7, 8, 15]));
        order.AddRange([3, 7, 8, 15]);
        for (int step = 0; step < 200; step++)
        {
            // Random walk over supports: remove a random position or append an absent column.
            if (order.Count > 1 && (order.Count == p || random.NextDouble() < 0.45))
            {
                int position = random.NextInt(order.Count);
                factor.RemoveAt(position);
                order.RemoveAt(position);
            }
            else
            {
                int column = Enumerable.Range(0, p).Where(j => !order.Contains(j)).ElementAt(random.NextInt(p - order.Count));
                Assert.True(factor.TryAppend(column));
                order.Add(column);
            }
            Assert.Equal(order.Count, factor.Count);
            for (int a = 0; a < order.Count; a++)
            {
                Assert.Equal(order[a], factor.ColumnAt(a));
            }
            var b = Enumerable.Range(0, order.Count).Select(_ => random.NextGaussian()).ToArray();
            var expected = Direct(gram, p, shift, order, b);
            var solved = (double[])b.Clone();
            factor.Solve(solved);
            double scale = expected.Max(Math.Abs);
            for (int a = 0; a < order.Count; a++)
            {
                Assert.True(Math.Abs(solved[a] - expected[a]) <= 1e-8 * scale, $"step {step}, x[{a}] = {solved[a]} vs {expected[a]}");
            }
        }
    }

    [Fact]
    public void AppendingACollinearColumn_IsRefusedAndLeavesTheFactor()
    {
        // Column 2 = column 0 + column 1 exactly: with no ridge term it adds no direction.
        const int p = 3;
        double[] x = [1, 0, 1, 0, 1, 1, 2, 1, 3, 1, 1, 2];
        var gram = new double[p * p];
        for (int a = 0; a < p; a++)
        {
            for (int b = 0; b < p; b++)
            {
                for (int i = 0; i < 4; i++)
                {
                    gram[(a * p) + b] += x[(i * p) + a] * x[(i * p) + b];
                }
            }
        }
        var factor = new SupportCholesky(ComputeBackends.Default, gram, p, 0.0);
        Assert.True(factor.TryAppend(0));
        Assert.True(factor.TryAppend(1));
        Assert.False(factor.TryAppend(2));
        Assert.Equal(2, factor.Count);
        // With a ridge term the same column is welcome.
        var ridged = new SupportCholesky(ComputeBackends.Default, gram, p, 0.5);
        Assert.True(ridged.TryFactor([0, 1, 2]));
        Assert.Equal(3, ridged.Count);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.5)]
    public void PathSharingOneStep_EndsWhereFreshStepsEnd(double l1Ratio)
    {
        // One step along the path (its factor kept from α to α when l2 stays 0, dropped when l2 changes) against a new
        // step per α.
        var (x, y) = StackingFixtures.StrongAndNoisy(11, 1500, noisy: 4, copies: 5);
        var design = CenteredDesign.Create(x, y, default, weightsSumToRows: false);
        var system = GramSystem.Create(ComputeBackends.Default, design);
        var shared = new ActiveSetStep(system);
        var sharedW = new double[system.Columns];
        var freshW = new double[system.Columns];
        foreach (double alpha in new[] { 1e-1, 3e-2, 1e-2, 3e-3, 1e-3, 3e-4, 1e-4 })
        {
            double l1 = alpha * l1Ratio * x.Rows, l2 = alpha * (1 - l1Ratio) * x.Rows;
            var a = CoordinateDescent.RunGram(system, sharedW, l1, l2, 10_000, 1e-10, shared);
            var b = CoordinateDescent.RunGram(system, freshW, l1, l2, 10_000, 1e-10, activeSet: true);
            Assert.True(a.Converged && b.Converged, $"α = {alpha}");
            Assert.Equal(l2, shared.L2);
            double scale = freshW.Max(Math.Abs);
            for (int j = 0; j < system.Columns; j++)
            {
                Assert.True(Math.Abs(sharedW[j] - freshW[j]) <= 1e-6 * scale, $"α = {alpha}, w[{j}] = {sharedW[j]} vs {freshW[j]}");
            }
        }
    }
}
