using TabularOd.Compute;
using TabularOd.Compute.Managed;
using static TabularOd.Tests.Compute.Managed.Factorizations.FactorizationMatrices;

namespace TabularOd.Tests.Compute.Managed.Factorizations;

/// <summary>A⁻¹ from L: against the inverse by the scalar reference, A·A⁻¹ = I, and exact symmetry.</summary>
public sealed class CholeskyInverseTests
{
    private const double Tolerance = 1e-12;

    public static TheoryData<string> Backends() => FactorizationBackends.Names();

    public static TheoryData<string, int> BlockEdges()
    {
        int[] sizes =
        [
            TriangularSolve.NarrowRhs - 1, TriangularSolve.NarrowRhs, TriangularSolve.WideLeaf + 1,
            2 * TriangularSolve.WideLeaf + 37, 300,
        ];
        var data = new TheoryData<string, int>();
        foreach (string backend in FactorizationBackends.Names())
        {
            foreach (int n in sizes)
            {
                data.Add(backend, n);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void EverySizeUpTo70_IsTheSymmetricInverse(string backendName)
    {
        var backend = FactorizationBackends.Get(backendName);
        for (int n = 0; n <= 70; n++)
        {
            AssertInverseIsRight(backend, n, seed: 500 + n);
        }
    }

    [Theory]
    [MemberData(nameof(BlockEdges))]
    public void AtBlockEdges_IsTheSymmetricInverse(string backendName, int n) =>
        AssertInverseIsRight(FactorizationBackends.Get(backendName), n, seed: n);

    [Theory]
    [MemberData(nameof(Backends))]
    public void PreviousContentsOfTheOutput_DoNotMatter(string backendName)
    {
        var backend = FactorizationBackends.Get(backendName);
        const int n = 90;
        double[] factor = Spd(n, seed: 9);
        backend.CholeskyFactor(factor, n);
        double[] clean = new double[n * n];
        double[] dirty = Enumerable.Repeat(double.NaN, n * n).ToArray();
        backend.CholeskyInverse(factor, n, clean);
        backend.CholeskyInverse(factor, n, dirty);
        Assert.Equal(clean, dirty);
    }

    [Fact]
    public void ThreadCount_DoesNotChangeTheBits()
    {
        const int n = 400;
        double[] factor = Spd(n, seed: 15);
        ManagedBackend.Instance.CholeskyFactor(factor, n);
        double[] parallel = new double[n * n];
        double[] serial = new double[n * n];
        ManagedBackend.Instance.CholeskyInverse(factor, n, parallel);
        ComputeParallelism.For(1, 1, _ => ManagedBackend.Instance.CholeskyInverse(factor, n, serial));
        Assert.Equal(serial, parallel);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void ZeroOnTheFactorsDiagonal_Throws(string backendName)
    {
        double[] factor = [1, 0, 0, 5, 0, 0, 1, 2, 3];
        var error = Assert.Throws<MatrixNotPositiveDefiniteException>(() =>
            FactorizationBackends.Get(backendName).CholeskyInverse(factor, 3, new double[9]));
        Assert.Equal(1, error.Column);
    }

    [Fact]
    public void WrongOutputLength_IsRejectedWithTheSizes()
    {
        var error = Assert.Throws<ArgumentException>(() => ManagedBackend.Instance.CholeskyInverse(Identity(3), 3, new double[8]));
        Assert.Equal("inverse", error.ParamName);
        Assert.StartsWith("The 'inverse' parameter of CholeskyInverse must hold exactly 9 elements (a 3×3 matrix). Got 8.", error.Message);
    }

    private static void AssertInverseIsRight(IComputeBackend backend, int n, int seed)
    {
        double[] a = Spd(n, seed);
        double[] factor = (double[])a.Clone();
        ReferenceCholesky(factor, n);
        double[] inverse = new double[n * n];
        backend.CholeskyInverse(factor, n, inverse);

        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < i; j++)
            {
                Assert.True(inverse[i * n + j] == inverse[j * n + i], $"A⁻¹ is not exactly symmetric at [{i}, {j}] (n = {n}).");
            }
        }
        AssertClose(inverse, ReferenceInverse(factor, n), Tolerance, $"A⁻¹ at n = {n}");
        AssertClose(Multiply(a, inverse, n, n, n), Identity(n), Tolerance, $"A·A⁻¹ − I at n = {n}");
    }

    // Column j of A⁻¹ solves L·Lᵀ·x = e_j, by textbook substitution.
    private static double[] ReferenceInverse(double[] l, int n)
    {
        double[] inverse = new double[n * n];
        double[] x = new double[n];
        for (int j = 0; j < n; j++)
        {
            Array.Clear(x);
            x[j] = 1;
            for (int i = 0; i < n; i++)
            {
                double sum = x[i];
                for (int p = 0; p < i; p++)
                {
                    sum -= l[i * n + p] * x[p];
                }
                x[i] = sum / l[i * n + i];
            }
            for (int i = n - 1; i >= 0; i--)
            {
                double sum = x[i];
                for (int p = i + 1; p < n; p++)
                {
                    sum -= l[p * n + i] * x[p];
                }
                x[i] = sum / l[i * n + i];
            }
            for (int i = 0; i < n; i++)
            {
                inverse[i * n + j] = x[i];
            }
        }
        return inverse;
    }
}
