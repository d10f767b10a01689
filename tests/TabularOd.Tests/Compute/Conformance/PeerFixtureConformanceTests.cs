using System.Text.Json;
using TabularOd.Compute;

namespace TabularOd.Tests.Compute.Conformance;

/// <summary>
/// Every backend against the peers it replaces, on the committed fixtures: scikit-learn's squared distances
/// and NearestNeighbors, NumPy's matmul, cholesky, eigh and svd, SciPy's cho_solve and lu_solve.
/// </summary>
public class PeerFixtureConformanceTests
{
    [Theory]
    [MemberData(nameof(ConformanceBackends.Names), MemberType = typeof(ConformanceBackends))]
    public void SquaredDistancesMatchScikitLearn(string backend)
    {
        var compute = ConformanceBackends.Get(backend);
        var failures = new Mismatches();
        foreach (var item in ComputeFixtures.Cases("distances"))
        {
            int n = item.Int("n"), m = item.Int("m"), d = item.Int("d");
            string name = item.GetProperty("name").GetString()!;
            bool single = item.GetProperty("dtype").GetString() == "float32";
            var x = item.Doubles("x");
            var y = item.Doubles("y");
            var (_, crossScale) = NaiveDistances.Compute(x, n, y, m, d);
            var (_, selfScale) = NaiveDistances.Compute(x, n, x, n, d);
            double tolerance = single ? Tolerance.Single : Tolerance.Double;
            double[] cross, self;
            if (single)
            {
                var crossSingle = new float[n * m];
                var selfSingle = new float[n * n];
                compute.SquaredDistances<float>(item.Singles("x"), n, item.Singles("y"), m, d, crossSingle);
                compute.SquaredDistances<float>(item.Singles("x"), n, d, selfSingle);
                cross = crossSingle.Select(v => (double)v).ToArray();
                self = selfSingle.Select(v => (double)v).ToArray();
            }
            else
            {
                cross = new double[n * m];
                self = new double[n * n];
                compute.SquaredDistances<double>(x, n, y, m, d, cross);
                compute.SquaredDistances<double>(x, n, d, self);
            }
            Compare(failures, $"{backend} SquaredDistances(x, y) sklearn '{name}'", cross, item.Doubles("xy"), tolerance, crossScale);
            Compare(failures, $"{backend} SquaredDistances(x) sklearn '{name}'", self, item.Doubles("xx"), tolerance, selfScale);
        }
        failures.AssertNone();
    }

    [Theory]
    [MemberData(nameof(ConformanceBackends.Names), MemberType = typeof(ConformanceBackends))]
    public void KNearestMatchesScikitLearn(string backend)
    {
        var compute = ConformanceBackends.Get(backend);
        foreach (var item in ComputeFixtures.Cases("kneighbors"))
        {
            int n = item.Int("n"), q = item.Int("q"), d = item.Int("d"), k = item.Int("k"), selfK = item.Int("self_k");
            string name = item.GetProperty("name").GetString()!;
            var x = item.Doubles("x");
            var queries = compute.KNearest<double>(x, n, item.Doubles("queries"), q, d, k);
            Assert.True(item.Ints("query_indices").SequenceEqual(queries.Indices),
                $"{backend} KNearest(reference, queries) sklearn '{name}': indices differ from NearestNeighbors.kneighbors(queries).");
            AssertClose(queries.Distances, item.Doubles("query_distances"), $"{backend} KNearest(reference, queries) sklearn '{name}'");

            var self = compute.KNearest<double>(x, n, d, selfK, excludeSelf: true);
            Assert.True(item.Ints("self_indices").SequenceEqual(self.Indices),
                $"{backend} KNearest(x, excludeSelf) sklearn '{name}': indices differ from NearestNeighbors.kneighbors().");
            AssertClose(self.Distances, item.Doubles("self_distances"), $"{backend} KNearest(x, excludeSelf) sklearn '{name}'");
        }
    }

    [Theory]
    [MemberData(nameof(ConformanceBackends.Names), MemberType = typeof(ConformanceBackends))]
    public void GemmMatchesNumPy(string backend)
    {
        var compute = ConformanceBackends.Get(backend);
        var failures = new Mismatches();
        foreach (var item in ComputeFixtures.Cases("gemm"))
        {
            int m = item.Int("m"), n = item.Int("n"), k = item.Int("k");
            var ta = item.GetProperty("trans_a").GetBoolean() ? MatrixTranspose.Transpose : MatrixTranspose.None;
            var tb = item.GetProperty("trans_b").GetBoolean() ? MatrixTranspose.Transpose : MatrixTranspose.None;
            double alpha = item.GetProperty("alpha").GetDouble(), beta = item.GetProperty("beta").GetDouble();
            var a = item.Doubles("a");
            var b = item.Doubles("b");
            var c = item.Doubles("c");
            int lda = ta == MatrixTranspose.None ? k : m, ldb = tb == MatrixTranspose.None ? n : k;
            var (_, scale) = NaiveGemm.Compute(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, n);
            compute.Gemm(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, n);
            Compare(failures, $"{backend} Gemm numpy '{item.GetProperty("name").GetString()}'", c, item.Doubles("expected"), Tolerance.Double, scale);
        }
        failures.AssertNone();
    }

    [Theory]
    [MemberData(nameof(ConformanceBackends.Names), MemberType = typeof(ConformanceBackends))]
    public void CholeskyMatchesNumPyAndSciPy(string backend)
    {
        var compute = ConformanceBackends.Get(backend);
        var failures = new Mismatches();
        foreach (var item in ComputeFixtures.Cases("cholesky"))
        {
            int n = item.Int("n"), nrhs = item.Int("nrhs");
            var a = item.Doubles("a");
            double aScale = Math.Sqrt(Dense.MaxAbs(a));
            compute.CholeskyFactor(a, n);
            Compare(failures, $"{backend} CholeskyFactor numpy n={n}", a, item.Doubles("l"), Tolerance.Double, aScale);
            var x = item.Doubles("b");
            compute.CholeskySolve(a, n, x, nrhs);
            var expectedX = item.Doubles("x");
            Compare(failures, $"{backend} CholeskySolve scipy n={n} nrhs={nrhs}", x, expectedX, Tolerance.Double, Math.Max(1, Dense.MaxAbs(expectedX)));
            var inverse = new double[n * n];
            compute.CholeskyInverse(a, n, inverse);
            var expectedInverse = item.Doubles("inverse");
            Compare(failures, $"{backend} CholeskyInverse numpy n={n}", inverse, expectedInverse, Tolerance.Double, Dense.MaxAbs(expectedInverse));
        }
        failures.AssertNone();
    }

    [Theory]
    [MemberData(nameof(ConformanceBackends.Names), MemberType = typeof(ConformanceBackends))]
    public void SymmetricEigenMatchesNumPy(string backend)
    {
        var compute = ConformanceBackends.Get(backend);
        var failures = new Mismatches();
        foreach (var item in ComputeFixtures.Cases("eigh"))
        {
            int n = item.Int("n");
            var a = item.Doubles("a");
            var values = new double[n];
            var vectors = new double[n * n];
            compute.SymmetricEigen(a, n, values, vectors);
            double scale = Math.Max(1, Dense.MaxAbs(values));
            Compare(failures, $"{backend} SymmetricEigen numpy n={n} eigenvalues", values, item.Doubles("values"), Tolerance.Double, scale);
            // Random symmetric matrices have eigenvalue gaps down to ~1e-2, which amplify rounding in the vectors.
            Compare(failures, $"{backend} SymmetricEigen numpy n={n} eigenvectors", vectors, item.Doubles("vectors"), Tolerance.Double, 100);
        }
        failures.AssertNone();
    }

    [Theory]
    [MemberData(nameof(ConformanceBackends.Names), MemberType = typeof(ConformanceBackends))]
    public void SvdMatchesNumPy(string backend)
    {
        var compute = ConformanceBackends.Get(backend);
        var failures = new Mismatches();
        foreach (var item in ComputeFixtures.Cases("svd"))
        {
            int m = item.Int("m"), n = item.Int("n"), r = Math.Min(m, n);
            var s = new double[r];
            var u = new double[m * r];
            var vt = new double[r * n];
            compute.Svd(item.Doubles("a"), m, n, s, u, vt);
            string label = $"{backend} Svd numpy m={m} n={n}";
            double scale = Math.Max(1, Dense.MaxAbs(s));
            Compare(failures, label + " s", s, item.Doubles("s"), Tolerance.Double, scale);
            Compare(failures, label + " U", u, item.Doubles("u"), Tolerance.Double, 100);
            Compare(failures, label + " Vt", vt, item.Doubles("vt"), Tolerance.Double, 100);
        }
        failures.AssertNone();
    }

    [Theory]
    [MemberData(nameof(ConformanceBackends.Names), MemberType = typeof(ConformanceBackends))]
    public void LuSolveMatchesSciPy(string backend)
    {
        var compute = ConformanceBackends.Get(backend);
        var failures = new Mismatches();
        foreach (var item in ComputeFixtures.Cases("lu_solve"))
        {
            int n = item.Int("n"), nrhs = item.Int("nrhs");
            var x = item.Doubles("b");
            compute.LuSolve(item.Doubles("a"), n, x, nrhs);
            var expected = item.Doubles("x");
            // Random matrices: allow for their condition number (below 10³ for these seeds) on top of the tolerance.
            Compare(failures, $"{backend} LuSolve scipy n={n} nrhs={nrhs}", x, expected, Tolerance.Double, 1000 * Math.Max(1, Dense.MaxAbs(expected)));
        }
        failures.AssertNone();
    }

    private static void Compare(Mismatches failures, string label, double[] actual, double[] expected, double tolerance, double scale) =>
        Compare(failures, label, actual, expected, tolerance, Enumerable.Repeat(scale, expected.Length).ToArray());

    private static void Compare(Mismatches failures, string label, double[] actual, double[] expected, double tolerance, double[] scale)
    {
        if (actual.Length != expected.Length)
        {
            failures.Add(label, $"{actual.Length} values, expected {expected.Length}");
            return;
        }
        for (int e = 0; e < actual.Length; e++)
        {
            if (!Tolerance.Within(actual[e], expected[e], tolerance, scale[e]))
            {
                failures.Add(label, $"[{e}] = {actual[e]:R}, expected {expected[e]:R} (|diff| {Math.Abs(actual[e] - expected[e]):E2})");
            }
        }
    }

    private static void AssertClose(double[] actual, double[] expected, string label)
    {
        for (int e = 0; e < expected.Length; e++)
        {
            Assert.True(Tolerance.Within(actual[e], expected[e], Tolerance.Double, Math.Max(1, expected[e])),
                $"{label}: distance [{e}] = {actual[e]:R}, expected {expected[e]:R}.");
        }
    }
}
