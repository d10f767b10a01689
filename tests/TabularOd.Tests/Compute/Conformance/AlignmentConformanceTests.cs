using TabularOd.Compute;

namespace TabularOd.Tests.Compute.Conformance;

/// <summary>
/// The same inputs must give the same bits wherever they sit in memory. Managed arrays are only 8-byte aligned,
/// so two runs of one program hand a native library buffers at different 16-, 32- and 64-byte offsets; some
/// OpenBLAS kernels (dot products and matrix–vector products inside LAPACK's unblocked steps) peel a different
/// number of leading elements by alignment and round differently. Every operation runs here on copies of one
/// input placed 0 to 7 doubles into a larger array, and every result must equal the first bit for bit.
/// </summary>
public class AlignmentConformanceTests
{
    private const int Offsets = 8;

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var backend in ComputeBackends.Available)
        {
            foreach (string operation in Operations.Keys)
            {
                data.Add(backend.Name, operation);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ResultsDoNotDependOnBufferAlignment(string backend, string operation)
    {
        var compute = ConformanceBackends.Get(backend);
        var run = Operations[operation];
        double[] baseline = run(compute, 0);
        for (int offset = 1; offset < Offsets; offset++)
        {
            double[] shifted = run(compute, offset);
            Assert.True(baseline.AsSpan().SequenceEqual(shifted),
                $"{backend} {operation}: input {offset} doubles further into its array changed {Differing(baseline, shifted)} of {baseline.Length} values");
        }
    }

    private static readonly Dictionary<string, Func<IComputeBackend, int, double[]>> Operations = new()
    {
        ["CholeskyFactor n=7"] = (c, o) => Factor(c, o, 7),
        ["CholeskyFactor n=300"] = (c, o) => Factor(c, o, 300),
        ["CholeskySolve n=9 nrhs=1"] = (c, o) => Solve(c, o, 9, 1),
        ["CholeskySolve n=120 nrhs=3"] = (c, o) => Solve(c, o, 120, 3),
        ["CholeskyInverse n=40"] = (c, o) =>
        {
            double[] factor = FactorOf(c, 40);
            var inverse = new Placed(o, 40 * 40);
            c.CholeskyInverse(Placed.Copy(o, factor).Span, 40, inverse.Span);
            return inverse.Span.ToArray();
        },
        ["SymmetricEigen n=30"] = (c, o) =>
        {
            double[] a = TestMatrices.Spd(TestMatrices.Random(30), 30);
            var values = new Placed(o, 30);
            var vectors = new Placed(o, 30 * 30);
            c.SymmetricEigen(Placed.Copy(o, a).Span, 30, values.Span, vectors.Span);
            return [.. values.Span, .. vectors.Span];
        },
        ["Svd 45×13"] = (c, o) => Svd(c, o, 45, 13),
        ["Svd 11×37"] = (c, o) => Svd(c, o, 11, 37),
        ["LuSolve n=25 nrhs=2"] = (c, o) =>
        {
            double[] a = TestMatrices.Uniform<double>(TestMatrices.Random(25, 2), 25 * 25);
            var b = Placed.Copy(o, TestMatrices.Uniform<double>(TestMatrices.Random(2, 25), 25 * 2));
            c.LuSolve(Placed.Copy(o, a).Span, 25, b.Span, 2);
            return b.Span.ToArray();
        },
        ["Gemm 1×37×53"] = (c, o) => Gemm(c, o, 1, 37, 53),
        ["Gemm 29×1×61"] = (c, o) => Gemm(c, o, 29, 1, 61),
        ["Gemm 70×19×23"] = (c, o) => Gemm(c, o, 70, 19, 23),
        ["SquaredDistances 50×40 d=9"] = (c, o) =>
        {
            var x = Placed.Copy(o, TestMatrices.Uniform<double>(TestMatrices.Random(50, 9), 50 * 9));
            var y = Placed.Copy(o, TestMatrices.Uniform<double>(TestMatrices.Random(40, 9), 40 * 9));
            var result = new Placed(o, 50 * 40);
            c.SquaredDistances<double>(x.Span, 50, y.Span, 40, 9, result.Span);
            return result.Span.ToArray();
        },
    };

    private static double[] Factor(IComputeBackend compute, int offset, int n)
    {
        var a = Placed.Copy(offset, TestMatrices.Spd(TestMatrices.Random(n), n));
        compute.CholeskyFactor(a.Span, n);
        return a.Span.ToArray();
    }

    private static double[] FactorOf(IComputeBackend compute, int n)
    {
        double[] a = TestMatrices.Spd(TestMatrices.Random(n), n);
        compute.CholeskyFactor(a, n);
        return a;
    }

    private static double[] Solve(IComputeBackend compute, int offset, int n, int nrhs)
    {
        double[] factor = FactorOf(compute, n);
        var b = Placed.Copy(offset, TestMatrices.Uniform<double>(TestMatrices.Random(n, nrhs), n * nrhs));
        compute.CholeskySolve(Placed.Copy(offset, factor).Span, n, b.Span, nrhs);
        return b.Span.ToArray();
    }

    private static double[] Svd(IComputeBackend compute, int offset, int m, int n)
    {
        int r = Math.Min(m, n);
        double[] a = TestMatrices.Uniform<double>(TestMatrices.Random(m, n), m * n);
        var s = new Placed(offset, r);
        var u = new Placed(offset, m * r);
        var vt = new Placed(offset, r * n);
        compute.Svd(Placed.Copy(offset, a).Span, m, n, s.Span, u.Span, vt.Span);
        return [.. s.Span, .. u.Span, .. vt.Span];
    }

    private static double[] Gemm(IComputeBackend compute, int offset, int m, int n, int k)
    {
        var a = Placed.Copy(offset, TestMatrices.Uniform<double>(TestMatrices.Random(m, k), m * k));
        var b = Placed.Copy(offset, TestMatrices.Uniform<double>(TestMatrices.Random(k, n), k * n));
        var c = new Placed(offset, m * n);
        compute.Gemm<double>(MatrixTranspose.None, MatrixTranspose.None, m, n, k, 1.0, a.Span, k, b.Span, n, 0.0, c.Span, n);
        return c.Span.ToArray();
    }

    private static int Differing(double[] expected, double[] actual) =>
        Enumerable.Range(0, expected.Length).Count(i => BitConverter.DoubleToInt64Bits(expected[i]) != BitConverter.DoubleToInt64Bits(actual[i]));

    /// <summary>A buffer of <c>length</c> doubles starting <c>offset</c> elements into a larger array.</summary>
    private readonly struct Placed(int offset, int length)
    {
        private readonly double[] array = new double[offset + length + Offsets];

        public Span<double> Span => array.AsSpan(offset, length);

        public static Placed Copy(int offset, double[] values)
        {
            var placed = new Placed(offset, values.Length);
            values.CopyTo(placed.Span);
            return placed;
        }
    }
}
