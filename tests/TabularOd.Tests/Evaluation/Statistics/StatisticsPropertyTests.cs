using MathNet.Numerics.Distributions;
using TabularOd.Evaluation.Statistics;
using TabularOd.Sampling;

namespace TabularOd.Tests.Evaluation.Statistics;

/// <summary>Properties that hold whatever the peer says: rank sums, interval sanity, determinism, published tables.</summary>
public sealed class StatisticsPropertyTests
{
    /// <summary>Random tables with ties (values on a 0.05 grid), some missing cells and k from 2 to 12.</summary>
    public static TheoryData<int> Seeds() => new(Enumerable.Range(1, 12));

    private static ScoreTable RandomTable(int seed, bool withMissing = true)
    {
        var random = new SeededRandom(seed);
        int k = 2 + random.NextInt(11);
        int n = 1 + random.NextInt(60);
        var scores = new double[k, n];
        for (int m = 0; m < k; m++)
        {
            for (int d = 0; d < n; d++)
            {
                scores[m, d] = Math.Round(0.5 + (0.5 * random.NextDouble()), 1) + (0.05 * random.NextInt(2));
                if (withMissing && d > 0 && random.NextDouble() < 0.08)
                {
                    scores[m, d] = double.NaN;
                }
            }
        }
        return ScoreTable.Create(Enumerable.Range(0, k).Select(m => $"method {m}").ToArray(), scores);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RanksOfEveryCompleteDataset_SumToKTimesKPlusOneOverTwo(int seed)
    {
        var table = RandomTable(seed);
        int k = table.MethodCount;
        double expected = k * (k + 1) / 2.0;
        var column = new double[k];
        var ranks = new double[k];
        foreach (int d in table.CompleteDatasets)
        {
            for (int m = 0; m < k; m++)
            {
                column[m] = table[m, d];
            }
            MethodRanks.RankDescending(column, ranks);
            Assert.Equal(expected, ranks.Sum());
            Assert.All(ranks, r => Assert.InRange(r, 1, k));
            // Rank 1 = best: a strictly higher score never gets a larger rank.
            for (int a = 0; a < k; a++)
            {
                for (int b = 0; b < k; b++)
                {
                    if (column[a] > column[b])
                    {
                        Assert.True(ranks[a] < ranks[b]);
                    }
                    else if (column[a] == column[b])
                    {
                        Assert.Equal(ranks[a], ranks[b]);
                    }
                }
            }
        }
        Assert.Equal(expected, MethodRanks.Average(table).Sum(), 10);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Summaries_AreConsistent(int seed)
    {
        var table = RandomTable(seed);
        var result = BenchmarkStatistics.Compute(table, new BenchmarkStatisticsOptions { Seed = seed, Resamples = 400 });

        Assert.True(result.Methods.Sum(s => s.WinRate) <= 1 + 1e-12);
        for (int m = 0; m < table.MethodCount; m++)
        {
            var s = result.Methods[m];
            var own = table.Row(m).ToArray().Where(v => !double.IsNaN(v)).ToArray();
            Assert.Equal(own.Length, s.Count);
            Assert.InRange(s.Mean, own.Min(), own.Max());
            Assert.InRange(s.Median, own.Min(), own.Max());
            Assert.True(s.MeanInterval.Low <= s.Mean && s.Mean <= s.MeanInterval.High, $"{s.Method}: mean {s.Mean} outside [{s.MeanInterval.Low}, {s.MeanInterval.High}]");
            Assert.InRange(s.WinRate, 0, 1);
        }
        foreach (var c in result.Comparisons)
        {
            Assert.Equal(c.Datasets, c.FirstWins + c.Ties + c.SecondWins);
            Assert.InRange(c.Wilcoxon.PValue, 0, 1);
            Assert.InRange(c.AdjustedPValue, c.Wilcoxon.PValue, 1);
        }
        Assert.Equal(table.MethodCount * (table.MethodCount - 1) / 2, result.Comparisons.Count);
    }

    [Fact]
    public void Bootstrap_IsDeterministicUnderASeed_AndMovesWithIt()
    {
        var table = RandomTable(7, withMissing: false);
        var first = BenchmarkStatistics.Compute(table, new BenchmarkStatisticsOptions { Seed = 11 });
        var second = BenchmarkStatistics.Compute(table, new BenchmarkStatisticsOptions { Seed = 11 });
        var other = BenchmarkStatistics.Compute(table, new BenchmarkStatisticsOptions { Seed = 12 });

        Assert.Equal(first.Methods, second.Methods);
        Assert.NotEqual(first.Methods.Select(s => s.MeanInterval), other.Methods.Select(s => s.MeanInterval));

        var values = table.Row(0).ToArray();
        Assert.Equal(BootstrapInterval.OfMean(values, 3), BootstrapInterval.OfMean(values, 3));
    }

    [Fact]
    public void MethodInterval_DoesNotDependOnTheOtherMethods()
    {
        var scores = new double[,] { { 0.9, 0.7, 0.8, 0.65, 0.99 }, { 0.6, 0.75, 0.7, 0.8, 0.5 }, { 0.5, 0.5, 0.55, 0.6, 0.7 } };
        var three = BenchmarkStatistics.Compute(ScoreTable.Create(["a", "b", "c"], scores));
        var two = BenchmarkStatistics.Compute(ScoreTable.Create(["a", "b"], new double[,] { { 0.9, 0.7, 0.8, 0.65, 0.99 }, { 0.6, 0.75, 0.7, 0.8, 0.5 } }));
        Assert.Equal(two.Methods[0].MeanInterval, three.Methods[0].MeanInterval);
        Assert.Equal(two.Methods[1].MeanInterval, three.Methods[1].MeanInterval);
    }

    [Fact]
    public void MissingCells_FollowTheDocumentedRules()
    {
        double nan = double.NaN;
        var table = ScoreTable.Create(["a", "b", "c"], new double[,]
        {
            { 0.9, 0.8, nan, 0.7 },
            { 0.5, 0.9, 0.6, 0.6 },
            { 0.7, nan, 0.9, 0.8 },
        });
        var result = BenchmarkStatistics.Compute(table);

        Assert.Equal([0, 3], table.CompleteDatasets);
        Assert.Equal(2, result.CompleteDatasets);
        Assert.Equal(3, result.Methods[0].Count);
        Assert.Equal((0.9 + 0.8 + 0.7) / 3, result.Methods[0].Mean, 15);
        // Ranks on the complete datasets only: dataset 0 ranks a, c, b; dataset 3 ranks c, a, b.
        Assert.Equal([1.5, 3.0, 1.5], result.Methods.Select(s => s.AverageRank));
        Assert.Equal([0.5, 0.0, 0.5], result.Methods.Select(s => s.WinRate));
        var ab = result.Comparisons[0];
        Assert.Equal(("a", "b", 3, 2, 0, 1), (ab.First, ab.Second, ab.Datasets, ab.FirstWins, ab.Ties, ab.SecondWins));
        var bc = result.Comparisons[2];
        Assert.Equal(("b", "c", 3), (bc.First, bc.Second, bc.Datasets));
    }

    [Fact]
    public void TwoMethods_HaveNoFriedmanTest_ButACriticalDifference()
    {
        var result = BenchmarkStatistics.Compute(ScoreTable.Create(["a", "b"], new double[,] { { 0.9, 0.8, 0.7 }, { 0.6, 0.85, 0.5 } }));
        Assert.Null(result.Friedman);
        Assert.Equal(Normal.InvCDF(0, 1, 0.975) * Math.Sqrt(1.0 / 3.0), result.CriticalDifference05, 12);
        Assert.Single(result.Comparisons);
    }

    [Theory]
    // Demšar (2006), Table 5: q_α for the two-tailed Nemenyi test. The table mixes rounding and truncation
    // (2.3437 is printed 2.343, 2.7278 is printed 2.728), so it is matched to within one unit of its last digit.
    [InlineData(0.05, new[] { 1.960, 2.343, 2.569, 2.728, 2.850, 2.949, 3.031, 3.102, 3.164 })]
    [InlineData(0.10, new[] { 1.645, 2.052, 2.291, 2.459, 2.589, 2.693, 2.780, 2.855, 2.920 })]
    public void CriticalValues_RoundToDemsarsTable(double alpha, double[] table)
    {
        for (int k = 2; k <= 10; k++)
        {
            Assert.InRange(NemenyiCriticalDifference.CriticalValue(k, alpha) - table[k - 2], -1e-3, 1e-3);
        }
    }

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.10)]
    [InlineData(0.01)]
    [InlineData(1e-6)]
    public void CriticalValueForTwoMethods_IsTheTwoSidedNormalQuantile(double alpha)
    {
        // The range of two normals is |Z₁ − Z₂| = √2·|Z|, so q_α/√2 = Φ⁻¹(1 − α/2).
        double expected = -Normal.InvCDF(0, 1, alpha / 2);
        Assert.True(Math.Abs(expected - NemenyiCriticalDifference.CriticalValue(2, alpha)) <= 1e-12 * expected);
    }

    [Fact]
    public void StudentizedRange_QuantileInvertsCdf_AndGrowsWithK()
    {
        double previous = 0;
        foreach (int k in new[] { 2, 3, 7, 20, 100, 500, 1000, StudentizedRange.MaxGroups })
        {
            foreach (double p in new[] { 0.001, 0.3, 0.5, 0.9, 0.95, 0.999 })
            {
                double q = StudentizedRange.Quantile(p, k);
                Assert.True(Math.Abs(StudentizedRange.Cdf(q, k) - p) <= 1e-12, $"k = {k}, p = {p}: cdf(q) = {StudentizedRange.Cdf(q, k)}");
            }
            double q95 = StudentizedRange.Quantile(0.95, k);
            Assert.True(q95 > previous);
            previous = q95;
        }
        Assert.Equal(0, StudentizedRange.Cdf(0, 5));
        Assert.Equal(0, StudentizedRange.Cdf(-1, 5));
    }

    [Fact]
    public void CriticalDifference_ShrinksWithMoreDatasets()
    {
        double cd10 = NemenyiCriticalDifference.Compute(5, 10);
        double cd40 = NemenyiCriticalDifference.Compute(5, 40);
        Assert.Equal(cd10 / 2, cd40, 12);
        Assert.Equal(NemenyiCriticalDifference.CriticalValue(5) * Math.Sqrt(30.0 / 60), cd10, 12);
    }

    [Fact]
    public void Wilcoxon_IsSymmetricInItsArguments_AndExactOnASmallSeparatedSample()
    {
        double[] x = [0.91, 0.85, 0.88, 0.79, 0.95, 0.83, 0.9, 0.87, 0.86, 0.92];
        double[] y = [0.81, 0.84, 0.78, 0.77, 0.9, 0.8, 0.89, 0.85, 0.8, 0.93];
        var xy = WilcoxonSignedRank.Test(x, y);
        var yx = WilcoxonSignedRank.Test(y, x);
        Assert.Equal(xy, yx);

        double[] up = [.. Enumerable.Range(1, 10).Select(i => i * 1.1)];
        var separated = WilcoxonSignedRank.Test(up, new double[10]);
        Assert.True(separated.IsExact);
        Assert.Equal(0, separated.Statistic);
        Assert.Equal(2.0 / 1024, separated.PValue);
    }

    [Fact]
    public void Wilcoxon_AllZeroDifferences_GiveNoEvidence()
    {
        var result = WilcoxonSignedRank.Test([0.5, 0.7], [0.5, 0.7]);
        Assert.Equal(new WilcoxonResult(0, 1, 0, false), result);
    }

    [Fact]
    public void Friedman_AllTied_GivesNoEvidence()
    {
        var result = FriedmanTest.Compute(ScoreTable.Create(["a", "b", "c"], new double[,] { { 1, 1 }, { 1, 1 }, { 1, 1 } }));
        Assert.Equal(new FriedmanResult(0, 1, 2, 3), result);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Holm_IsMonotone_AtLeastTheRawValue_AndCappedAtOne(int seed)
    {
        var random = new SeededRandom(seed);
        var p = Enumerable.Range(0, 1 + random.NextInt(40)).Select(_ => Math.Pow(random.NextDouble(), 3)).ToArray();
        var adjusted = HolmBonferroni.Adjust(p);
        for (int i = 0; i < p.Length; i++)
        {
            Assert.InRange(adjusted[i], p[i], 1);
            for (int j = 0; j < p.Length; j++)
            {
                if (p[i] <= p[j])
                {
                    Assert.True(adjusted[i] <= adjusted[j]);
                }
            }
        }
        Assert.Empty(HolmBonferroni.Adjust([]));
    }

    [Fact]
    public void VersusBest_ComparesTheLowestAverageRankWithEveryOtherMethod()
    {
        var table = ScoreTable.Create(["a", "b", "c"], new double[,] { { 0.6, 0.7, 0.6 }, { 0.9, 0.8, 0.95 }, { 0.7, 0.6, 0.5 } });
        var result = BenchmarkStatistics.Compute(table, new BenchmarkStatisticsOptions { Comparisons = ComparisonFamily.VersusBest });
        Assert.Equal("b", result.BestMethod);
        Assert.Equal([("b", "a"), ("b", "c")], result.Comparisons.Select(c => (c.First, c.Second)));
        Assert.Equal(3, result.Comparisons[0].FirstWins);
    }
}
