using TabularOd.Data;
using TabularOd.Detectors.Combination;

namespace TabularOd.Tests.Detectors;

public class ScoreCombinerTests
{
    // Three rows scored by four detectors.
    private static DataMatrix Scores() => DataMatrix.FromArray(new double[,]
    {
        { 1, 2, 3, 4 },
        { 4, 3, 2, 1 },
        { 0, 0, 5, -5 },
    });

    [Fact]
    public void AverageAndMaximumWorkRowByRow()
    {
        Assert.Equal([2.5, 2.5, 0], ScoreCombiners.Average(Scores()));
        Assert.Equal([4.0, 4, 5], ScoreCombiners.Maximum(Scores()));
    }

    [Fact]
    public void AverageOfMaximumTakesContiguousStaticBuckets()
    {
        // Buckets {0, 1} and {2, 3}: maxima (2, 4), (4, 2), (0, 5); their means.
        Assert.Equal([3.0, 3, 2.5], ScoreCombiners.AverageOfMaximum(Scores(), buckets: 2));
        // One detector per bucket: the plain average.
        Assert.Equal(ScoreCombiners.Average(Scores()), ScoreCombiners.AverageOfMaximum(Scores(), buckets: 4));
    }

    [Fact]
    public void MaximumOfAverageTakesContiguousStaticBuckets()
    {
        // Buckets {0, 1} and {2, 3}: means (1.5, 3.5), (3.5, 1.5), (0, 0); their maxima.
        Assert.Equal([3.5, 3.5, 0], ScoreCombiners.MaximumOfAverage(Scores(), buckets: 2));
        Assert.Equal(ScoreCombiners.Maximum(Scores()), ScoreCombiners.MaximumOfAverage(Scores(), buckets: 4));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    public void BucketCountsPyOdRefusesAreRefused(int buckets)
    {
        // PyOD: 2 ≤ n_buckets ≤ n_estimators, and static buckets must divide the detectors evenly.
        var error = Assert.Throws<ArgumentException>(() => ScoreCombiners.AverageOfMaximum(Scores(), buckets));
        Assert.StartsWith("The 'Buckets' parameter of AverageOfMaximum must be", error.Message);
        Assert.Throws<ArgumentException>(() => ScoreCombiners.MaximumOfAverage(Scores(), buckets));
    }

    [Fact]
    public void ZScoreUsesTheTrainingMeanAndPopulationStandardDeviation()
    {
        // Column 0: mean 2, population std √(2/3). Column 1 is constant: centred only, as StandardScaler does.
        var training = DataMatrix.FromArray(new double[,] { { 1, 5 }, { 2, 5 }, { 3, 5 } });
        var scores = DataMatrix.FromArray(new double[,] { { 4, 7 }, { 2, 5 }, { 1, 4 } });

        var z = ScoreNormalization.ZScore(training, scores);

        Assert.Equal(Math.Sqrt(6), z[0, 0], 1e-14);
        Assert.Equal(0, z[1, 0], 1e-14);
        Assert.Equal(-Math.Sqrt(1.5), z[2, 0], 1e-14);
        Assert.Equal([2.0, 0, -1], z.Column(1).ToArray());

        var self = ScoreNormalization.ZScore(training);
        Assert.Equal(-Math.Sqrt(1.5), self[0, 0], 1e-14);
        Assert.Equal(Math.Sqrt(1.5), self[2, 0], 1e-14);
    }

    [Fact]
    public void ZScoreRefusesMismatchedDetectorCounts()
    {
        Assert.Throws<ArgumentException>(() => ScoreNormalization.ZScore(Scores(), new DataMatrix(2, 3)));
    }

    [Fact]
    public void RankGivesTiesTheirAverageRankOverTheRowCount()
    {
        // Column 0: 3, 1, 3, 2 → ranks 3.5, 1, 3.5, 2. Column 1 is constant: every row has rank 2.5.
        var scores = DataMatrix.FromArray(new double[,] { { 3, 7 }, { 1, 7 }, { 3, 7 }, { 2, 7 } });

        var ranks = ScoreNormalization.Rank(scores);

        Assert.Equal([0.875, 0.25, 0.875, 0.5], ranks.Column(0).ToArray());
        Assert.Equal([0.625, 0.625, 0.625, 0.625], ranks.Column(1).ToArray());
    }

    [Fact]
    public void NormalisedScoresCombine()
    {
        // Rank normalisation puts detectors of wildly different scales on one footing before averaging.
        var scores = DataMatrix.FromArray(new double[,] { { 1, 100 }, { 2, 300 }, { 3, 200 } });

        var combined = ScoreCombiners.Average(ScoreNormalization.Rank(scores));

        Assert.Equal([1 / 3.0, 2.5 / 3, 2.5 / 3], combined, (a, b) => Math.Abs(a - b) < 1e-15);
    }
}
