using TabularOd.Compute;

namespace TabularOd.Tests.Compute.Conformance;

/// <summary>
/// Thin SVD on matrices built from known factors (U₀·diag(s)·V₀ᵀ with distinct s), so U and Vᵀ are checked
/// directly under the interface's sign rule: square, tall and wide shapes of every size 0..70 and a few hundred.
/// Rank-deficient matrices are checked by reconstruction, orthonormality, order and sign rule.
/// </summary>
public class SvdConformanceTests
{
    public static IEnumerable<(int M, int N)> SmallShapes()
    {
        for (int s = 0; s <= 70; s++)
        {
            yield return (s, s);
            yield return (s, s / 2 + 1);
            yield return (s / 3 + 1, s);
        }
    }

    [Theory]
    [MemberData(nameof(ConformanceBackends.Names), MemberType = typeof(ConformanceBackends))]
    public void SmallShapesRecoverTheKnownFactors(string backend) => Check(backend, SmallShapes());

    [Theory]
    [MemberData(nameof(ConformanceBackends.Names), MemberType = typeof(ConformanceBackends))]
    public void LargeShapesRecoverTheKnownFactors(string backend) => Check(backend, [(360, 240), (150, 320)]);

    [Theory]
    [MemberData(nameof(ConformanceBackends.Names), MemberType = typeof(ConformanceBackends))]
    public void RankDeficientMatricesReconstruct(string backend)
    {
        var compute = ConformanceBackends.Get(backend);
        var failures = new Mismatches();
        foreach (var (m, n, rank) in new[] { (20, 12, 5), (9, 30, 1), (15, 15, 0), (25, 25, 24) })
        {
            int r = Math.Min(m, n);
            var random = TestMatrices.Random(m, n, rank);
            var u0 = TestMatrices.OrthonormalColumns(random, m, r);
            var v0 = TestMatrices.OrthonormalColumns(random, n, r);
            var s0 = Enumerable.Range(0, r).Select(i => i < rank ? 3.0 - i * 0.1 : 0.0).ToArray();
            var a = Compose(u0, s0, v0, m, n, r);
            string label = $"{backend} Svd rank {rank} m={m} n={n}";
            failures.Run(label, () =>
            {
                var (s, u, vt) = Run(compute, a, m, n);
                CheckProperties(a, m, n, s, u, vt, label, failures);
                for (int i = 0; i < r; i++)
                {
                    if (!Tolerance.Within(s[i], s0[i], Tolerance.Double, 3))
                    {
                        failures.Add(label, $"s[{i}] = {s[i]:R}, expected {s0[i]:R}");
                    }
                }
            });
        }
        failures.AssertNone();
    }

    private static void Check(string backendName, IEnumerable<(int M, int N)> shapes)
    {
        var backend = ConformanceBackends.Get(backendName);
        var failures = new Mismatches();
        foreach (var (m, n) in shapes)
        {
            int r = Math.Min(m, n);
            var random = TestMatrices.Random(m, n, 5);
            var u0 = TestMatrices.OrthonormalColumns(random, m, r);
            var v0 = TestMatrices.OrthonormalColumns(random, n, r);
            // Descending, in (1, 3], at least 1/r apart.
            var s0 = Enumerable.Range(0, r).Select(i => 1 + 2.0 * (r - i - 0.25 * random.NextDouble()) / r).ToArray();
            var a = Compose(u0, s0, v0, m, n, r);
            // The sign rule fixes U's columns; Vᵀ's rows flip with them.
            var expectedU = (double[])u0.Clone();
            var expectedVt = Dense.Transpose(v0, n, r);
            for (int j = 0; j < r; j++)
            {
                var (row, _) = Dense.ColumnArgMaxAbs(u0, m, r, j);
                if (u0[row * r + j] < 0)
                {
                    for (int i = 0; i < m; i++)
                    {
                        expectedU[i * r + j] = -expectedU[i * r + j];
                    }
                    for (int c = 0; c < n; c++)
                    {
                        expectedVt[j * n + c] = -expectedVt[j * n + c];
                    }
                }
            }
            string label = $"{backendName} Svd m={m} n={n}";
            failures.Run(label, () =>
            {
                var (s, u, vt) = Run(backend, a, m, n);
                CheckProperties(a, m, n, s, u, vt, label, failures);
                for (int i = 0; i < r; i++)
                {
                    if (!Tolerance.Within(s[i], s0[i], Tolerance.Double, 3))
                    {
                        failures.Add(label, $"s[{i}] = {s[i]:R}, expected {s0[i]:R}");
                    }
                }
                for (int e = 0; e < u.Length; e++)
                {
                    if (!Tolerance.Within(u[e], expectedU[e], Tolerance.Double, 1))
                    {
                        failures.Add(label, $"U[{e / r},{e % r}] = {u[e]:R}, expected {expectedU[e]:R}");
                    }
                }
                for (int e = 0; e < vt.Length; e++)
                {
                    if (!Tolerance.Within(vt[e], expectedVt[e], Tolerance.Double, 1))
                    {
                        failures.Add(label, $"Vt[{e / n},{e % n}] = {vt[e]:R}, expected {expectedVt[e]:R}");
                    }
                }
            });
        }
        failures.AssertNone();
    }

    /// <summary>U·diag(s)·Vᵀ for U m×r and V n×r.</summary>
    private static double[] Compose(double[] u, double[] s, double[] v, int m, int n, int r)
    {
        var scaled = new double[m * r];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < r; j++)
            {
                scaled[i * r + j] = u[i * r + j] * s[j];
            }
        }
        return Dense.Multiply(scaled, m, r, Dense.Transpose(v, n, r), n);
    }

    private static (double[] S, double[] U, double[] Vt) Run(IComputeBackend backend, double[] a, int m, int n)
    {
        int r = Math.Min(m, n);
        var s = TestMatrices.Filled(r, double.NaN);
        var u = TestMatrices.Filled(m * r, double.NaN);
        var vt = TestMatrices.Filled(r * n, double.NaN);
        var input = (double[])a.Clone();
        backend.Svd(input, m, n, s, u, vt);
        Assert.True(input.AsSpan().SequenceEqual(a), $"{backend.Name} Svd m={m} n={n} modified its input.");
        return (s, u, vt);
    }

    /// <summary>Descending non-negative s, orthonormal columns of U and rows of Vᵀ, A = U·diag(s)·Vᵀ, and the sign rule on U.</summary>
    private static void CheckProperties(double[] a, int m, int n, double[] s, double[] u, double[] vt, string label, Mismatches failures)
    {
        int r = Math.Min(m, n);
        for (int i = 0; i < r; i++)
        {
            if (!(s[i] >= 0 && (i == 0 || s[i - 1] >= s[i])))
            {
                failures.Add(label, $"s[{i}] = {s[i]:R} is negative or out of descending order");
            }
        }
        var utu = Dense.Multiply(Dense.Transpose(u, m, r), r, m, u, r);
        var vvt = Dense.Multiply(vt, r, n, Dense.Transpose(vt, r, n), r);
        for (int i = 0; i < r; i++)
        {
            for (int j = 0; j < r; j++)
            {
                double want = i == j ? 1 : 0;
                if (!(Math.Abs(utu[i * r + j] - want) <= Tolerance.Double))
                {
                    failures.Add(label, $"UᵀU[{i},{j}] = {utu[i * r + j]:R}");
                }
                if (!(Math.Abs(vvt[i * r + j] - want) <= Tolerance.Double))
                {
                    failures.Add(label, $"Vᵀ·V[{i},{j}] = {vvt[i * r + j]:R}");
                }
            }
        }
        var scaled = new double[m * r];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < r; j++)
            {
                scaled[i * r + j] = u[i * r + j] * s[j];
            }
        }
        var rebuilt = Dense.Multiply(scaled, m, r, vt, n);
        double scale = Math.Max(1, Dense.MaxAbs(s));
        for (int e = 0; e < rebuilt.Length; e++)
        {
            if (!Tolerance.Within(rebuilt[e], a[e], Tolerance.Double, scale))
            {
                failures.Add(label, $"(U·diag(s)·Vᵀ)[{e / n},{e % n}] = {rebuilt[e]:R}, A has {a[e]:R}");
            }
        }
        SignRule.Check(u, m, r, label, "column of U", failures);
    }
}
