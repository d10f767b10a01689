using System.Numerics;
using TabularOd.Compute;

namespace TabularOd.Tests.Compute.Conformance;

/// <summary>
/// GEMM against the triple loop: every size 0..70 square in all four transpose combinations, rectangular and
/// degenerate shapes, padded row strides (padding holds NaN that must not be read and a sentinel in C that
/// must not be written), a few α/β pairs, and sizes of a few hundred.
/// </summary>
public class GemmConformanceTests
{
    /// <summary>One GEMM call: shape, transposes, scalars and the padding added to each row stride.</summary>
    public sealed record Shape(MatrixTranspose TransA, MatrixTranspose TransB, int M, int N, int K, double Alpha, double Beta, int Pad)
    {
        public override string ToString() =>
            $"{(TransA == MatrixTranspose.None ? 'N' : 'T')}{(TransB == MatrixTranspose.None ? 'N' : 'T')} m={M} n={N} k={K} α={Alpha} β={Beta} pad={Pad}";
    }

    private static readonly MatrixTranspose[] Transposes = [MatrixTranspose.None, MatrixTranspose.Transpose];

    private static readonly (double Alpha, double Beta, int Pad)[] Scalars = [(1, 0, 0), (0.75, -1.25, 1), (-2, 0, 2), (1, 1, 0)];

    /// <summary>Every size 0..70: square in the four transpose combinations, plus thin and flat shapes.</summary>
    public static IEnumerable<Shape> SmallShapes()
    {
        for (int s = 0; s <= 70; s++)
        {
            int combo = 0;
            foreach (var ta in Transposes)
            {
                foreach (var tb in Transposes)
                {
                    var (alpha, beta, pad) = Scalars[(s + combo++) % Scalars.Length];
                    yield return new Shape(ta, tb, s, s, s, alpha, beta, pad);
                }
            }
            var (al, be, pd) = Scalars[s % Scalars.Length];
            yield return new Shape(MatrixTranspose.None, MatrixTranspose.None, s, s + 3, s / 2 + 1, al, be, pd);
            yield return new Shape(MatrixTranspose.Transpose, MatrixTranspose.Transpose, s + 5, s, 2 * s + 1, al, be, pd);
            yield return new Shape(MatrixTranspose.None, MatrixTranspose.Transpose, 1, s, s, 1, 0, 0);
            yield return new Shape(MatrixTranspose.Transpose, MatrixTranspose.None, s, 1, s, 1, 0, 1);
            yield return new Shape(MatrixTranspose.None, MatrixTranspose.None, s, s, 1, 1, 0, 0);
        }
        // k = 0: C ← β·C, and with β = 0 a NaN-filled C becomes zeros.
        foreach (int s in new[] { 1, 5, 33 })
        {
            yield return new Shape(MatrixTranspose.None, MatrixTranspose.None, s, s, 0, 1, 0, 0);
            yield return new Shape(MatrixTranspose.Transpose, MatrixTranspose.None, s, s + 1, 0, 1, -0.5, 1);
        }
    }

    /// <summary>A few shapes of a few hundred, past every blocking a backend is likely to use.</summary>
    public static IEnumerable<Shape> LargeShapes<T>()
    {
        foreach (var ta in Transposes)
        {
            foreach (var tb in Transposes)
            {
                if (typeof(T) == typeof(double) || ta != tb)
                {
                    yield return new Shape(ta, tb, 257, 263, 129, 0.5, 0, 3);
                }
            }
        }
        yield return new Shape(MatrixTranspose.None, MatrixTranspose.None, 301, 297, 311, 1, 1, 0);
        // Wide and flat: C spans more than one packed panel of B (about 1 MiB of it) along n.
        yield return typeof(T) == typeof(double)
            ? new Shape(MatrixTranspose.Transpose, MatrixTranspose.Transpose, 37, 1030, 300, 1, 0, 1)
            : new Shape(MatrixTranspose.None, MatrixTranspose.None, 23, 1800, 300, 1, 0, 1);
        // The shape squared distances use: x·yᵀ with a short inner dimension.
        yield return new Shape(MatrixTranspose.None, MatrixTranspose.Transpose, 600, 520, 64, -2, 1, 0);
    }

    [Theory]
    [MemberData(nameof(ConformanceBackends.Names), MemberType = typeof(ConformanceBackends))]
    public void SmallSizesMatchTheTripleLoopInDouble(string backend) => Check<double>(backend, SmallShapes());

    [Theory]
    [MemberData(nameof(ConformanceBackends.Names), MemberType = typeof(ConformanceBackends))]
    public void SmallSizesMatchTheTripleLoopInSingle(string backend) => Check<float>(backend, SmallShapes());

    [Theory]
    [MemberData(nameof(ConformanceBackends.Names), MemberType = typeof(ConformanceBackends))]
    public void LargeSizesMatchTheTripleLoopInDouble(string backend) => Check<double>(backend, LargeShapes<double>());

    [Theory]
    [MemberData(nameof(ConformanceBackends.Names), MemberType = typeof(ConformanceBackends))]
    public void LargeSizesMatchTheTripleLoopInSingle(string backend) => Check<float>(backend, LargeShapes<float>());

    [Theory]
    [MemberData(nameof(ConformanceBackends.Names), MemberType = typeof(ConformanceBackends))]
    public void ZeroBetaOverwritesNaNAndInfinityInC(string backend)
    {
        var compute = ConformanceBackends.Get(backend);
        var random = TestMatrices.Random(1, 2);
        const int m = 37, n = 29, k = 13;
        var a = TestMatrices.Uniform<double>(random, m * k);
        var b = TestMatrices.Uniform<double>(random, k * n);
        var c = new double[m * n];
        for (int i = 0; i < c.Length; i++)
        {
            c[i] = (i % 3) switch { 0 => double.NaN, 1 => double.PositiveInfinity, _ => double.NegativeInfinity };
        }
        compute.Gemm(MatrixTranspose.None, MatrixTranspose.None, m, n, k, 1.0, a, k, b, n, 0.0, c, n);
        var (expected, _) = NaiveGemm.Compute(MatrixTranspose.None, MatrixTranspose.None, m, n, k, 1.0, a, k, b, n, 0.0, c, n);
        for (int i = 0; i < c.Length; i++)
        {
            Assert.True(double.IsFinite(c[i]), $"{backend} Gemm<Double> β=0: C[{i / n},{i % n}] = {c[i]} after a non-finite start.");
            Assert.True(Tolerance.Within(c[i], expected[i], Tolerance.Double, Math.Max(1, Math.Abs(expected[i])) * k),
                $"{backend} Gemm<Double> β=0: C[{i / n},{i % n}] = {c[i]:R}, expected {expected[i]:R}.");
        }
    }

    /// <summary>Runs every shape through the backend and compares with <see cref="NaiveGemm"/>.</summary>
    private static void Check<T>(string backendName, IEnumerable<Shape> shapes)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var backend = ConformanceBackends.Get(backendName);
        var failures = new Mismatches();
        int caseNumber = 0;
        foreach (var shape in shapes)
        {
            string label = $"{backendName} Gemm<{typeof(T).Name}> {shape}";
            int seed = caseNumber++;
            failures.Run(label, () => CheckOne<T>(backend, shape, seed, label, failures));
        }
        failures.AssertNone();
    }

    private static void CheckOne<T>(IComputeBackend backend, Shape s, int seed, string label, Mismatches failures)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = TestMatrices.Random(seed, s.M, s.N, s.K, typeof(T) == typeof(float) ? 4 : 8);
        bool transA = s.TransA == MatrixTranspose.Transpose, transB = s.TransB == MatrixTranspose.Transpose;
        var (a, lda) = Operand<T>(random, transA ? s.K : s.M, transA ? s.M : s.K, s.Pad);
        var (b, ldb) = Operand<T>(random, transB ? s.N : s.K, transB ? s.K : s.N, s.Pad);
        int ldc = Math.Max(1, s.N) + s.Pad;
        // Padding of C holds a sentinel that must survive; with β = 0 the live part starts as NaN, which must not leak.
        var sentinel = T.CreateChecked(12345.5);
        var c = TestMatrices.Filled(s.M * ldc, sentinel);
        var cValues = s.Beta == 0 ? TestMatrices.Filled(s.M * s.N, T.NaN) : TestMatrices.Uniform<T>(random, s.M * s.N);
        for (int i = 0; i < s.M; i++)
        {
            cValues.AsSpan(i * s.N, s.N).CopyTo(c.AsSpan(i * ldc));
        }
        var original = (T[])c.Clone();

        backend.Gemm(s.TransA, s.TransB, s.M, s.N, s.K, T.CreateChecked(s.Alpha), a, lda, b, ldb, T.CreateChecked(s.Beta), c, ldc);

        var (expected, scale) = NaiveGemm.Compute(s.TransA, s.TransB, s.M, s.N, s.K, s.Alpha, a, lda, b, ldb, s.Beta, original, ldc);
        double tolerance = Tolerance.Of<T>();
        for (int i = 0; i < s.M; i++)
        {
            for (int j = 0; j < ldc; j++)
            {
                double got = double.CreateChecked(c[i * ldc + j]);
                if (j >= s.N)
                {
                    if (!c[i * ldc + j].Equals(sentinel))
                    {
                        failures.Add(label, $"wrote the padding of C at [{i},{j}] ({got:R})");
                    }
                    continue;
                }
                double want = expected[i * s.N + j], bound = scale[i * s.N + j];
                if (!Tolerance.Within(got, want, tolerance, bound))
                {
                    failures.Add(label, $"C[{i},{j}] = {got:R}, expected {want:R} (|diff| {Math.Abs(got - want):E2} > {tolerance * bound:E2})");
                }
            }
        }
    }

    /// <summary>A rows×cols operand with row stride cols + pad (at least 1); the padding is NaN so reading it shows.</summary>
    private static (T[] Values, int Stride) Operand<T>(TabularOd.Sampling.SeededRandom random, int rows, int cols, int pad)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int stride = Math.Max(1, cols) + pad;
        var values = TestMatrices.Filled(rows * stride, T.NaN);
        var live = TestMatrices.Uniform<T>(random, rows * cols);
        for (int i = 0; i < rows; i++)
        {
            live.AsSpan(i * cols, cols).CopyTo(values.AsSpan(i * stride));
        }
        return (values, stride);
    }
}
