using TabularOd.Data;
using TabularOd.Data.Splits;

namespace TabularOd.Tests.Data.Splits;

public class MacrODataSplitTests
{
    /// <summary>A table whose single feature is the row index, so every split row can be traced back.</summary>
    private static Dataset Table(int[] labels, long[]? groups = null, Dictionary<string, object>? metadata = null)
    {
        var features = DataMatrix.FromRowMajor(labels.Length, 1, Enumerable.Range(0, labels.Length).Select(i => (double)i).ToArray());
        return new Dataset("t", features, ["row"], labels, groups, metadata);
    }

    private static int[] Rows(Dataset part) => Enumerable.Range(0, part.Rows).Select(i => (int)part.Features[i, 0]).ToArray();

    private static int[] Labels(int inliers, int outliers, int seed = 0)
    {
        // Outliers scattered through the table rather than at the end.
        var labels = Enumerable.Repeat(0, inliers).Concat(Enumerable.Repeat(1, outliers)).ToArray();
        new TabularOd.Sampling.SeededRandom(seed).Shuffle(labels.AsSpan());
        return labels;
    }

    [Theory]
    [InlineData(10, 3)]
    [InlineData(11, 4)]
    [InlineData(2, 0)]
    [InlineData(3, 5)]
    public void TrainGetsFloorOfHalfTheInliersAndTestTheRest(int inliers, int outliers)
    {
        var pair = MacrODataSplit.Split(Table(Labels(inliers, outliers)), seed: 1);
        Assert.Equal(inliers / 2, pair.Train.Rows);
        Assert.Equal(inliers - (inliers / 2) + outliers, pair.Test.Rows);
        Assert.Equal(outliers, pair.Test.OutlierCount);
    }

    [Fact]
    public void TrainIsInlierOnlyAndEveryOutlierIsInTest()
    {
        var labels = Labels(40, 9);
        var pair = MacrODataSplit.Split(Table(labels), seed: 5);
        Assert.All(pair.Train.Labels!, l => Assert.Equal(0, l));
        var outlierRows = Enumerable.Range(0, labels.Length).Where(i => labels[i] == 1);
        Assert.Subset(Rows(pair.Test).ToHashSet(), outlierRows.ToHashSet());
    }

    [Fact]
    public void TrainAndTestAreDisjointCoverTheTableAndKeepTableOrder()
    {
        var labels = Labels(31, 7);
        var pair = MacrODataSplit.Split(Table(labels), seed: 3);
        int[] train = Rows(pair.Train), test = Rows(pair.Test);
        Assert.Empty(train.Intersect(test));
        Assert.Equal(Enumerable.Range(0, labels.Length), train.Concat(test).Order());
        Assert.Equal(train.Order(), train);
        Assert.Equal(test.Order(), test);
        Assert.Equal(test.Select(i => labels[i]), pair.Test.Labels!);
    }

    [Fact]
    public void TheSameSeedGivesTheSameSplit()
    {
        var table = Table(Labels(50, 10));
        Assert.Equal(Rows(MacrODataSplit.Split(table, 42).Train), Rows(MacrODataSplit.Split(table, 42).Train));
    }

    [Fact]
    public void DifferentSeedsGiveDifferentSplits()
    {
        var table = Table(Labels(50, 10));
        var trains = Enumerable.Range(0, 5).Select(seed => string.Join(",", Rows(MacrODataSplit.Split(table, seed).Train)));
        Assert.Equal(5, trains.Distinct().Count());
    }

    [Fact]
    public void TheSplitIsPinnedForAGivenSeed()
    {
        // Guards the documented procedure (shuffle the inlier indices, take the first half, sort) against
        // silent changes: a change here changes every published benchmark split.
        var pair = MacrODataSplit.Split(Table([0, 0, 1, 0, 0, 0, 1, 0, 0, 0]), seed: 7);
        var random = new TabularOd.Sampling.SeededRandom(7);
        int[] inliers = [0, 1, 3, 4, 5, 7, 8, 9];
        random.Shuffle(inliers.AsSpan());
        Assert.Equal(inliers[..4].Order(), Rows(pair.Train));
    }

    [Fact]
    public void WithGroupsEachGroupContributesHalfItsInliers()
    {
        // Group 5: 9 inliers, 2 outliers; group 2: 4 inliers, 1 outlier; group 8: 1 inlier; group 1: outliers only.
        var labels = new List<int>();
        var groups = new List<long>();
        void Add(long group, int inliers, int outliers)
        {
            labels.AddRange(Enumerable.Repeat(0, inliers).Concat(Enumerable.Repeat(1, outliers)));
            groups.AddRange(Enumerable.Repeat(group, inliers + outliers));
        }
        Add(5, 9, 2);
        Add(2, 4, 1);
        Add(8, 1, 0);
        Add(1, 0, 3);
        var pair = MacrODataSplit.Split(Table(labels.ToArray(), groups.ToArray()), seed: 4);

        int TrainCount(long g) => pair.Train.Groups!.Count(x => x == g);
        int TestInliers(long g) => Enumerable.Range(0, pair.Test.Rows).Count(i => pair.Test.Groups![i] == g && pair.Test.Labels![i] == 0);
        Assert.Equal([4, 2, 0, 0], new long[] { 5, 2, 8, 1 }.Select(TrainCount));
        Assert.Equal([5, 2, 1, 0], new long[] { 5, 2, 8, 1 }.Select(TestInliers));
        Assert.Equal(6, pair.Test.OutlierCount);
        Assert.Equal(pair.Train.Rows + pair.Test.Rows, labels.Count);
    }

    [Fact]
    public void GroupedSplitDoesNotDependOnRowOrderAcrossGroups()
    {
        // Interleaving the groups differently must not change which rows of each group go to train.
        long[] groupsA = [1, 1, 1, 1, 2, 2, 2, 2];
        var a = MacrODataSplit.Split(Table(new int[8], groupsA), seed: 12);
        long[] groupsB = [1, 2, 1, 2, 1, 2, 1, 2];
        var b = MacrODataSplit.Split(Table(new int[8], groupsB), seed: 12);

        // The k-th inlier of group g is row index k within the group in both tables.
        int[] RankInGroup(long[] groups, int[] rows) => rows.Select(r => groups.Take(r).Count(g => g == groups[r]) + (10 * (int)groups[r])).Order().ToArray();
        Assert.Equal(RankInGroup(groupsA, Rows(a.Train)), RankInGroup(groupsB, Rows(b.Train)));
    }

    [Fact]
    public void FeaturesNamesAndGroupsFollowTheirRows()
    {
        long[] groups = [10, 10, 20, 20, 10, 20];
        var pair = MacrODataSplit.Split(Table([0, 0, 0, 0, 1, 0], groups), seed: 2);
        Assert.Equal(["row"], pair.Train.FeatureNames);
        Assert.Equal(Rows(pair.Train).Select(r => groups[r]), pair.Train.Groups!);
        Assert.Equal(Rows(pair.Test).Select(r => groups[r]), pair.Test.Groups!);
    }

    [Fact]
    public void MetadataIsCopiedWithTheSeed()
    {
        var table = Table(Labels(6, 1), metadata: new() { ["origin"] = "adbench" });
        var pair = MacrODataSplit.Split(table, seed: -17);
        Assert.Equal("adbench", pair.Metadata["origin"]);
        Assert.Equal(-17L, pair.Train.Metadata[MacrODataSplit.SeedMetadataKey]);
        Assert.Equal(-17L, pair.Test.Metadata[MacrODataSplit.SeedMetadataKey]);
        Assert.False(table.Metadata.ContainsKey(MacrODataSplit.SeedMetadataKey));
    }

    [Fact]
    public void ATableWithoutLabelsIsRefused()
    {
        var table = new Dataset("unlabelled", new DataMatrix(4, 2));
        var error = Assert.Throws<ArgumentException>(() => MacrODataSplit.Split(table, 0));
        Assert.Contains("'unlabelled' has no labels", error.Message);
    }

    [Theory]
    [InlineData(new[] { 1, 1, 1 })]
    [InlineData(new[] { 0, 1, 1 })]
    public void TooFewInliersForTrainIsRefused(int[] labels)
    {
        var error = Assert.Throws<ArgumentException>(() => MacrODataSplit.Split(Table(labels), 0));
        Assert.Contains("fewer than 2 inliers", error.Message);
    }
}
