using System.Numerics;
using TabularOd.Compute;
using TabularOd.Compute.Managed;
using static TabularOd.Tests.Compute.Managed.KernelTestData;

namespace TabularOd.Tests.Compute.Managed;

public sealed class KNearestSearchTests
{
    private static readonly IComputeBackend Backend = ManagedBackend.Instance;

    [Theory]
    [InlineData(1, 1, 3, 1)]
    [InlineData(600, 1500, 17, 10)]
    [InlineData(300, 64, 5, 64)]
    [InlineData(40, 2100, 2, 3)]
    public void MatchesSortingTheFullDistanceMatrix(int q, int n, int d, int k)
    {
        CheckAgainstFullMatrix<float>(q, n, d, k);
        CheckAgainstFullMatrix<double>(q, n, d, k);
    }

    [Fact]
    public void DistancesAreEuclideanAndCloseToTheExactOnes()
    {
        const int q = 50, n = 400, d = 12, k = 7;
        double[] queries = Dense<double>(q, d, seed: 1), reference = Dense<double>(n, d, seed: 2);
        var result = KNearestSearch.Search(Backend, reference, n, queries, q, d, k);
        for (int i = 0; i < q; i++)
        {
            var exact = Enumerable.Range(0, n).Select(j => Math.Sqrt(SquaredDistance(queries, i, reference, j, d))).Order().Take(k).ToArray();
            for (int t = 0; t < k; t++)
            {
                Assert.Equal(exact[t], result.DistancesOf(i)[t], 1e-12);
            }
        }
    }

    [Fact]
    public void SelfSearchExcludesTheRowByIndexButKeepsItsDuplicates()
    {
        const int n = 300, d = 6, k = 4;
        float[] x = Dense<float>(n, d, seed: 3);
        Array.Copy(x, 7 * d, x, 250 * d, d);
        var result = KNearestSearch.SearchSelf(Backend, x, n, d, k, excludeSelf: true);
        for (int i = 0; i < n; i++)
        {
            Assert.DoesNotContain(i, result.IndicesOf(i).ToArray());
        }
        Assert.Equal(250, result.IndicesOf(7)[0]);
        Assert.Equal(0f, result.DistancesOf(7)[0]);
        Assert.Equal(7, result.IndicesOf(250)[0]);

        var withSelf = KNearestSearch.SearchSelf(Backend, x, n, d, k, excludeSelf: false);
        Assert.Equal([7, 250], withSelf.IndicesOf(7)[..2].ToArray());
        Assert.Equal([7, 250], withSelf.IndicesOf(250)[..2].ToArray());
        Assert.Equal(0f, withSelf.DistancesOf(250)[1]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TiesGoToTheLowerIndexAcrossTiles(bool bruteForce)
    {
        // Every row identical: every distance is exactly 0, so the order is decided by index alone, across
        // more than one reference tile (or, for the k-d tree, one leaf holding every row).
        const int n = 2500, d = 3, k = 5;
        var x = new double[n * d];
        Array.Fill(x, 0.25);
        KNearestSearch.ForceBruteForce = bruteForce;
        NeighborResult<double> result;
        try
        {
            result = KNearestSearch.SearchSelf(Backend, x, n, d, k, excludeSelf: true);
        }
        finally
        {
            KNearestSearch.ForceBruteForce = false;
        }
        Assert.Equal([1, 2, 3, 4, 5], result.IndicesOf(0).ToArray());
        Assert.Equal([0, 1, 2, 3, 4], result.IndicesOf(2000).ToArray());
        Assert.Equal([0, 1, 3, 4, 5], result.IndicesOf(2).ToArray());
        Assert.All(result.Distances, value => Assert.Equal(0.0, value));
    }

    [Fact]
    public void KMayUseEveryAvailableRow()
    {
        float[] x = Dense<float>(9, 2, seed: 4);
        Assert.Equal(9, KNearestSearch.SearchSelf(Backend, x, 9, 2, 9, excludeSelf: false).K);
        var all = KNearestSearch.SearchSelf(Backend, x, 9, 2, 8, excludeSelf: true);
        Assert.Equal(Enumerable.Range(1, 8), all.IndicesOf(0).ToArray().Order());
    }

    [Fact]
    public void ResultsDoNotDependOnTheThreadCountOrTheBatch()
    {
        const int n = 3000, d = 20, k = 10;
        float[] x = Dense<float>(n, d, seed: 5);
        var one = KNearestSearch.SearchSelf(Backend, x, n, d, k, excludeSelf: true, maxDegreeOfParallelism: 1, vectorBits: 0);
        var many = KNearestSearch.SearchSelf(Backend, x, n, d, k, excludeSelf: true, maxDegreeOfParallelism: 4, vectorBits: 0);
        Assert.Equal(one.Indices, many.Indices);
        Assert.True(BitIdentical(one.Distances, many.Distances));

        var alone = KNearestSearch.Search(Backend, x, n, x.AsSpan(1234 * d, d), 1, d, k + 1);
        Assert.Equal(1234, alone.IndicesOf(0)[0]);
        Assert.Equal(one.IndicesOf(1234).ToArray(), alone.IndicesOf(0)[1..].ToArray());
        Assert.True(one.DistancesOf(1234).SequenceEqual(alone.DistancesOf(0)[1..]));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(60)]
    public void AFewQueriesSplitTheReferenceAcrossThreadsWithoutChangingTheResult(int k)
    {
        // One query block and four threads: the reference is searched in chunks whose top-k are merged.
        // Twenty dimensions: beyond the k-d tree's range, so the tiles serve.
        const int q = 3, n = 5000, d = 20;
        double[] reference = Dense<double>(n, d, seed: 6), queries = Dense<double>(q, d, seed: 7);
        Array.Copy(reference, 4321 * d, queries, 1 * d, d);
        var one = KNearestSearch.Search(Backend, reference, n, queries, q, d, k, maxDegreeOfParallelism: 1);
        var many = KNearestSearch.Search(Backend, reference, n, queries, q, d, k, maxDegreeOfParallelism: 4);
        Assert.Equal(one.Indices, many.Indices);
        Assert.True(BitIdentical(one.Distances, many.Distances));
        Assert.Equal(4321, many.IndicesOf(1)[0]);
        Assert.Equal(0.0, many.DistancesOf(1)[0]);

        var full = new double[q * n];
        SquaredDistanceTiles.Compute(Backend, queries, q, reference, n, d, full);
        for (int i = 0; i < q; i++)
        {
            int[] expected = Enumerable.Range(0, n).OrderBy(j => full[i * n + j]).ThenBy(j => j).Take(k).ToArray();
            Assert.Equal(expected, many.IndicesOf(i).ToArray());
        }
    }

    [Fact]
    public void NoQueriesGiveAnEmptyResult()
    {
        var result = KNearestSearch.Search(Backend, new double[10], 5, [], 0, 2, 3);
        Assert.Equal(0, result.Queries);
        Assert.Empty(result.Indices);
    }

    [Fact]
    public void BadArgumentsAreRejectedWithTheProjectMessage()
    {
        var x = new float[100 * 2];
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => KNearestSearch.SearchSelf(Backend, x, 100, 2, 0, excludeSelf: true));
        Assert.StartsWith("The 'k' parameter of KNearest must be ≥ 1. Got 0.", e.Message);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => KNearestSearch.SearchSelf(Backend, x, 100, 2, 100, excludeSelf: true));
        Assert.StartsWith("The 'k' parameter of KNearest must be ≤ 99 (the reference rows, less the row itself). Got 100.", e.Message);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => KNearestSearch.Search(Backend, x, 100, x, 100, 2, 101));
        Assert.StartsWith("The 'k' parameter of KNearest must be ≤ 100 (the reference rows). Got 101.", e.Message);
        var shape = Assert.Throws<ArgumentException>(() => KNearestSearch.Search(Backend, x, 100, x, 99, 2, 3));
        Assert.StartsWith("The 'queries' parameter of KNearest must hold exactly 198 elements (a 99×2 matrix). Got 200.", shape.Message);
    }

    /// <summary>
    /// The search must pick exactly what sorting each row of the backend's own squared-distance matrix by
    /// (distance, index) picks: both see the same bits for every pair, however the tiles fall.
    /// </summary>
    private static void CheckAgainstFullMatrix<T>(int q, int n, int d, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] queries = Dense<T>(q, d, seed: q), reference = Dense<T>(n, d, seed: n);
        var full = new T[q * n];
        SquaredDistanceTiles.Compute(Backend, queries, q, reference, n, d, full);
        // The tiles, not the k-d tree that few dimensions would get: this checks that tiles see the same bits.
        KNearestSearch.ForceBruteForce = true;
        NeighborResult<T> result;
        try
        {
            result = KNearestSearch.Search(Backend, reference, n, queries, q, d, k);
        }
        finally
        {
            KNearestSearch.ForceBruteForce = false;
        }
        Assert.Equal(q, result.Queries);
        Assert.Equal(k, result.K);
        for (int i = 0; i < q; i++)
        {
            int[] expected = Enumerable.Range(0, n).OrderBy(j => full[i * n + j]).ThenBy(j => j).Take(k).ToArray();
            Assert.Equal(expected, result.IndicesOf(i).ToArray());
            Assert.Equal(expected.Select(j => T.Sqrt(full[i * n + j])), result.DistancesOf(i).ToArray());
        }
    }
}
