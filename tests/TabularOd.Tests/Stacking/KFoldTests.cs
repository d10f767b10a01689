using TabularOd.Stacking;

namespace TabularOd.Tests.Stacking;

public sealed class KFoldTests
{
    [Theory]
    [InlineData(10, 3, new[] { 4, 3, 3 })]
    [InlineData(11, 3, new[] { 4, 4, 3 })]
    [InlineData(12, 3, new[] { 4, 4, 4 })]
    [InlineData(7, 7, new[] { 1, 1, 1, 1, 1, 1, 1 })]
    [InlineData(23, 10, new[] { 3, 3, 3, 2, 2, 2, 2, 2, 2, 2 })]
    public void FoldSizes_AreScikitLearns(int rows, int folds, int[] expected)
    {
        foreach (bool shuffle in new[] { false, true })
        {
            var split = KFold.Split(rows, folds, shuffle, seed: 42);
            Assert.Equal(expected, Enumerable.Range(0, folds).Select(f => split.Test(f).Length));
        }
    }

    [Fact]
    public void Unshuffled_IsContiguousBlocks_AsScikitLearn()
    {
        var split = KFold.Contiguous(10, 3);
        Assert.Equal([0, 1, 2, 3], split.Test(0).ToArray());
        Assert.Equal([4, 5, 6], split.Test(1).ToArray());
        Assert.Equal([7, 8, 9], split.Test(2).ToArray());
        Assert.Equal([0, 1, 2, 3, 7, 8, 9], split.Train(1).ToArray());
    }

    [Fact]
    public void Shuffled_IsAPartition_DeterministicUnderItsSeed()
    {
        var a = KFold.Split(100, 10, shuffle: true, seed: 42);
        var b = KFold.Split(100, 10, shuffle: true, seed: 42);
        var c = KFold.Split(100, 10, shuffle: true, seed: 43);
        Assert.Equal(a.FoldOfRow, b.FoldOfRow);
        Assert.NotEqual(a.FoldOfRow, c.FoldOfRow);
        var seen = new bool[100];
        for (int f = 0; f < a.Count; f++)
        {
            Assert.Equal(100 - a.Test(f).Length, a.Train(f).Length);
            foreach (int i in a.Test(f))
            {
                Assert.False(seen[i]);
                seen[i] = true;
                Assert.Equal(f, a.FoldOfRow[i]);
            }
        }
        Assert.All(seen, Assert.True);
        Assert.NotEqual(KFold.Contiguous(100, 10).FoldOfRow, a.FoldOfRow);
    }

    [Fact]
    public void BadArguments_NameTheParameter()
    {
        Assert.Equal("folds", Assert.Throws<ArgumentException>(() => KFold.Split(10, 1, true, 0)).ParamName);
        Assert.Equal("rows", Assert.Throws<ArgumentException>(() => KFold.Split(2, 3, true, 0)).ParamName);
        Assert.Equal("foldOfRow", Assert.Throws<ArgumentException>(() => new FoldAssignment([0, 0, 2], 3)).ParamName);
        Assert.Equal("foldOfRow", Assert.Throws<ArgumentException>(() => new FoldAssignment([0, 5], 2)).ParamName);
    }
}
