using TabularOd.Compute;
using TabularOd.Compute.Managed;
using static TabularOd.Tests.Compute.Managed.Factorizations.FactorizationMatrices;

namespace TabularOd.Tests.Compute.Managed.Factorizations;

/// <summary>Forward and back substitution with L from the factorisation, against a scalar reference and the residual.</summary>
public sealed class CholeskySolveTests
{
    private const double Tolerance = 1e-12;

    public static TheoryData<string> Backends() => FactorizationBackends.Names();

    public static TheoryData<string, int, int> LeafEdges()
    {
        (int N, int Nrhs)[] shapes =
        [
            (TriangularSolve.NarrowLeaf - 1, 1), (TriangularSolve.NarrowLeaf, 1), (TriangularSolve.NarrowLeaf + 1, 1),
            (TriangularSolve.NarrowLeaf + 17, 1), (TriangularSolve.NarrowLeaf + 17, TriangularSolve.NarrowRhs - 1),
            (TriangularSolve.WideLeaf - 1, TriangularSolve.NarrowRhs), (TriangularSolve.WideLeaf + 1, TriangularSolve.NarrowRhs),
            (150, 40), (300, 300),
        ];
        var data = new TheoryData<string, int, int>();
        foreach (string backend in FactorizationBackends.Names())
        {
            foreach (var (n, nrhs) in shapes)
            {
                data.Add(backend, n, nrhs);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void EverySizeUpTo70_MatchesReferenceAndResidual(string backendName)
    {
        var backend = FactorizationBackends.Get(backendName);
        foreach (int nrhs in new[] { 1, 2, TriangularSolve.NarrowRhs, 37 })
        {
            for (int n = 0; n <= 70; n++)
            {
                AssertSolveIsRight(backend, n, nrhs, seed: 100 * nrhs + n);
            }
        }
    }

    [Theory]
    [MemberData(nameof(LeafEdges))]
    public void AtLeafEdges_MatchesReferenceAndResidual(string backendName, int n, int nrhs) =>
        AssertSolveIsRight(FactorizationBackends.Get(backendName), n, nrhs, seed: n + nrhs);

    [Theory]
    [MemberData(nameof(Backends))]
    public void NoRightHandSides_IsANoOp(string backendName)
    {
        var backend = FactorizationBackends.Get(backendName);
        double[] factor = Spd(5, seed: 1);
        backend.CholeskyFactor(factor, 5);
        backend.CholeskySolve(factor, 5, [], 0);
        backend.CholeskySolve([], 0, [], 3);
    }

    [Fact]
    public void ThreadCount_DoesNotChangeTheBits()
    {
        const int n = 300, nrhs = 500;
        double[] factor = Spd(n, seed: 13);
        ManagedBackend.Instance.CholeskyFactor(factor, n);
        double[] parallel = FactorizationMatrices.Random(n, nrhs, seed: 14);
        double[] serial = (double[])parallel.Clone();
        ManagedBackend.Instance.CholeskySolve(factor, n, parallel, nrhs);
        ComputeParallelism.For(1, 1, _ => ManagedBackend.Instance.CholeskySolve(factor, n, serial, nrhs));
        Assert.Equal(serial, parallel);
    }

    [Fact]
    public void WrongRightHandSideLength_IsRejectedWithTheSizes()
    {
        double[] factor = Identity(4);
        var error = Assert.Throws<ArgumentException>(() => ManagedBackend.Instance.CholeskySolve(factor, 4, new double[10], 3));
        Assert.Equal("b", error.ParamName);
        Assert.StartsWith("The 'b' parameter of CholeskySolve must hold exactly 12 elements (a 4×3 matrix). Got 10.", error.Message);
    }

    [Fact]
    public void WrongFactorLength_IsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => ManagedBackend.Instance.CholeskySolve(new double[15], 4, new double[4], 1));
        Assert.Equal("factor", error.ParamName);
    }

    [Fact]
    public void NegativeRightHandSideCount_IsRejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ManagedBackend.Instance.CholeskySolve(Identity(2), 2, [], -1));
        Assert.Equal("nrhs", error.ParamName);
    }

    private static void AssertSolveIsRight(IComputeBackend backend, int n, int nrhs, int seed)
    {
        double[] a = Spd(n, seed);
        double[] factor = (double[])a.Clone();
        ReferenceCholesky(factor, n);
        double[] b = FactorizationMatrices.Random(n, nrhs, seed + 1);
        double[] x = (double[])b.Clone();
        backend.CholeskySolve(factor, n, x, nrhs);

        AssertClose(x, ReferenceSolve(factor, n, b, nrhs), Tolerance, $"X at n = {n}, nrhs = {nrhs}");
        AssertClose(Multiply(a, x, n, n, nrhs), b, Tolerance, $"A·X − B at n = {n}, nrhs = {nrhs}");
    }

    // Column by column, in the textbook order.
    private static double[] ReferenceSolve(double[] l, int n, double[] b, int nrhs)
    {
        double[] x = (double[])b.Clone();
        for (int c = 0; c < nrhs; c++)
        {
            for (int i = 0; i < n; i++)
            {
                double sum = x[i * nrhs + c];
                for (int p = 0; p < i; p++)
                {
                    sum -= l[i * n + p] * x[p * nrhs + c];
                }
                x[i * nrhs + c] = sum / l[i * n + i];
            }
            for (int i = n - 1; i >= 0; i--)
            {
                double sum = x[i * nrhs + c];
                for (int p = i + 1; p < n; p++)
                {
                    sum -= l[p * n + i] * x[p * nrhs + c];
                }
                x[i * nrhs + c] = sum / l[i * n + i];
            }
        }
        return x;
    }
}
