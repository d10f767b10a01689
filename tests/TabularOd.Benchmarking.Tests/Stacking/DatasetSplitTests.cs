using TabularOd.Benchmarking.Stacking;

namespace TabularOd.Benchmarking.Tests.Stacking;

public class DatasetSplitTests
{
    private static readonly string[] Suites = [.. Enumerable.Range(0, 30).Select(i => i < 20 ? "a" : "b")];

    [Fact]
    public void The_halves_are_disjoint_and_together_hold_every_dataset()
    {
        var split = DatasetSplit.Create(Suites, 0.5, seed: 0);
        Assert.Empty(split.Train.Intersect(split.Evaluation));
        Assert.Equal(Enumerable.Range(0, 30), split.Train.Concat(split.Evaluation).Order());
        Assert.Equal(15, split.Train.Count);
    }

    [Fact]
    public void The_split_is_seeded()
    {
        Assert.Equal(DatasetSplit.Create(Suites, 0.5, 4).Train, DatasetSplit.Create(Suites, 0.5, 4).Train);
        Assert.NotEqual(DatasetSplit.Create(Suites, 0.5, 4).Train, DatasetSplit.Create(Suites, 0.5, 5).Train);
    }

    [Fact]
    public void Each_suite_is_split_in_proportion()
    {
        var split = DatasetSplit.Create(Suites, 0.3, seed: 2);
        Assert.Equal(6, split.Train.Count(i => Suites[i] == "a"));
        Assert.Equal(3, split.Train.Count(i => Suites[i] == "b"));
    }

    [Fact]
    public void A_split_that_leaves_a_side_empty_is_refused()
    {
        Assert.Throws<ArgumentException>(() => DatasetSplit.Create(["a"], 0.5, 0));
        Assert.Throws<ArgumentException>(() => DatasetSplit.Create(Suites, 1.0, 0));
    }
}
