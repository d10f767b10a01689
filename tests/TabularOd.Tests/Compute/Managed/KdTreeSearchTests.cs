using TabularOd.Compute;
using TabularOd.Compute.Managed;
using TabularOd.Sampling;

namespace TabularOd.Tests.Compute.Managed;

/// <summary>
/// In few dimensions <see cref="KNearestSearch"/> answers from a k-d tree; it must give what the tiled brute
/// force gives: the same neighbours in the same order (ties to the lower index) and the same distances.
/// </summary>
public sealed class KdTreeSearchTests
{
    private static readonly IComputeBackend Backend = ManagedBackend.Instance;

    [Theory]
    [InlineData(300, 1, 5)]
    [InlineData(2000, 2, 1)]
    [InlineData(2000, 3, 10)]
    [InlineData(1500, 8, 20)]
    [InlineData(1200, 15, 7)]
    [InlineData(700, 5, 60)]
    public void GaussianRowsGiveTheBruteForceNeighbours(int n, int d, int k)
    {
        double[] x = Rows(n, d, seed: n + d, integers: false);
        double[] queries = Rows(400, d, seed: 99, integers: false);
        Assert.True(KNearestSearch.KdTreeMaxDimensions >= d && n >= KNearestSearch.KdTreeMinRows);
        CompareSelf(x, n, d, k, exactDistances: false);
        var tree = KNearestSearch.Search(Backend, x, n, queries, 400, d, k);
        var brute = BruteForce(() => KNearestSearch.Search(Backend, x, n, queries, 400, d, k));
        Assert.Equal(brute.Indices, tree.Indices);
        AssertClose(brute.Distances, tree.Distances, d, exact: false);
    }

    [Theory]
    [InlineData(3000, 2, 10)]
    [InlineData(2500, 6, 5)]
    [InlineData(800, 9, 25)]
    public void IntegerRowsFullOfTiesAndDuplicatesGiveTheSameOrder(int n, int d, int k)
    {
        // Values in {0, 1, 2, 3}: many rows at exactly equal distances and many duplicates, all exact in
        // floating point, so the tie order by index must agree row for row.
        double[] x = Rows(n, d, seed: 7 * n, integers: true);
        CompareSelf(x, n, d, k, exactDistances: true);
    }

    [Fact]
    public void ResultsDoNotDependOnTheThreadCount()
    {
        const int n = 5000, d = 4, k = 10;
        double[] x = Rows(n, d, seed: 3, integers: false);
        var one = KNearestSearch.SearchSelf(Backend, x, n, d, k, excludeSelf: true, maxDegreeOfParallelism: 1);
        var many = KNearestSearch.SearchSelf(Backend, x, n, d, k, excludeSelf: true, maxDegreeOfParallelism: 4);
        Assert.Equal(one.Indices, many.Indices);
        Assert.Equal(one.Distances, many.Distances);
    }

    [Fact]
    public void NonFiniteValuesLeaveTheSearchToTheTiles()
    {
        const int n = 400, d = 3, k = 3;
        double[] x = Rows(n, d, seed: 5, integers: false);
        x[17] = double.NaN;
        var withNaN = KNearestSearch.SearchSelf(Backend, x, n, d, k, excludeSelf: true);
        var brute = BruteForce(() => KNearestSearch.SearchSelf(Backend, x, n, d, k, excludeSelf: true));
        Assert.Equal(brute.Indices, withNaN.Indices);
    }

    private static void CompareSelf(double[] x, int n, int d, int k, bool exactDistances)
    {
        foreach (bool excludeSelf in new[] { true, false })
        {
            var tree = KNearestSearch.SearchSelf(Backend, x, n, d, k, excludeSelf);
            var brute = BruteForce(() => KNearestSearch.SearchSelf(Backend, x, n, d, k, excludeSelf));
            Assert.Equal(brute.Indices, tree.Indices);
            AssertClose(brute.Distances, tree.Distances, d, exactDistances);
        }
    }

    private static NeighborResult<double> BruteForce(Func<NeighborResult<double>> search)
    {
        KNearestSearch.ForceBruteForce = true;
        try
        {
            return search();
        }
        finally
        {
            KNearestSearch.ForceBruteForce = false;
        }
    }

    /// <summary>
    /// The tiles expand ‖x‖² + ‖y‖² − 2x·y, whose rounding is relative to the norms, not to the distance; the tree
    /// sums (x − y)² directly. So squared distances agree to a few ulps of the squared norms (here about d).
    /// </summary>
    private static void AssertClose(double[] expected, double[] actual, int d, bool exact)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double gap = Math.Abs((expected[i] * expected[i]) - (actual[i] * actual[i]));
            Assert.True(exact ? gap == 0 : gap <= 1e-13 * (1 + d), $"distance {i}: brute force {expected[i]:R}, k-d tree {actual[i]:R}");
        }
    }

    private static double[] Rows(int n, int d, long seed, bool integers)
    {
        var random = new SeededRandom(seed);
        var x = new double[n * d];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = integers ? Math.Floor(random.NextDouble() * 4) : random.NextGaussian();
        }
        return x;
    }
}
