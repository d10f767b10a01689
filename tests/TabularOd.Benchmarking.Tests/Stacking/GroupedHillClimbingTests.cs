using TabularOd.Data;
using TabularOd.Stacking;

namespace TabularOd.Benchmarking.Tests.Stacking;

public class GroupedHillClimbingTests
{
    [Fact]
    public void Hill_climbing_on_the_grouped_auroc_pairs_the_two_specialists()
    {
        // Two datasets of four rows, outliers last. m1 ranks dataset A perfectly and cannot tell B's rows apart; m2
        // the reverse; m3 is right on A for three of four pairs and uninformative on B. Single models: m1 and m2 have
        // mean AUROC 0.75, m3 0.625. The mean of m1 and m2 ranks both datasets perfectly (loss 0), so sorted
        // initialisation stops at N = 2 and no later addition beats a zero loss.
        int[] labels = [0, 0, 1, 1, 0, 0, 1, 1];
        int[] groups = [0, 0, 0, 0, 1, 1, 1, 1];
        double[,] columns =
        {
            { 0.1, 0.5, 0.1 }, { 0.2, 0.5, 0.3 }, { 0.8, 0.5, 0.2 }, { 0.9, 0.5, 0.4 },
            { 0.5, 0.1, 0.5 }, { 0.5, 0.2, 0.5 }, { 0.5, 0.8, 0.5 }, { 0.5, 0.9, 0.5 },
        };
        var auroc = new GroupedAuroc(labels, groups);
        var selector = new HillClimbingSelector(new HillClimbingOptions { Loss = auroc.Loss(), Iterations = 5, MaxDegreeOfParallelism = 1 });

        var result = selector.Select(DataMatrix.FromArray(columns), labels.Select(l => (double)l).ToArray());

        Assert.Equal(2, result.InitialModels);
        Assert.Equal(2, result.BestPrefixLength);
        Assert.Equal([0.5, 0.5, 0.0], result.Weights);
        Assert.Equal(0.0, result.BestLoss, 12);
        Assert.Equal([0, 1], result.Members.Take(2));
    }
}
