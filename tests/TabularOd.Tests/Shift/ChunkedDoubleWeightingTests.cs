using TabularOd.Evaluation;
using TabularOd.Shift;

namespace TabularOd.Tests.Shift;

public class ChunkedDoubleWeightingTests
{
    [Theory]
    [InlineData(100, 50, 200, 100, 1)] // within the limit: exact
    [InlineData(150, 50, 200, 150, 1)] // exactly at the limit: exact
    [InlineData(500, 40, 200, 160, 1)] // a small batch: the reference takes the rest of the budget
    [InlineData(500, 450, 200, 100, 5)] // both large: half the budget each, 450/100 → 5 chunks
    [InlineData(60, 450, 200, 60, 4)] // few training rows: all kept, chunks of ≤ 140
    public void ThePlanKeepsEverySolveWithinTheLimit(int n, int t, int maxRows, int reference, int chunks)
    {
        var plan = ChunkedDoubleWeighting.Plan(n, t, maxRows);

        Assert.Equal((reference, chunks), plan);
        int largestChunk = (t + plan.Chunks - 1) / plan.Chunks;
        Assert.True(plan.ReferenceRows + largestChunk <= maxRows, $"{plan.ReferenceRows} + {largestChunk} > {maxRows}");
    }

    [Fact]
    public void WithinTheLimitItIsExactlyDoubleWeighting()
    {
        var (train, test, _) = ShiftScenarios.OutsideSupport(60, 30, 10, seed: 4);

        var exact = DoubleWeighting.Fit(train, test, new DoubleWeightingOptions { Seed = 3 }).TestScores!;
        var result = ChunkedDoubleWeighting.Scores(train, test, maxRows: 100, new DoubleWeightingOptions { Seed = 3 });

        Assert.True(result.Exact);
        Assert.Equal(1, result.Chunks);
        Assert.Equal(exact, result.Scores);
    }

    [Fact]
    public void AboveTheLimitEveryRowIsScoredFinitelyAndBySeed()
    {
        var (train, test, outside) = ShiftScenarios.OutsideSupport(150, 120, 30, seed: 11);

        var a = ChunkedDoubleWeighting.Scores(train, test, maxRows: 90, new DoubleWeightingOptions { Seed = 1 });
        var b = ChunkedDoubleWeighting.Scores(train, test, maxRows: 90, new DoubleWeightingOptions { Seed = 1 });
        var c = ChunkedDoubleWeighting.Scores(train, test, maxRows: 90, new DoubleWeightingOptions { Seed = 2 });

        Assert.False(a.Exact);
        Assert.Equal(45, a.ReferenceRows);
        Assert.Equal(4, a.Chunks); // 150 test rows in chunks of ≤ 45
        Assert.Equal(150, a.Scores.Length);
        Assert.All(a.Scores, s => Assert.InRange(s, 0, 1));
        Assert.Equal(a.Scores, b.Scores);
        Assert.NotEqual(a.Scores, c.Scores);
        // Random chunks of one batch hold alike shares of outside rows, so the pooled ranking still finds them.
        double auroc = OutlierMetrics.Auroc(outside, a.Scores)!.Value;
        Assert.True(auroc >= 0.85, $"AUROC of the chunked 1 − α: {auroc}");
    }

    [Fact]
    public void ATooSmallLimitIsRefused()
    {
        var (train, test, _) = ShiftScenarios.OutsideSupport(10, 5, 0, seed: 1);

        var error = Assert.Throws<ArgumentException>(() => ChunkedDoubleWeighting.Scores(train, test, maxRows: 5));
        Assert.StartsWith("ChunkedDoubleWeighting needs maxRows ≥ 20. Got 5.", error.Message);
    }
}
