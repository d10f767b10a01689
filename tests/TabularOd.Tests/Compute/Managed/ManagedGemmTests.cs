using System.Numerics;
using TabularOd.Compute;
using TabularOd.Compute.Managed;
using static TabularOd.Tests.Compute.Managed.KernelTestData;

namespace TabularOd.Tests.Compute.Managed;

public sealed class ManagedGemmTests
{
    private const MatrixTranspose N = MatrixTranspose.None;
    private const MatrixTranspose T = MatrixTranspose.Transpose;

    public static TheoryData<MatrixTranspose, MatrixTranspose> Transposes => new() { { N, N }, { N, T }, { T, N }, { T, T } };

    [Theory]
    [MemberData(nameof(Transposes))]
    public void EverySizeFrom0To70MatchesTheNaiveProduct(MatrixTranspose ta, MatrixTranspose tb)
    {
        for (int s = 0; s <= 70; s++)
        {
            // Square, wide-short and tall-thin shapes, so every edge case of the 12-row and 2-vector tiles shows up.
            CheckAgainstNaive<float>(ta, tb, s, s, s, seed: s);
            CheckAgainstNaive<double>(ta, tb, s, s, s, seed: s);
            CheckAgainstNaive<float>(ta, tb, s, 70 - s, 1 + s % 13, seed: 100 + s);
            CheckAgainstNaive<double>(ta, tb, 1 + s % 7, s, 70 - s, seed: 200 + s);
        }
    }

    [Theory]
    [MemberData(nameof(Transposes))]
    public void LeadingDimensionsWiderThanTheMatrixAreHonoured(MatrixTranspose ta, MatrixTranspose tb)
    {
        // NaN in the padding of A and B would show up in C if it were read; the padding of C must survive.
        CheckAgainstNaive<float>(ta, tb, 37, 45, 29, seed: 1, padA: 3, padB: 17, padC: 5);
        CheckAgainstNaive<double>(ta, tb, 37, 45, 29, seed: 2, padA: 1, padB: 8, padC: 11);
    }

    [Theory]
    [InlineData(1.0, 0.0)]
    [InlineData(-2.0, 0.0)]
    [InlineData(1.0, 1.0)]
    [InlineData(0.5, -0.75)]
    [InlineData(3.0, 2.0)]
    public void AlphaAndBetaScaleAsBlasDefines(double alpha, double beta)
    {
        CheckAgainstNaive<float>(N, T, 25, 50, 33, seed: 3, alpha: alpha, beta: beta);
        CheckAgainstNaive<double>(T, N, 50, 25, 300, seed: 4, alpha: alpha, beta: beta);
    }

    [Fact]
    public void BetaZeroOverwritesNaNInC()
    {
        double[] a = Dense<double>(20, 30, seed: 5), b = Dense<double>(30, 40, seed: 6);
        var c = new double[20 * 40];
        Array.Fill(c, double.NaN);
        ManagedGemm.Gemm(N, N, 20, 40, 30, 1.0, a, 30, b, 40, 0.0, c, 40);
        Assert.DoesNotContain(c, double.IsNaN);
    }

    [Fact]
    public void AlphaZeroOrEmptyKScalesCWithoutReadingAOrB()
    {
        float[] a = new float[6 * 4], b = new float[4 * 5];
        Array.Fill(a, float.NaN);
        Array.Fill(b, float.NaN);
        float[] c = Enumerable.Range(0, 30).Select(i => (float)i).ToArray();
        ManagedGemm.Gemm(N, N, 6, 5, 4, 0f, a, 4, b, 5, 2f, c, 5);
        Assert.Equal(Enumerable.Range(0, 30).Select(i => 2f * i), c);

        ManagedGemm.Gemm(N, N, 6, 5, 0, 1f, [], 1, [], 5, 0f, c, 5);
        Assert.All(c, value => Assert.Equal(0f, value));
    }

    [Fact]
    public void SeveralCacheBlocksInEveryDimensionStillMatch()
    {
        // k = 600 splits into three k-blocks for doubles; n = 2700 spans two column panels.
        CheckAgainstNaive<double>(N, T, 40, 2700, 600, seed: 7, alpha: 1.5, beta: 0.5);
        // k = 700 splits into two k-blocks for floats; 230 rows span two row blocks.
        CheckAgainstNaive<float>(T, N, 230, 130, 700, seed: 8, beta: 1.0);
    }

    [Theory]
    [InlineData(256)]
    [InlineData(128)]
    public void NarrowerKernelsMatchTheNaiveProduct(int vectorBits)
    {
        foreach (var (ta, tb) in new[] { (N, N), (N, T), (T, N), (T, T) })
        {
            foreach (int s in new[] { 1, 5, 6, 7, 13, 24, 33, 64 })
            {
                CheckAgainstNaive<float>(ta, tb, s, s + 3, s + 1, seed: s, beta: 0.5, vectorBits: vectorBits);
                CheckAgainstNaive<double>(ta, tb, s + 2, s, 2 * s, seed: s, vectorBits: vectorBits);
            }
        }
    }

    [Fact]
    public void ResultBitsDoNotDependOnTheThreadCount()
    {
        AssertThreadIndependent<float>(517, 389, 611);
        AssertThreadIndependent<double>(389, 517, 611);
        AssertThreadIndependent<float>(2000, 40, 64);
    }

    [Fact]
    public void RowsComputedAloneMatchTheSameRowsOfTheWholeProduct()
    {
        // What makes a detector's scores independent of batching: an element does not depend on its neighbours.
        const int m = 300, n = 210, k = 333;
        float[] a = Dense<float>(m, k, seed: 9), b = Dense<float>(n, k, seed: 10);
        var whole = new float[m * n];
        ManagedGemm.Gemm(N, T, m, n, k, 1f, a, k, b, k, 0f, whole, n);
        foreach (var (first, rows) in new[] { (0, 1), (13, 1), (17, 40), (250, 50) })
        {
            var part = new float[rows * n];
            ManagedGemm.Gemm(N, T, rows, n, k, 1f, a.AsSpan(first * k, rows * k), k, b, k, 0f, part, n);
            Assert.True(part.AsSpan().SequenceEqual(whole.AsSpan(first * n, rows * n)), $"rows {first}..{first + rows}");
        }
    }

    [Fact]
    public void BadArgumentsAreRejectedWithTheProjectMessage()
    {
        var a = new double[12];
        var c = new double[12];
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ManagedGemm.Gemm(N, N, -1, 3, 4, 1.0, a, 4, a, 3, 0.0, c, 3));
        Assert.StartsWith("The 'm' parameter of Gemm must be ≥ 0. Got -1.", e.Message);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => ManagedGemm.Gemm(N, N, 3, 3, 4, 1.0, a, 3, a, 3, 0.0, c, 3));
        Assert.StartsWith("The 'lda' parameter of Gemm must be ≥ 4 (the stored columns of 'a'). Got 3.", e.Message);
        var shortSpan = Assert.Throws<ArgumentException>(() => ManagedGemm.Gemm(N, N, 3, 4, 4, 1.0, a, 4, a, 4, 0.0, c, 4));
        Assert.StartsWith("The 'b' parameter of Gemm must hold at least 16 elements (a 4×4 matrix with leading dimension 4). Got 12.", shortSpan.Message);
        shortSpan = Assert.Throws<ArgumentException>(() => ManagedGemm.Gemm(T, N, 3, 4, 3, 1.0, a, 3, a, 4, 0.0, c, 5));
        Assert.StartsWith("The 'c' parameter of Gemm must hold at least 14 elements (a 3×4 matrix with leading dimension 5). Got 12.", shortSpan.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => ManagedGemm.Gemm(N, N, 3, 3, 4, 1.0, a, 4, a, 3, 0.0, c, 3, maxDegreeOfParallelism: 0, vectorBits: 0));
        var halves = new Half[4];
        var unsupported = Assert.Throws<NotSupportedException>(() => ManagedGemm.Gemm(N, N, 2, 2, 2, Half.One, halves, 2, halves, 2, Half.Zero, halves, 2));
        Assert.Equal("Gemm supports float and double elements. Got Half.", unsupported.Message);
    }

    [Fact]
    public void DescriptionNamesTheVectorWidthAndThreads()
    {
        string description = ManagedBackend.Instance.Description;
        Assert.Contains("-bit vectors", description);
        Assert.Contains($"{Environment.ProcessorCount} threads", description);
    }

    private static void AssertThreadIndependent<TElement>(int m, int n, int k)
        where TElement : unmanaged, IFloatingPointIeee754<TElement>
    {
        TElement[] a = Dense<TElement>(m, k, seed: m), b = Dense<TElement>(k, n, seed: n);
        TElement[] one = Dense<TElement>(m, n, seed: k), many = (TElement[])one.Clone();
        TElement beta = TElement.CreateTruncating(0.25);
        ManagedGemm.Gemm(N, N, m, n, k, TElement.One, a, k, b, n, beta, one, n, maxDegreeOfParallelism: 1, vectorBits: 0);
        ManagedGemm.Gemm(N, N, m, n, k, TElement.One, a, k, b, n, beta, many, n, maxDegreeOfParallelism: Math.Max(4, Environment.ProcessorCount), vectorBits: 0);
        Assert.True(BitIdentical(one, many), $"{typeof(TElement).Name} {m}×{n}×{k}");
    }

    private static void CheckAgainstNaive<TElement>(MatrixTranspose ta, MatrixTranspose tb, int m, int n, int k, int seed,
        double alpha = 1, double beta = 0, int padA = 0, int padB = 0, int padC = 0, int vectorBits = 0)
        where TElement : unmanaged, IFloatingPointIeee754<TElement>
    {
        int aRows = ta == N ? m : k, aCols = ta == N ? k : m;
        int bRows = tb == N ? k : n, bCols = tb == N ? n : k;
        int lda = Math.Max(1, aCols + padA), ldb = Math.Max(1, bCols + padB), ldc = Math.Max(1, n + padC);
        TElement sentinel = TElement.CreateTruncating(12345);
        TElement[] a = Matrix(aRows, aCols, lda, seed, TElement.NaN);
        TElement[] b = Matrix(bRows, bCols, ldb, seed + 1, TElement.NaN);
        TElement[] c = Matrix(m, n, ldc, seed + 2, sentinel);
        TElement[] before = (TElement[])c.Clone();
        TElement al = TElement.CreateTruncating(alpha), be = TElement.CreateTruncating(beta);

        ManagedGemm.Gemm(ta, tb, m, n, k, al, a, lda, b, ldb, be, c, ldc, Environment.ProcessorCount, vectorBits);

        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < ldc && i * ldc + j < c.Length; j++)
            {
                int index = i * ldc + j;
                if (j >= n)
                {
                    Assert.Equal(sentinel, c[index]);
                    continue;
                }
                var (expected, bound) = Reference(ta, tb, k, al, a, lda, b, ldb, be, before[index], i, j);
                double actual = double.CreateTruncating(c[index]);
                Assert.True(Math.Abs(actual - expected) <= bound,
                    $"{typeof(TElement).Name} {ta}/{tb} {m}×{n}×{k} α={alpha} β={beta} bits={vectorBits}: C[{i},{j}] = {actual}, expected {expected} ± {bound}");
            }
        }
    }
}
