using TabularOd.Benchmarking.Stacking;

namespace TabularOd.Benchmarking.Tests.Stacking;

public class RankNormalizationTests
{
    [Fact]
    public void Ranks_are_average_ranks_over_n_with_the_highest_score_at_one()
    {
        // Ascending: 1 (rank 1), 2 and 2 (ranks 2 and 3, average 2.5), 3 (rank 4); divided by n = 4.
        Assert.Equal([1.0, 0.25, 0.625, 0.625], RankNormalization.Normalize([3.0, 1.0, 2.0, 2.0]));
    }

    [Fact]
    public void Ranks_lie_in_the_half_open_unit_interval_and_keep_the_order()
    {
        var random = new TabularOd.Sampling.SeededRandom(3);
        var scores = Enumerable.Range(0, 200).Select(_ => Math.Round(random.NextGaussian(), 1)).ToArray();
        var ranks = RankNormalization.Normalize(scores);
        Assert.All(ranks, r => Assert.InRange(r, 1.0 / scores.Length, 1.0));
        Assert.True(ranks.Min() > 0);
        for (int i = 0; i < scores.Length; i++)
        {
            for (int j = 0; j < scores.Length; j++)
            {
                Assert.Equal(Math.Sign(scores[i].CompareTo(scores[j])), Math.Sign(ranks[i].CompareTo(ranks[j])));
            }
        }
        // Average ranks sum to n(n + 1)/2 whatever the ties, so the normalised ranks sum to (n + 1)/2.
        Assert.Equal((scores.Length + 1) / 2.0, ranks.Sum(), 9);
    }

    [Fact]
    public void A_constant_score_gives_every_row_the_middle_rank()
    {
        Assert.Equal([0.625, 0.625, 0.625, 0.625], RankNormalization.Normalize([5.0, 5.0, 5.0, 5.0]));
    }

    [Fact]
    public void Non_finite_or_empty_scores_are_refused()
    {
        Assert.Throws<ArgumentException>(() => RankNormalization.Normalize([1.0, double.NaN]));
        Assert.Throws<ArgumentException>(() => RankNormalization.Normalize([]));
    }
}
