using TabularOd.Compute;
using TabularOd.Compute.Managed;

namespace TabularOd.Tests.Compute.Managed.Factorizations;

/// <summary>
/// The managed factorizations on top of a triple-loop GEMM, so that their blocking is tested apart from the
/// SIMD GEMM (whose own tests are elsewhere) and any failure here is the factorization's.
/// </summary>
internal sealed class TripleLoopGemmBackend : ComputeBackendBase
{
    public static TripleLoopGemmBackend Instance { get; } = new();

    /// <summary>
    /// How many GEMM calls this instance served: lets a test check that the blocked paths really go through GEMM.
    /// Count on a fresh instance; the shared one is used by tests running in parallel.
    /// </summary>
    public int GemmCalls { get; private set; }

    public override string Name => "triple-loop";

    public override string Description => "managed factorizations over a triple-loop GEMM (tests only)";

    public override void Gemm<T>(MatrixTranspose transA, MatrixTranspose transB, int m, int n, int k,
        T alpha, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc)
    {
        GemmCalls++;
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                T sum = T.Zero;
                for (int p = 0; p < k; p++)
                {
                    T x = transA == MatrixTranspose.None ? a[i * lda + p] : a[p * lda + i];
                    T y = transB == MatrixTranspose.None ? b[p * ldb + j] : b[j * ldb + p];
                    sum += x * y;
                }
                ref T target = ref c[i * ldc + j];
                target = T.IsZero(beta) ? alpha * sum : alpha * sum + beta * target;
            }
        }
    }

    public override void CholeskyFactor(Span<double> a, int n) => ManagedFactorizations.CholeskyFactor(this, a, n);

    public override void CholeskySolve(ReadOnlySpan<double> factor, int n, Span<double> b, int nrhs) =>
        ManagedFactorizations.CholeskySolve(this, factor, n, b, nrhs);

    public override void CholeskyInverse(ReadOnlySpan<double> factor, int n, Span<double> inverse) =>
        ManagedFactorizations.CholeskyInverse(this, factor, n, inverse);

    public override void SymmetricEigen(ReadOnlySpan<double> a, int n, Span<double> eigenvalues, Span<double> eigenvectors) =>
        ManagedFactorizations.SymmetricEigen(a, n, eigenvalues, eigenvectors);

    public override void Svd(ReadOnlySpan<double> a, int m, int n, Span<double> singularValues, Span<double> u, Span<double> vt) =>
        ManagedFactorizations.Svd(a, m, n, singularValues, u, vt);

    public override void LuSolve(ReadOnlySpan<double> a, int n, Span<double> b, int nrhs) =>
        ManagedFactorizations.LuSolve(a, n, b, nrhs);
}

/// <summary>Backends the factorization tests run on, by name so that each theory row says which one failed.</summary>
public static class FactorizationBackends
{
    public static TheoryData<string> Names() => new("triple-loop", "managed");

    public static IComputeBackend Get(string name) => name switch
    {
        "triple-loop" => TripleLoopGemmBackend.Instance,
        "managed" => ManagedBackend.Instance,
        _ => throw new ArgumentException($"Unknown test backend '{name}'.", nameof(name)),
    };
}

/// <summary>Seeded test matrices and the scalar references the blocked kernels are checked against.</summary>
internal static class FactorizationMatrices
{
    /// <summary>Uniform values in [−1, 1), row-major rows×columns.</summary>
    public static double[] Random(int rows, int columns, int seed)
    {
        var random = new Random(seed);
        var values = new double[rows * columns];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = 2 * random.NextDouble() - 1;
        }
        return values;
    }

    /// <summary>X·Xᵀ/n + I for a random square X: symmetric positive definite with eigenvalues in about [1, 5].</summary>
    public static double[] Spd(int n, int seed)
    {
        double[] x = Random(n, n, seed);
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double sum = 0;
                for (int p = 0; p < n; p++)
                {
                    sum += x[i * n + p] * x[j * n + p];
                }
                a[i * n + j] = a[j * n + i] = sum / n + (i == j ? 1 : 0);
            }
        }
        return a;
    }

    /// <summary>
    /// An SPD matrix changed only at [column, column] so that the Cholesky pivot of that column is exactly −1 in
    /// exact arithmetic (and clearly negative in floating point), while every earlier pivot is unchanged.
    /// </summary>
    public static double[] IndefiniteAt(int n, int column, int seed)
    {
        double[] a = Spd(n, seed);
        double[] factor = (double[])a.Clone();
        ReferenceCholesky(factor, n);
        double sumOfSquares = 0;
        for (int p = 0; p < column; p++)
        {
            sumOfSquares += factor[column * n + p] * factor[column * n + p];
        }
        a[column * n + column] = sumOfSquares - 1;
        return a;
    }

    /// <summary>Column-by-column unblocked Cholesky in place (lower L, strict upper zeroed); throws on a non-positive pivot.</summary>
    public static void ReferenceCholesky(double[] a, int n)
    {
        for (int j = 0; j < n; j++)
        {
            double pivot = a[j * n + j];
            for (int p = 0; p < j; p++)
            {
                pivot -= a[j * n + p] * a[j * n + p];
            }
            if (!(pivot > 0))
            {
                throw new MatrixNotPositiveDefiniteException(j, n);
            }
            double diagonal = Math.Sqrt(pivot);
            a[j * n + j] = diagonal;
            for (int i = j + 1; i < n; i++)
            {
                double sum = a[i * n + j];
                for (int p = 0; p < j; p++)
                {
                    sum -= a[i * n + p] * a[j * n + p];
                }
                a[i * n + j] = sum / diagonal;
            }
            for (int i = 0; i < j; i++)
            {
                a[i * n + j] = 0;
            }
        }
    }

    /// <summary>Row-major product of op(A) (m×k) and op(B) (k×n).</summary>
    public static double[] Multiply(double[] a, double[] b, int m, int k, int n, bool transposeA = false, bool transposeB = false)
    {
        var c = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++)
                {
                    double x = transposeA ? a[p * m + i] : a[i * k + p];
                    double y = transposeB ? b[j * k + p] : b[p * n + j];
                    sum += x * y;
                }
                c[i * n + j] = sum;
            }
        }
        return c;
    }

    public static double[] Identity(int n)
    {
        var identity = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            identity[i * n + i] = 1;
        }
        return identity;
    }

    public static double MaxAbs(ReadOnlySpan<double> values)
    {
        double max = 0;
        foreach (double value in values)
        {
            max = Math.Max(max, Math.Abs(value));
        }
        return max;
    }

    /// <summary>Fails with the worst element and its position when the relative error exceeds the tolerance.</summary>
    public static void AssertClose(ReadOnlySpan<double> actual, ReadOnlySpan<double> expected, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = Math.Max(MaxAbs(expected), 1e-300);
        int worst = -1;
        double worstError = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            double error = Math.Abs(actual[i] - expected[i]);
            if (!(error <= worstError))
            {
                worst = i;
                worstError = double.IsNaN(error) ? double.PositiveInfinity : error;
            }
        }
        Assert.True(worstError / scale <= tolerance,
            $"{what}: relative error {worstError / scale:E2} > {tolerance:E0} at index {worst} (got {(worst >= 0 ? actual[worst] : 0)}, expected {(worst >= 0 ? expected[worst] : 0)}).");
    }

    public static void AssertStrictUpperIsZero(ReadOnlySpan<double> a, int n)
    {
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                Assert.True(a[i * n + j] == 0, $"Upper element [{i}, {j}] is {a[i * n + j]}, expected 0.");
            }
        }
    }
}
