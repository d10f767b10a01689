using TabularOd.Compute;

namespace TabularOd.Tests.Compute.Conformance;

/// <summary>
/// Cholesky factor, solve and inverse against the unblocked textbook algorithm on well-conditioned SPD
/// matrices (M·Mᵀ + n·I) of every size 0..70 and a few hundred; plus the contract: the strict upper triangle
/// is zeroed, the inverse is exactly symmetric, and a matrix that is not positive definite throws
/// <see cref="MatrixNotPositiveDefiniteException"/> naming the failing column.
/// </summary>
public class CholeskyConformanceTests
{
    public static IEnumerable<(int N, int Nrhs)> SmallSizes() =>
        Enumerable.Range(0, 71).Select(n => (n, n % 3 == 0 ? 1 : n % 3 == 1 ? 3 : 0));

    public static IEnumerable<(int N, int Nrhs)> LargeSizes() => [(300, 2), (340, 1)];

    [Theory]
    [MemberData(nameof(ConformanceBackends.Names), MemberType = typeof(ConformanceBackends))]
    public void SmallSizesMatchTheUnblockedAlgorithm(string backend) => Check(backend, SmallSizes(), withInverse: true);

    [Theory]
    [MemberData(nameof(ConformanceBackends.Names), MemberType = typeof(ConformanceBackends))]
    public void LargeSizesMatchTheUnblockedAlgorithm(string backend) => Check(backend, LargeSizes(), withInverse: false);

    [Theory]
    [MemberData(nameof(ConformanceBackends.Names), MemberType = typeof(ConformanceBackends))]
    public void InverseOfALargeMatrixMatches(string backend) => CheckInverseOnly(backend, 300);

    [Theory]
    [MemberData(nameof(ConformanceBackends.Names), MemberType = typeof(ConformanceBackends))]
    public void NotPositiveDefiniteThrowsNamingTheColumn(string backend)
    {
        var compute = ConformanceBackends.Get(backend);
        AssertNotPositiveDefinite(compute, [-1.0], 1, expectedColumn: 0);
        AssertNotPositiveDefinite(compute, [1.0, 2.0, 2.0, 1.0], 2, expectedColumn: 1);
        AssertNotPositiveDefinite(compute, new double[9], 3, expectedColumn: 0);
        // All ones: positive semi-definite of rank 1, so the second pivot is exactly zero.
        AssertNotPositiveDefinite(compute, TestMatrices.Filled(16, 1.0), 4, expectedColumn: 1);
        AssertNotPositiveDefinite(compute, [4.0, 0, 0, 0, 9.0, 0, 0, 0, double.NaN], 3, expectedColumn: 2);

        // Larger: one negative eigenvalue among positive ones; the failing column is the algorithm's business.
        const int n = 80;
        var random = TestMatrices.Random(5, n);
        var q = TestMatrices.OrthonormalColumns(random, n, n);
        var eigenvalues = Enumerable.Range(0, n).Select(i => i == 40 ? -0.5 : 1.0 + i).ToArray();
        var a = TestMatrices.WithSpectrum(q, eigenvalues, n);
        var e = Assert.Throws<MatrixNotPositiveDefiniteException>(() => compute.CholeskyFactor(a, n));
        Assert.InRange(e.Column, 0, n - 1);
    }

    private static void AssertNotPositiveDefinite(IComputeBackend compute, double[] a, int n, int expectedColumn)
    {
        var e = Assert.Throws<MatrixNotPositiveDefiniteException>(() => compute.CholeskyFactor(a, n));
        Assert.True(e.Column == expectedColumn,
            $"{compute.Name} CholeskyFactor n={n}: the exception names column {e.Column}, expected {expectedColumn} (0-based).");
    }

    private static void Check(string backendName, IEnumerable<(int N, int Nrhs)> sizes, bool withInverse)
    {
        var backend = ConformanceBackends.Get(backendName);
        var failures = new Mismatches();
        foreach (var (n, nrhs) in sizes)
        {
            var random = TestMatrices.Random(n, nrhs, 3);
            var a = TestMatrices.Spd(random, n);
            var b = TestMatrices.Uniform<double>(random, n * nrhs);
            var l = NaiveFactorizations.Cholesky(a, n)!;
            // Entries of L are bounded by √max(a_ii); that is the scale its rounding is measured against.
            double lScale = Math.Sqrt(Math.Max(1, Dense.MaxAbs(a)));

            var factor = (double[])a.Clone();
            string label = $"{backendName} CholeskyFactor n={n}";
            bool factored = false;
            failures.Run(label, () =>
            {
                backend.CholeskyFactor(factor, n);
                factored = true;
                for (int i = 0; i < n; i++)
                {
                    for (int j = 0; j < n; j++)
                    {
                        double got = factor[i * n + j], want = l[i * n + j];
                        if (j > i)
                        {
                            if (got != 0)
                            {
                                failures.Add(label, $"upper triangle [{i},{j}] = {got:R}, expected exactly 0");
                            }
                        }
                        else
                        {
                            if (!Tolerance.Within(got, want, Tolerance.Double, lScale))
                            {
                                failures.Add(label, $"L[{i},{j}] = {got:R}, expected {want:R} (|diff| {Math.Abs(got - want):E2})");
                            }
                        }
                    }
                }
            });
            if (!factored)
            {
                continue;
            }

            var x = NaiveFactorizations.CholeskySolve(l, n, b, nrhs);
            double xScale = Math.Max(1, Dense.MaxAbs(x));
            string solveLabel = $"{backendName} CholeskySolve n={n} nrhs={nrhs}";
            failures.Run(solveLabel, () =>
            {
                var solved = (double[])b.Clone();
                backend.CholeskySolve(factor, n, solved, nrhs);
                for (int e = 0; e < solved.Length; e++)
                {
                    if (!Tolerance.Within(solved[e], x[e], Tolerance.Double, xScale))
                    {
                        failures.Add(solveLabel, $"X[{e / nrhs},{e % nrhs}] = {solved[e]:R}, expected {x[e]:R}");
                    }
                }
            });

            if (withInverse)
            {
                CompareInverse(backend, factor, l, n, failures);
            }
        }
        failures.AssertNone();
    }

    private static void CheckInverseOnly(string backendName, int n)
    {
        var backend = ConformanceBackends.Get(backendName);
        var a = TestMatrices.Spd(TestMatrices.Random(n, 11), n);
        var l = NaiveFactorizations.Cholesky(a, n)!;
        var failures = new Mismatches();
        // The backend's inverse is computed from the reference factor, so only the inverse is under test here.
        CompareInverse(backend, l, l, n, failures);
        failures.AssertNone();
    }

    private static void CompareInverse(IComputeBackend backend, double[] factor, double[] l, int n, Mismatches failures)
    {
        var expected = NaiveFactorizations.CholeskyInverse(l, n);
        double scale = Math.Max(1e-300, Dense.MaxAbs(expected));
        string label = $"{backend.Name} CholeskyInverse n={n}";
        failures.Run(label, () =>
        {
            var inverse = TestMatrices.Filled(n * n, double.NaN);
            backend.CholeskyInverse(factor, n, inverse);
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    double got = inverse[i * n + j], want = expected[i * n + j];
                    if (!Tolerance.Within(got, want, Tolerance.Double, scale))
                    {
                        failures.Add(label, $"[{i},{j}] = {got:R}, expected {want:R}");
                    }
                    if (!got.Equals(inverse[j * n + i]))
                    {
                        failures.Add(label, $"[{i},{j}] = {got:R} but [{j},{i}] = {inverse[j * n + i]:R}: not exactly symmetric");
                    }
                }
            }
        });
    }
}
