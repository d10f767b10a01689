using TabularOd.Compute.Neighbors;

namespace TabularOd.Tests.Compute.Managed;

public sealed class BoundedTopKTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(16)]
    [InlineData(48)]
    [InlineData(49)]
    [InlineData(120)]
    public void KeepsTheKSmallestNearestFirstWithTiesToTheLowerIndex(int k)
    {
        var random = new Random(k);
        for (int trial = 0; trial < 20; trial++)
        {
            // Few distinct values, so ties are common.
            int count = random.Next(k, 4 * k + 10);
            float[] candidates = Enumerable.Range(0, count).Select(_ => (float)random.Next(0, 6)).ToArray();
            var expected = Enumerable.Range(0, count).OrderBy(i => candidates[i]).ThenBy(i => i).Take(k).ToArray();

            var (indices, distances) = Collect(candidates, Enumerable.Range(0, count), k);

            Assert.Equal(expected, indices);
            Assert.Equal(expected.Select(i => candidates[i]), distances);
        }
    }

    [Theory]
    [InlineData(12)]
    [InlineData(BoundedTopK<double>.SortedCapacity + 20)]
    public void TheResultDoesNotDependOnTheOrderOfTheOffers(int k)
    {
        var random = new Random(3);
        double[] candidates = Enumerable.Range(0, 400).Select(_ => (double)random.Next(0, 20)).ToArray();
        var forward = Collect(candidates, Enumerable.Range(0, 400), k);
        var backward = Collect(candidates, Enumerable.Range(0, 400).Reverse(), k);
        var shuffled = Collect(candidates, Enumerable.Range(0, 400).OrderBy(_ => random.Next()), k);
        Assert.Equal(forward.Indices, backward.Indices);
        Assert.Equal(forward.Indices, shuffled.Indices);
    }

    [Fact]
    public void NaNSortsAfterEveryNumber()
    {
        float[] candidates = [float.NaN, 3f, float.NaN, float.PositiveInfinity, 1f];
        var (indices, _) = Collect(candidates, Enumerable.Range(0, 5), 5);
        Assert.Equal([4, 1, 3, 0, 2], indices);

        var (nearest, _) = Collect(candidates, Enumerable.Range(0, 5), 2);
        Assert.Equal([4, 1], nearest);

        // The same in heap mode, with the NaN candidates arriving last.
        float[] many = [.. Enumerable.Range(0, 60).Select(i => (float)(60 - i)), float.NaN, float.NaN];
        var (heapIndices, _) = Collect(many, Enumerable.Range(0, 62).Reverse(), 62);
        Assert.Equal([.. Enumerable.Range(0, 60).Reverse(), 60, 61], heapIndices);
    }

    [Fact]
    public void FewerOffersThanKLeaveAPartialHeap()
    {
        var distances = new double[4];
        var indices = new int[4];
        var heap = new BoundedTopK<double>(distances, indices, 0);
        heap.Offer(2.0, 9);
        heap.Offer(1.0, 3);
        Assert.False(heap.IsFull);
        Assert.Equal(2, heap.Count);
        Assert.Equal(2.0, heap.WorstDistance);
        heap.SortAscending();
        Assert.Equal([3, 9], indices[..2]);
    }

    private static (int[] Indices, T[] Distances) Collect<T>(T[] candidates, IEnumerable<int> order, int k)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var distances = new T[k];
        var indices = new int[k];
        var heap = new BoundedTopK<T>(distances, indices, 0);
        foreach (int i in order)
        {
            heap.Offer(candidates[i], i);
        }
        heap.SortAscending();
        return (indices, distances);
    }
}
