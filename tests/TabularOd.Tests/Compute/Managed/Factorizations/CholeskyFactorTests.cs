using TabularOd.Compute;
using TabularOd.Compute.Managed;
using static TabularOd.Tests.Compute.Managed.Factorizations.FactorizationMatrices;

namespace TabularOd.Tests.Compute.Managed.Factorizations;

/// <summary>The blocked Cholesky factorisation against the unblocked reference, at every small size and at each block edge.</summary>
public sealed class CholeskyFactorTests
{
    private const double Tolerance = 1e-12;

    public static TheoryData<string> Backends() => FactorizationBackends.Names();

    public static TheoryData<string, int> BlockEdges()
    {
        int[] sizes =
        [
            BlockedCholesky.UnblockedLimit - 1, BlockedCholesky.UnblockedLimit, BlockedCholesky.UnblockedLimit + 1,
            BlockedCholesky.SyrkLeaf + BlockedCholesky.UnblockedLimit + 1,
            BlockedCholesky.OuterBlock - 1, BlockedCholesky.OuterBlock, BlockedCholesky.OuterBlock + 1,
            BlockedCholesky.OuterBlock + BlockedCholesky.SyrkLeaf + 3,
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
    public void EverySizeUpTo70_MatchesReferenceAndReconstructs(string backendName)
    {
        var backend = FactorizationBackends.Get(backendName);
        for (int n = 0; n <= 70; n++)
        {
            AssertFactorIsRight(backend, n, seed: n);
        }
    }

    [Theory]
    [MemberData(nameof(BlockEdges))]
    public void AtBlockEdges_MatchesReferenceAndReconstructs(string backendName, int n) =>
        AssertFactorIsRight(FactorizationBackends.Get(backendName), n, seed: 1000 + n);

    [Theory]
    [MemberData(nameof(Backends))]
    public void UpperTriangle_IsNeverRead(string backendName)
    {
        var backend = FactorizationBackends.Get(backendName);
        const int n = 300;
        double[] clean = Spd(n, seed: 7);
        double[] dirty = (double[])clean.Clone();
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                dirty[i * n + j] = double.NaN;
            }
        }
        backend.CholeskyFactor(clean, n);
        backend.CholeskyFactor(dirty, n);
        Assert.Equal(clean, dirty);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(40, 39)]
    [InlineData(300, 0)]
    [InlineData(300, BlockedCholesky.UnblockedLimit - 1)]
    [InlineData(300, BlockedCholesky.UnblockedLimit)]
    [InlineData(300, 100)]
    [InlineData(300, BlockedCholesky.OuterBlock - 1)]
    [InlineData(300, BlockedCholesky.OuterBlock)]
    [InlineData(300, 299)]
    public void IndefiniteMatrix_ReportsTheFailingColumn(int n, int column)
    {
        foreach (string name in FactorizationBackends.Names())
        {
            double[] a = n == 1 ? [-1.0] : IndefiniteAt(n, column, seed: column);
            var error = Assert.Throws<MatrixNotPositiveDefiniteException>(() => FactorizationBackends.Get(name).CholeskyFactor(a, n));
            Assert.Equal(column, error.Column);
            Assert.Contains($"{n}×{n}", error.Message);
            Assert.Contains($"column {column}", error.Message);
        }
    }

    [Theory]
    [InlineData(double.NaN, 5, 5)]
    [InlineData(double.NaN, 250, 3)]
    [InlineData(double.NaN, 299, 298)]
    [InlineData(double.PositiveInfinity, 40, 40)]
    [InlineData(double.PositiveInfinity, 260, 1)]
    [InlineData(double.NegativeInfinity, 10, 0)]
    public void NonFiniteValue_Throws(double value, int row, int column)
    {
        const int n = 300;
        foreach (string name in FactorizationBackends.Names())
        {
            double[] a = Spd(n, seed: 3);
            a[row * n + column] = value;
            a[column * n + row] = value;
            var error = Assert.Throws<MatrixNotPositiveDefiniteException>(() => FactorizationBackends.Get(name).CholeskyFactor(a, n));
            // The bad value enters L in its own column and spoils the pivot of its row at the latest.
            Assert.InRange(error.Column, column, row);
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void SameInput_GivesTheSameBits(string backendName)
    {
        var backend = FactorizationBackends.Get(backendName);
        const int n = 400;
        double[] first = Spd(n, seed: 11);
        double[] second = (double[])first.Clone();
        backend.CholeskyFactor(first, n);
        backend.CholeskyFactor(second, n);
        Assert.Equal(first, second);
    }

    [Fact]
    public void ThreadCount_DoesNotChangeTheBits()
    {
        // Inside a compute region every kernel, GEMM included, runs on the calling thread alone.
        const int n = 700;
        double[] parallel = Spd(n, seed: 12);
        double[] serial = (double[])parallel.Clone();
        ManagedBackend.Instance.CholeskyFactor(parallel, n);
        ComputeParallelism.For(1, 1, _ => ManagedBackend.Instance.CholeskyFactor(serial, n));
        Assert.Equal(serial, parallel);
    }

    [Fact]
    public void BlockedSizes_UpdateThroughTheBackendsGemm()
    {
        var backend = new TripleLoopGemmBackend();
        backend.CholeskyFactor(Spd(100, seed: 5), 100);
        Assert.True(backend.GemmCalls > 0, "The blocked factorisation never called the backend's GEMM.");
    }

    [Fact]
    public void WrongLength_IsRejectedWithTheSizes()
    {
        var error = Assert.Throws<ArgumentException>(() => ManagedBackend.Instance.CholeskyFactor(new double[10], 4));
        Assert.Equal("a", error.ParamName);
        Assert.StartsWith("The 'a' parameter of CholeskyFactor must hold exactly 16 elements (a 4×4 matrix). Got 10.", error.Message);
    }

    [Fact]
    public void NegativeOrder_IsRejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ManagedBackend.Instance.CholeskyFactor([], -1));
        Assert.Equal("n", error.ParamName);
    }

    private static void AssertFactorIsRight(IComputeBackend backend, int n, int seed)
    {
        double[] a = Spd(n, seed);
        double[] factor = (double[])a.Clone();
        backend.CholeskyFactor(factor, n);
        double[] expected = (double[])a.Clone();
        ReferenceCholesky(expected, n);
        AssertClose(factor, expected, Tolerance, $"L at n = {n}");
        AssertStrictUpperIsZero(factor, n);
        double[] product = Multiply(factor, factor, n, n, n, transposeB: true);
        AssertClose(product, a, Tolerance, $"L·Lᵀ − A at n = {n}");
    }
}
