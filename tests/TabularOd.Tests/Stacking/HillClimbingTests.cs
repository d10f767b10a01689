using TabularOd.Data;
using TabularOd.Stacking;

namespace TabularOd.Tests.Stacking;

public sealed class HillClimbingTests
{
    // SPEC §9 [ref]: y = (1,2,3,4), m1 = y + 0.5, m2 = y − 0.5, m3 = (1,2,3,10).
    private static readonly double[] Target = [1, 2, 3, 4];

    private static DataMatrix Reference() => DataMatrix.FromArray(new double[,]
    {
        { 1.5, 0.5, 1 },
        { 2.5, 1.5, 2 },
        { 3.5, 2.5, 3 },
        { 4.5, 3.5, 10 },
    });

    [Fact]
    public void SpecReference_PicksM1ThenM2ThenM1_AndReturnsTheTwoModelPrefix()
    {
        var result = new HillClimbingSelector(new HillClimbingOptions { SortedInitialization = false, Iterations = 3 })
            .Select(Reference(), Target);
        Assert.Equal([0, 1, 0], result.Members);
        Assert.Equal(0.5, result.PrefixLosses[0], 15);
        Assert.Equal(0.0, result.PrefixLosses[1], 15);
        Assert.Equal(1.0 / 6.0, result.PrefixLosses[2], 15);
        Assert.Equal(2, result.BestPrefixLength);
        Assert.Equal([0.5, 0.5, 0.0], result.Weights);
        Assert.Equal([1, 1, 0], result.Counts);
        Assert.Equal(0.0, result.BestLoss);
        Assert.Equal(0, result.InitialModels);
    }

    [Fact]
    public void SortedInitialization_ChoosesN_OnTheHoldOut()
    {
        // Single losses: m1 0.5, m2 0.5, m3 3; the mean of the two best is exact, adding m3 hurts: N = 2.
        var result = new HillClimbingSelector(new HillClimbingOptions { SortedInitialization = true, Iterations = 2 })
            .Select(Reference(), Target);
        Assert.Equal(2, result.InitialModels);
        Assert.Equal([0, 1], result.Members.Take(2));
        Assert.Equal(2, result.BestPrefixLength);
        Assert.Equal([0.5, 0.5, 0.0], result.Weights);
    }

    [Fact]
    public void MaxInitialModels_CapsN()
    {
        var result = new HillClimbingSelector(new HillClimbingOptions { MaxInitialModels = 1, Iterations = 1 })
            .Select(Reference(), Target);
        Assert.Equal(1, result.InitialModels);
        Assert.Equal([0, 1], result.Members);
    }

    [Fact]
    public void Bagged_IsSeeded_AveragesBags_AndSumsToOne()
    {
        var rng = new TabularOd.Sampling.SeededRandom(5);
        int n = 40, m = 9;
        var y = new double[n];
        var p = new DataMatrix(n, m);
        for (int i = 0; i < n; i++)
        {
            y[i] = rng.NextGaussian();
            for (int j = 0; j < m; j++)
            {
                p[i, j] = y[i] + ((0.2 + (0.1 * j)) * rng.NextGaussian());
            }
        }
        var options = new HillClimbingOptions { Iterations = 15, Seed = 11 };
        var a = new BaggedHillClimbing(options).Select(p, y);
        var b = new BaggedHillClimbing(options).Select(p, y);
        var c = new BaggedHillClimbing(options with { Seed = 12 }).Select(p, y);
        Assert.Equal(a.Weights, b.Weights);
        Assert.NotEqual(a.Weights, c.Weights);
        Assert.Equal(1.0, a.Weights.Sum(), 12);
        Assert.Equal(20, a.Bags.Count);
        Assert.All(a.BagModels, models => Assert.Equal(5, models.Count));
        for (int j = 0; j < m; j++)
        {
            double expected = 0;
            for (int bag = 0; bag < a.Bags.Count; bag++)
            {
                int local = a.BagModels[bag].ToList().IndexOf(j);
                expected += local < 0 ? 0 : a.Bags[bag].Weights[local];
            }
            Assert.Equal(expected / a.Bags.Count, a.Weights[j], 15);
        }
        var single = new HillClimbingSelector(options).Select(p, y);
        Assert.True(a.Loss <= single.PrefixLosses[0] + 1e-12);
    }

    [Fact]
    public void Selection_GivesTheSameBits_OnOneThreadOrMany()
    {
        var rng = new TabularOd.Sampling.SeededRandom(21);
        int n = 50, m = 13;
        var y = new double[n];
        var p = new DataMatrix(n, m);
        for (int i = 0; i < n; i++)
        {
            y[i] = rng.NextGaussian();
            for (int j = 0; j < m; j++)
            {
                p[i, j] = y[i] + (0.5 * rng.NextGaussian());
            }
        }
        var options = new HillClimbingOptions { Iterations = 25, Seed = 3 };
        var one = new BaggedHillClimbing(options with { MaxDegreeOfParallelism = 1 }).Select(p, y);
        var many = new BaggedHillClimbing(options with { MaxDegreeOfParallelism = 7 }).Select(p, y);
        Assert.Equal(one.Weights, many.Weights);
        Assert.Equal(one.Loss, many.Loss);
        var single = new HillClimbingSelector(options with { MaxDegreeOfParallelism = 1 }).Select(p, y);
        Assert.Equal(single.Members, new HillClimbingSelector(options with { MaxDegreeOfParallelism = 5 }).Select(p, y).Members);
        Assert.True(single.BestLoss <= single.PrefixLosses.Min() * (1 + HillClimbingSelector.RelativeTieTolerance));
    }

    [Fact]
    public void BuiltInRmse_GivesTheSameBits_AsTheSameLossPassedAsAnyDelegate()
    {
        var rng = new TabularOd.Sampling.SeededRandom(33);
        int n = 30, m = 6;
        var y = new double[n];
        var p = new DataMatrix(n, m);
        for (int i = 0; i < n; i++)
        {
            y[i] = rng.NextGaussian();
            for (int j = 0; j < m; j++)
            {
                p[i, j] = y[i] + (0.4 * rng.NextGaussian());
            }
        }
        var builtIn = new HillClimbingSelector(new HillClimbingOptions { Iterations = 20 }).Select(p, y);
        var custom = new HillClimbingSelector(new HillClimbingOptions
        {
            Iterations = 20,
            Loss = (t, q) => PredictionLosses.RootMeanSquaredError(t, q),
        }).Select(p, y);
        Assert.Equal(builtIn.Members, custom.Members);
        Assert.Equal(builtIn.PrefixLosses, custom.PrefixLosses);
    }

    [Fact]
    public void BadOptions_NameTheParameter()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            new HillClimbingSelector(new HillClimbingOptions { Iterations = -1 }).Select(Reference(), Target));
        Assert.Equal("Iterations", ex.ParamName);
        Assert.Contains("'Iterations' parameter of HillClimbingSelector", ex.Message);
        ex = Assert.Throws<ArgumentException>(() =>
            new BaggedHillClimbing(new HillClimbingOptions { BagFraction = 0 }).Select(Reference(), Target));
        Assert.Equal("BagFraction", ex.ParamName);
        ex = Assert.Throws<ArgumentException>(() => new HillClimbingSelector().Select(Reference(), [1, 2, 3]));
        Assert.Equal("target", ex.ParamName);
    }
}
