using TabularOd.Data;
using TabularOd.Sampling;
using TabularOd.Stacking;

namespace TabularOd.Benchmarking.Tests.Stacking;

public class DeduplicationOrderTests
{
    [Fact]
    public void Given_losses_decide_which_of_two_near_duplicates_survives()
    {
        // Column 0 is closer to the target (lower RMSE); column 1 is a near-copy of it; column 2 is unrelated.
        var random = new SeededRandom(5);
        int n = 400;
        var x = new DataMatrix(n, 3);
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = random.NextGaussian();
            x[i, 0] = y[i] + (0.3 * random.NextGaussian());
            x[i, 1] = x[i, 0] + 0.2 + (0.02 * random.NextGaussian());
            x[i, 2] = random.NextGaussian();
        }
        var deduplicator = new PredictionDeduplicator(new DeduplicationOptions { MseThreshold = 0.1 });

        var byRmse = deduplicator.Apply(x, y);
        var byLoss = deduplicator.Apply(x, y, [0.5, 0.1, 0.9]);

        Assert.Equal([0, 2], byRmse.Kept);
        Assert.Equal(0, byRmse.DuplicateOf[1]);
        Assert.Equal([1, 2], byLoss.Kept);
        Assert.Equal(1, byLoss.DuplicateOf[0]);
        Assert.Equal([1, 0, 2], byLoss.Ranking);
        Assert.Throws<ArgumentException>(() => deduplicator.Apply(x, y, [0.5, 0.1]));
        Assert.Throws<ArgumentException>(() => deduplicator.Apply(x, y, [0.5, double.NaN, 0.1]));
    }
}
