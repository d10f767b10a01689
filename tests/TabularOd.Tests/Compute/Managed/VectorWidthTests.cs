using TabularOd.Compute;
using TabularOd.Compute.Managed;
using static TabularOd.Tests.Compute.Managed.KernelTestData;

namespace TabularOd.Tests.Compute.Managed;

/// <summary>
/// The distance finishing and the neighbour screening treat lanes independently, so every vector width must give
/// the same bits as the widest; this runs the narrower paths a machine with AVX-512 would never take.
/// </summary>
public sealed class VectorWidthTests
{
    private static readonly IComputeBackend Backend = ManagedBackend.Instance;

    [Theory]
    [InlineData(256)]
    [InlineData(128)]
    public void DistancesAreTheSameOnEveryWidth(int vectorBits)
    {
        // Row 3 duplicated as row 90, so the recomputation path runs too; 37 columns leave a scalar tail.
        const int n = 130, m = 37, d = 11;
        float[] x = Dense<float>(n, d, seed: 1, offset: 2), y = Dense<float>(m, d, seed: 2, offset: 2);
        Array.Copy(y, 3 * d, x, 90 * d, d);
        float[] widest = new float[n * m], narrow = new float[n * m];
        SquaredDistanceTiles.Compute(Backend, x, n, y, m, d, widest, maxDegreeOfParallelism: 1, vectorBits: 0);
        SquaredDistanceTiles.Compute(Backend, x, n, y, m, d, narrow, maxDegreeOfParallelism: 1, vectorBits: vectorBits);
        Assert.True(BitIdentical(widest, narrow));
        Assert.Equal(0f, narrow[90 * m + 3]);

        double[] xs = Dense<double>(n, d, seed: 3);
        double[] symmetricWidest = new double[n * n], symmetricNarrow = new double[n * n];
        SquaredDistanceTiles.ComputeSymmetric(Backend, xs, n, d, symmetricWidest, maxDegreeOfParallelism: 1, vectorBits: 0);
        SquaredDistanceTiles.ComputeSymmetric(Backend, xs, n, d, symmetricNarrow, maxDegreeOfParallelism: 1, vectorBits: vectorBits);
        Assert.True(BitIdentical(symmetricWidest, symmetricNarrow));
    }

    [Theory]
    [InlineData(256)]
    [InlineData(128)]
    public void NeighboursAreTheSameOnEveryWidth(int vectorBits)
    {
        const int n = 1100, d = 7;
        float[] x = Dense<float>(n, d, seed: 4);
        Array.Copy(x, 10 * d, x, 600 * d, d);
        foreach (int k in new[] { 1, 6, 60 })
        {
            var widest = KNearestSearch.SearchSelf(Backend, x, n, d, k, excludeSelf: true, maxDegreeOfParallelism: 2, vectorBits: 0);
            var narrow = KNearestSearch.SearchSelf(Backend, x, n, d, k, excludeSelf: true, maxDegreeOfParallelism: 2, vectorBits: vectorBits);
            Assert.Equal(widest.Indices, narrow.Indices);
            Assert.True(BitIdentical(widest.Distances, narrow.Distances));
        }
    }

    [Fact]
    public void AnUnknownWidthIsRejected()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            KNearestSearch.Search(Backend, new double[4], 2, new double[2], 1, 2, 1, maxDegreeOfParallelism: 1, vectorBits: 64));
        Assert.StartsWith("The 'vectorBits' parameter of KNearest must be 0, 128, 256 or 512. Got 64.", e.Message);
    }
}
