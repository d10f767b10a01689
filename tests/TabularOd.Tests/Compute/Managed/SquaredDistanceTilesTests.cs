using System.Numerics;
using TabularOd.Compute;
using TabularOd.Compute.Managed;
using static TabularOd.Tests.Compute.Managed.KernelTestData;

namespace TabularOd.Tests.Compute.Managed;

public sealed class SquaredDistanceTilesTests
{
    private static readonly IComputeBackend Backend = ManagedBackend.Instance;

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(7, 5, 3)]
    [InlineData(300, 700, 17)]
    [InlineData(257, 129, 64)]
    [InlineData(20, 30, 0)]
    public void MatchesTheDirectSumAcrossTileEdges(int n, int m, int d)
    {
        Check<float>(n, m, d, relative: 2e-5);
        Check<double>(n, m, d, relative: 1e-13);
    }

    [Fact]
    public void DistancesThatVanishNextToTheNormsAreRecomputedExactly()
    {
        // ‖x‖² ≈ 10¹²·d while the distances are about 10⁻⁴: the plain expansion would return pure rounding
        // noise (its error is about ε·‖x‖² ≈ 10⁻³), the direct sum is exact to rounding.
        const int n = 40, d = 9;
        double[] x = Dense<double>(n, d, seed: 1, offset: 1e6, scale: 1e-2);
        var result = new double[n * n];
        SquaredDistanceTiles.Compute(Backend, x, n, x, n, d, result);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double expected = SquaredDistance(x, i, x, j, d);
                Assert.True(Math.Abs(result[i * n + j] - expected) <= 1e-9 * expected, $"[{i},{j}] {result[i * n + j]} vs {expected}");
            }
        }
    }

    [Fact]
    public void IdenticalRowsAreExactlyZeroAndNothingIsNegative()
    {
        const int n = 60, d = 33;
        float[] x = Dense<float>(n, d, seed: 2, offset: 3);
        // Rows 10 and 40 are copies of row 5.
        Array.Copy(x, 5 * d, x, 10 * d, d);
        Array.Copy(x, 5 * d, x, 40 * d, d);
        var result = new float[n * n];
        SquaredDistanceTiles.Compute(Backend, x, n, x, n, d, result);
        Assert.All(result, value => Assert.True(value >= 0));
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(0f, result[i * n + i]);
        }
        Assert.Equal(0f, result[5 * n + 10]);
        Assert.Equal(0f, result[40 * n + 5]);
    }

    [Theory]
    [InlineData(1, 4)]
    [InlineData(100, 8)]
    [InlineData(600, 21)]
    public void TheSymmetricFormIsExactlySymmetricWithAZeroDiagonal(int n, int d)
    {
        float[] x = Dense<float>(n, d, seed: n);
        var result = new float[n * n];
        SquaredDistanceTiles.ComputeSymmetric(Backend, x, n, d, result);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(0f, result[i * n + i]);
            for (int j = 0; j < i; j++)
            {
                Assert.Equal(result[j * n + i], result[i * n + j]);
                double expected = SquaredDistance(x, i, x, j, d);
                Assert.True(Math.Abs(result[i * n + j] - expected) <= 2e-5 * (expected + 1), $"[{i},{j}]");
            }
        }
    }

    [Fact]
    public void ResultBitsDoNotDependOnTheThreadCountOrTheBatch()
    {
        const int n = 700, m = 900, d = 40;
        double[] x = Dense<double>(n, d, seed: 3), y = Dense<double>(m, d, seed: 4);
        double[] one = new double[n * m], many = new double[n * m];
        SquaredDistanceTiles.Compute(Backend, x, n, y, m, d, one, maxDegreeOfParallelism: 1, vectorBits: 0);
        SquaredDistanceTiles.Compute(Backend, x, n, y, m, d, many, maxDegreeOfParallelism: 4, vectorBits: 0);
        Assert.True(BitIdentical(one, many));

        var single = new double[m];
        SquaredDistanceTiles.Compute(Backend, x.AsSpan(333 * d, d), 1, y, m, d, single);
        Assert.True(single.AsSpan().SequenceEqual(one.AsSpan(333 * m, m)));

        double[] symmetricOne = new double[n * n], symmetricMany = new double[n * n];
        SquaredDistanceTiles.ComputeSymmetric(Backend, x, n, d, symmetricOne, maxDegreeOfParallelism: 1, vectorBits: 0);
        SquaredDistanceTiles.ComputeSymmetric(Backend, x, n, d, symmetricMany, maxDegreeOfParallelism: 4, vectorBits: 0);
        Assert.True(BitIdentical(symmetricOne, symmetricMany));
    }

    [Fact]
    public void WrongSizesAreRejectedWithTheProjectMessage()
    {
        var x = new float[12];
        var e = Assert.Throws<ArgumentException>(() => SquaredDistanceTiles.Compute(Backend, x, 4, x, 3, 4, new float[12]));
        Assert.StartsWith("The 'x' parameter of SquaredDistances must hold exactly 16 elements (a 4×4 matrix). Got 12.", e.Message);
        e = Assert.Throws<ArgumentException>(() => SquaredDistanceTiles.Compute(Backend, x, 3, x, 3, 4, new float[8]));
        Assert.StartsWith("The 'result' parameter of SquaredDistances must hold exactly 9 elements (a 3×3 matrix). Got 8.", e.Message);
        var range = Assert.Throws<ArgumentOutOfRangeException>(() => SquaredDistanceTiles.ComputeSymmetric(Backend, x, 3, -4, new float[9]));
        Assert.StartsWith("The 'd' parameter of SquaredDistances must be ≥ 0. Got -4.", range.Message);
    }

    private static void Check<T>(int n, int m, int d, double relative)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] x = Dense<T>(n, d, seed: n + d), y = Dense<T>(m, d, seed: m + 2 * d);
        var result = new T[n * m];
        SquaredDistanceTiles.Compute(Backend, x, n, y, m, d, result);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < m; j++)
            {
                double expected = SquaredDistance(x, i, y, j, d);
                double actual = double.CreateTruncating(result[i * m + j]);
                // The expansion's error scales with the norms, not the distance.
                double scale = SquaredDistance(x, i, new T[d], 0, d) + SquaredDistance(y, j, new T[d], 0, d);
                Assert.True(Math.Abs(actual - expected) <= relative * scale + 1e-300, $"{typeof(T).Name} [{i},{j}] {actual} vs {expected}");
            }
        }
    }
}
