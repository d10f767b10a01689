using TabularOd.Benchmarking.Reports.Svg;

namespace TabularOd.Benchmarking.Tests.Reports;

public class CriticalDifferenceGroupsTests
{
    [Fact]
    public void TwoSeparatedPairsGiveTwoGroups()
    {
        // A 1.2, B 1.9, C 3.1, D 3.8 with CD 1.0: A–B and C–D are within CD, B–C (1.2) is not.
        Assert.Equal([(0, 1), (2, 3)], CriticalDifferenceGroups.Find([1.2, 1.9, 3.1, 3.8], 1.0));
    }

    [Fact]
    public void OverlappingGroupsAreKeptAndContainedOnesDropped()
    {
        // From rank 1: 1.5 and 2.2 are within 1.25; from 1.5, only 2.2 (a subset, dropped); 2.2–2.8; 2.8–4.0.
        Assert.Equal([(0, 2), (2, 3), (3, 4)], CriticalDifferenceGroups.Find([1, 1.5, 2.2, 2.8, 4.0], 1.25));
    }

    [Fact]
    public void ADifferenceEqualToTheCdIsSignificant()
    {
        Assert.Empty(CriticalDifferenceGroups.Find([1.0, 2.0], 1.0));
        Assert.Equal([(0, 1)], CriticalDifferenceGroups.Find([1.0, 2.0], 1.0000001));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.PositiveInfinity)]
    public void NoUsableCdGivesNoGroups(double cd) => Assert.Empty(CriticalDifferenceGroups.Find([1, 1.1, 1.2], cd));

    [Fact]
    public void EveryoneWithinCdIsOneGroupAndOneMethodIsNone()
    {
        Assert.Equal([(0, 3)], CriticalDifferenceGroups.Find([1, 2, 2, 3], 5));
        Assert.Empty(CriticalDifferenceGroups.Find([1], 5));
        Assert.Empty(CriticalDifferenceGroups.Find([], 5));
    }

    [Fact]
    public void UnsortedOrNonFiniteRanksAreRejected()
    {
        Assert.Throws<ArgumentException>(() => CriticalDifferenceGroups.Find([2, 1], 1));
        Assert.Throws<ArgumentException>(() => CriticalDifferenceGroups.Find([1, double.NaN], 1));
    }

    [Fact]
    public void MatchesTheMaximalCliquesOfAllPairsOnRandomRanks()
    {
        var random = new Random(20260101);
        for (int trial = 0; trial < 500; trial++)
        {
            int k = random.Next(1, 16);
            var ranks = Enumerable.Range(0, k).Select(_ => Math.Round(1 + random.NextDouble() * (k - 1), 1)).Order().ToList();
            double cd = Math.Round(random.NextDouble() * 3, 1);

            Assert.Equal(BruteForce(ranks, cd), CriticalDifferenceGroups.Find(ranks, cd));
        }
    }

    // The definition straight from all pairs, as Orange's graph_ranks states it (with Demšar's strict test):
    // keep a not-significant pair (i, j) unless another such pair strictly contains it.
    private static List<(int, int)> BruteForce(IReadOnlyList<double> ranks, double cd)
    {
        var pairs = new List<(int I, int J)>();
        for (int i = 0; i < ranks.Count; i++)
        {
            for (int j = i + 1; j < ranks.Count; j++)
            {
                if (cd > 0 && ranks[j] - ranks[i] < cd)
                {
                    pairs.Add((i, j));
                }
            }
        }
        return pairs
            .Where(p => !pairs.Any(q => (q.I <= p.I && q.J > p.J) || (q.I < p.I && q.J >= p.J)))
            .Select(p => (p.I, p.J))
            .ToList();
    }
}
