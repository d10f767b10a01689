using TabularOd.Compute;

namespace TabularOd.Tests.Compute.Conformance;

/// <summary>
/// Symmetric eigen-decomposition on matrices built with a known spectrum (Q·diag(λ)·Qᵀ, distinct λ), so the
/// expected eigenvectors are Q's columns under the interface's sign rule: every size 0..70 and a few hundred.
/// The strict upper triangle of the input holds NaN, since only the lower triangle may be read. Repeated
/// eigenvalues are checked by residual, orthonormality, order and sign rule.
/// </summary>
public class SymmetricEigenConformanceTests
{
    [Theory]
    [MemberData(nameof(ConformanceBackends.Names), MemberType = typeof(ConformanceBackends))]
    public void SmallSizesRecoverTheKnownSpectrum(string backend) => Check(backend, Enumerable.Range(0, 71));

    [Theory]
    [MemberData(nameof(ConformanceBackends.Names), MemberType = typeof(ConformanceBackends))]
    public void LargeSizesRecoverTheKnownSpectrum(string backend) => Check(backend, [150, 300]);

    [Theory]
    [MemberData(nameof(ConformanceBackends.Names), MemberType = typeof(ConformanceBackends))]
    public void RepeatedEigenvaluesGiveAnOrthonormalBasis(string backend)
    {
        var compute = ConformanceBackends.Get(backend);
        var failures = new Mismatches();
        foreach (var (name, n, spectrum) in new (string, int, Func<int, double>)[]
        {
            ("3·I", 12, _ => 3.0),
            ("zero", 7, _ => 0.0),
            ("two clusters", 40, i => i < 25 ? -1.0 : 2.0),
            ("rank one", 30, i => i == 29 ? 5.0 : 0.0),
        })
        {
            var q = TestMatrices.OrthonormalColumns(TestMatrices.Random(n, 13), n, n);
            var a = TestMatrices.WithSpectrum(q, Enumerable.Range(0, n).Select(spectrum).ToArray(), n);
            string label = $"{backend} SymmetricEigen {name} n={n}";
            failures.Run(label, () =>
            {
                var (values, vectors) = Run(compute, a, n);
                CheckProperties(a, n, values, vectors, label, failures);
                var expected = Enumerable.Range(0, n).Select(spectrum).Order().ToArray();
                for (int i = 0; i < n; i++)
                {
                    if (!Tolerance.Within(values[i], expected[i], Tolerance.Double, 5))
                    {
                        failures.Add(label, $"eigenvalue {i} = {values[i]:R}, expected {expected[i]:R}");
                    }
                }
            });
        }
        failures.AssertNone();
    }

    private static void Check(string backendName, IEnumerable<int> sizes)
    {
        var backend = ConformanceBackends.Get(backendName);
        var failures = new Mismatches();
        foreach (int n in sizes)
        {
            var random = TestMatrices.Random(n, 21);
            var q = TestMatrices.OrthonormalColumns(random, n, n);
            // Ascending, in [−2, 2], at least 2/n apart: well separated, so Q's columns are the eigenvectors to ~n²·ε.
            var lambda = Enumerable.Range(0, n).Select(i => 4 * (i + 0.25 * random.NextDouble()) / n - 2).ToArray();
            var a = TestMatrices.WithSpectrum(q, lambda, n);
            var expectedVectors = SignRule.Fixed(q, n, n);
            string label = $"{backendName} SymmetricEigen n={n}";
            failures.Run(label, () =>
            {
                var (values, vectors) = Run(backend, a, n);
                CheckProperties(a, n, values, vectors, label, failures);
                for (int i = 0; i < n; i++)
                {
                    if (!Tolerance.Within(values[i], lambda[i], Tolerance.Double, 2))
                    {
                        failures.Add(label, $"eigenvalue {i} = {values[i]:R}, expected {lambda[i]:R}");
                    }
                }
                for (int e = 0; e < vectors.Length; e++)
                {
                    if (!Tolerance.Within(vectors[e], expectedVectors[e], Tolerance.Double, 1))
                    {
                        failures.Add(label, $"eigenvector {e % n} component {e / n} = {vectors[e]:R}, expected {expectedVectors[e]:R}");
                    }
                }
            });
        }
        failures.AssertNone();
    }

    /// <summary>Calls the backend on a copy of A whose strict upper triangle is NaN.</summary>
    private static (double[] Values, double[] Vectors) Run(IComputeBackend backend, double[] a, int n)
    {
        var lowerOnly = (double[])a.Clone();
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                lowerOnly[i * n + j] = double.NaN;
            }
        }
        var values = TestMatrices.Filled(n, double.NaN);
        var vectors = TestMatrices.Filled(n * n, double.NaN);
        backend.SymmetricEigen(lowerOnly, n, values, vectors);
        return (values, vectors);
    }

    /// <summary>Ascending values, orthonormal vectors, A·v = λ·v, and the sign rule on each column.</summary>
    private static void CheckProperties(double[] a, int n, double[] values, double[] vectors, string label, Mismatches failures)
    {
        double norm = Math.Max(1, Dense.MaxAbs(values));
        for (int i = 1; i < n; i++)
        {
            if (!(values[i - 1] <= values[i]))
            {
                failures.Add(label, $"eigenvalues {i - 1} and {i} are not ascending ({values[i - 1]:R}, {values[i]:R})");
            }
        }
        var gram = Dense.Multiply(Dense.Transpose(vectors, n, n), n, n, vectors, n);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double want = i == j ? 1 : 0;
                if (!(Math.Abs(gram[i * n + j] - want) <= Tolerance.Double))
                {
                    failures.Add(label, $"VᵀV[{i},{j}] = {gram[i * n + j]:R}: eigenvectors not orthonormal");
                }
            }
        }
        var av = Dense.Multiply(a, n, n, vectors, n);
        for (int e = 0; e < av.Length; e++)
        {
            double residual = av[e] - values[e % n] * vectors[e];
            if (!(Math.Abs(residual) <= Tolerance.Double * norm))
            {
                failures.Add(label, $"(A·v − λ·v) of eigenvector {e % n} at row {e / n} = {residual:E2}");
            }
        }
        SignRule.Check(vectors, n, n, label, "eigenvector", failures);
    }
}
