using System.Globalization;
using TabularOd.Compute;
using TabularOd.Sampling;

namespace TabularOd.Benchmarking.Kernels;

/// <summary>
/// The kernels <c>tabod bench-kernels</c> times, on the shapes benchmarks/peers/compute.py times NumPy, SciPy
/// and scikit-learn on: squared distances, k-nearest neighbours, GEMM, and Cholesky factor + solve.
/// </summary>
public static class KernelCases
{
    /// <summary>The seed of every generated input, so two runs time the same numbers.</summary>
    public const long Seed = 20260612;

    /// <summary>
    /// The standard cases. <paramref name="scale"/> (0 &lt; scale ≤ 1) shrinks every row count and square size,
    /// keeping feature counts, so tests can run the whole list in milliseconds.
    /// </summary>
    public static IReadOnlyList<KernelCase> Standard(double scale = 1)
    {
        if (!(scale > 0 && scale <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), $"The 'scale' parameter of KernelCases must be in (0, 1]. Got {scale.ToString(CultureInfo.InvariantCulture)}.");
        }
        int Scaled(int size) => Math.Max(2, (int)Math.Round(size * scale));
        int rows = Scaled(4000), knn = Scaled(10_000), gemm64 = Scaled(2000);
        return
        [
            Distances<float>("sqdist-f32", "squared distances f32", rows, 64),
            Distances<double>("sqdist-f64", "squared distances f64", rows, 64),
            Neighbors("knn-f64", knn, 32, Math.Min(10, knn - 1)),
            Gemm<float>("gemm-f32", "GEMM f32", rows, rows, 64),
            Gemm<double>("gemm-f64", "GEMM f64", gemm64, gemm64, gemm64),
            Cholesky("cholesky-2000", Scaled(2000)),
            Cholesky("cholesky-5000", Scaled(5000)),
        ];
    }

    private static KernelCase Distances<T>(string id, string kernel, int n, int d)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
        new(id, kernel, $"{n}×{d} vs {n}×{d}", 0, backend =>
        {
            var random = new SeededRandom(Seed);
            var x = Uniform<T>(random, n * d);
            var y = Uniform<T>(random, n * d);
            var result = new T[n * n];
            return () => backend.SquaredDistances<T>(x, n, y, n, d, result);
        });

    private static KernelCase Neighbors(string id, int n, int d, int k) =>
        new(id, "kNN f64 (self, k = " + k.ToString(CultureInfo.InvariantCulture) + ")", $"{n}×{d}", 0, backend =>
        {
            var x = Uniform<double>(new SeededRandom(Seed), n * d);
            // Self-query without the row itself, as scikit-learn's kneighbors() with no argument.
            return () => backend.KNearest<double>(x, n, d, k, excludeSelf: true);
        });

    private static KernelCase Gemm<T>(string id, string kernel, int m, int n, int k)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
        new(id, kernel, $"{m}×{k} · {k}×{n}", 2.0 * m * n * k, backend =>
        {
            var random = new SeededRandom(Seed);
            var a = Uniform<T>(random, m * k);
            var b = Uniform<T>(random, k * n);
            var c = new T[m * n];
            return () => backend.Gemm(MatrixTranspose.None, MatrixTranspose.None, m, n, k, T.One, a, k, b, n, T.Zero, c, n);
        });

    private static KernelCase Cholesky(string id, int n) =>
        new(id, "Cholesky factor + solve f64", $"{n}×{n}, 1 rhs", n * (double)n * n / 3 + 2.0 * n * n, backend =>
        {
            var random = new SeededRandom(Seed);
            var a = DiagonallyDominantSymmetric(random, n);
            var rhs = Uniform<double>(random, n);
            var work = new double[n * n];
            var x = new double[n];
            return () =>
            {
                // The factorization is in place; SciPy's cho_factor copies its input too (overwrite_a=False).
                a.CopyTo(work, 0);
                rhs.CopyTo(x, 0);
                backend.CholeskyFactor(work, n);
                backend.CholeskySolve(work, n, x, 1);
            };
        });

    private static T[] Uniform<T>(SeededRandom random, int count)
        where T : System.Numerics.IFloatingPointIeee754<T>
    {
        var values = new T[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = T.CreateChecked(2 * random.NextDouble() - 1);
        }
        return values;
    }

    /// <summary>
    /// Symmetric with off-diagonal entries in [−1, 1) and n + 1 on the diagonal: positive definite by
    /// Gershgorin's theorem, and built in O(n²) where M·Mᵀ would cost a GEMM of its own.
    /// </summary>
    private static double[] DiagonallyDominantSymmetric(SeededRandom random, int n)
    {
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            a[i * n + i] = n + 1;
            for (int j = 0; j < i; j++)
            {
                double value = 2 * random.NextDouble() - 1;
                a[i * n + j] = value;
                a[j * n + i] = value;
            }
        }
        return a;
    }
}
