using TabularOd.Compute;

namespace TabularOd.Tests.Compute.Conformance;

/// <summary>
/// LU solve with partial pivoting against Gaussian elimination: every size 0..70 and a few hundred, on
/// row-permuted diagonally dominant matrices (well conditioned, yet every step must pivot) and on plain random
/// matrices (checked by residual); singular matrices throw <see cref="SingularMatrixException"/>; A is left as it was.
/// </summary>
public class LuSolveConformanceTests
{
    [Theory]
    [MemberData(nameof(ConformanceBackends.Names), MemberType = typeof(ConformanceBackends))]
    public void SmallSizesMatchGaussianElimination(string backend) =>
        Check(backend, Enumerable.Range(0, 71).Select(n => (n, n % 4 == 0 ? 2 : 1)));

    [Theory]
    [MemberData(nameof(ConformanceBackends.Names), MemberType = typeof(ConformanceBackends))]
    public void LargeSizesMatchGaussianElimination(string backend) => Check(backend, [(300, 3), (450, 1)]);

    [Theory]
    [MemberData(nameof(ConformanceBackends.Names), MemberType = typeof(ConformanceBackends))]
    public void RandomMatricesLeaveASmallResidual(string backend)
    {
        var compute = ConformanceBackends.Get(backend);
        var failures = new Mismatches();
        foreach (int n in new[] { 2, 9, 33, 64, 200 })
        {
            const int nrhs = 2;
            var random = TestMatrices.Random(n, 99);
            var a = TestMatrices.Uniform<double>(random, n * n);
            var b = TestMatrices.Uniform<double>(random, n * nrhs);
            var x = (double[])b.Clone();
            string label = $"{backend} LuSolve random n={n} nrhs={nrhs}";
            failures.Run(label, () =>
            {
                compute.LuSolve(a, n, x, nrhs);
                var ax = Dense.Multiply(a, n, n, x, nrhs);
                // Backward stability: ‖A·x − b‖ ≤ tol·(‖A‖·‖x‖ + ‖b‖), entrywise with max norms and n for the row sums.
                double bound = Tolerance.Double * (n * Dense.MaxAbs(a) * Dense.MaxAbs(x) + Dense.MaxAbs(b));
                for (int e = 0; e < ax.Length; e++)
                {
                    if (!(Math.Abs(ax[e] - b[e]) <= bound))
                    {
                        failures.Add(label, $"residual of row {e / nrhs} rhs {e % nrhs} is {Math.Abs(ax[e] - b[e]):E2} > {bound:E2}");
                    }
                }
            });
        }
        failures.AssertNone();
    }

    [Theory]
    [MemberData(nameof(ConformanceBackends.Names), MemberType = typeof(ConformanceBackends))]
    public void SingularMatricesThrow(string backend)
    {
        var compute = ConformanceBackends.Get(backend);
        AssertSingular(compute, [0.0], 1);
        AssertSingular(compute, [1.0, 2.0, 2.0, 4.0], 2);
        AssertSingular(compute, new double[16], 4);
        // A zero column, and two identical rows: elimination leaves an exact zero pivot either way.
        var random = TestMatrices.Random(3, 3);
        const int n = 40;
        var zeroColumn = TestMatrices.Uniform<double>(random, n * n);
        for (int i = 0; i < n; i++)
        {
            zeroColumn[i * n + 17] = 0;
        }
        AssertSingular(compute, zeroColumn, n);
        var repeatedRow = TestMatrices.Integers<double>(random, n * n, 7);
        repeatedRow.AsSpan(5 * n, n).CopyTo(repeatedRow.AsSpan(30 * n));
        AssertSingular(compute, repeatedRow, n);
    }

    private static void AssertSingular(IComputeBackend compute, double[] a, int n)
    {
        var b = TestMatrices.Filled(n, 1.0);
        var e = Assert.Throws<SingularMatrixException>(() => compute.LuSolve(a, n, b, 1));
        Assert.InRange(e.Column, 0, n - 1);
    }

    private static void Check(string backendName, IEnumerable<(int N, int Nrhs)> sizes)
    {
        var backend = ConformanceBackends.Get(backendName);
        var failures = new Mismatches();
        foreach (var (n, nrhs) in sizes)
        {
            var random = TestMatrices.Random(n, nrhs, 7);
            var a = PermutedDominant(random, n);
            var b = TestMatrices.Uniform<double>(random, n * nrhs);
            var expected = NaiveFactorizations.LuSolve(a, n, b, nrhs)!;
            double scale = Math.Max(1e-300, Dense.MaxAbs(expected));
            var original = (double[])a.Clone();
            string label = $"{backendName} LuSolve n={n} nrhs={nrhs}";
            failures.Run(label, () =>
            {
                var x = (double[])b.Clone();
                backend.LuSolve(a, n, x, nrhs);
                for (int e = 0; e < x.Length; e++)
                {
                    if (!Tolerance.Within(x[e], expected[e], Tolerance.Double, scale))
                    {
                        failures.Add(label, $"X[{e / nrhs},{e % nrhs}] = {x[e]:R}, expected {expected[e]:R}");
                    }
                }
                if (!a.AsSpan().SequenceEqual(original))
                {
                    failures.Add(label, "A was modified");
                }
            });
        }
        failures.AssertNone();
    }

    /// <summary>A diagonally dominant matrix with its rows shuffled: well conditioned, and no pivot is on the diagonal.</summary>
    private static double[] PermutedDominant(TabularOd.Sampling.SeededRandom random, int n)
    {
        var dominant = TestMatrices.Uniform<double>(random, n * n);
        for (int i = 0; i < n; i++)
        {
            dominant[i * n + i] += 2 * n;
        }
        var order = Enumerable.Range(0, n).ToArray();
        random.Shuffle<int>(order);
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            dominant.AsSpan(order[i] * n, n).CopyTo(a.AsSpan(i * n));
        }
        return a;
    }
}
