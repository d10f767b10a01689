using TabularOd.Benchmarking.Synthetic;

namespace TabularOd.Benchmarking.Tests.Synthetic;

public class SyntheticSuiteTests
{
    [Fact]
    public void ThePlanVisitsEveryCombinationInTurn()
    {
        int combinations = SyntheticSuite.Combinations.Count;
        var plan = SyntheticSuite.Plan(2 * combinations, seed: 1);

        for (int i = 0; i < plan.Count; i++)
        {
            Assert.Equal(SyntheticSuite.Combinations[i % combinations], (plan[i].Prior, plan[i].Archetype));
        }
        Assert.Equal(15, combinations);
        Assert.Equal(combinations, SyntheticSuite.Combinations.Distinct().Count());
    }

    [Fact]
    public void EveryPriorHasTheClassicArchetypesAndItsOwn()
    {
        foreach (var prior in Enum.GetValues<SyntheticPrior>())
        {
            foreach (var classic in new[] { OutlierArchetype.Global, OutlierArchetype.Dependency, OutlierArchetype.Clustered })
            {
                Assert.True(SyntheticSuite.Supports(prior, classic));
            }
        }
        Assert.True(SyntheticSuite.Supports(SyntheticPrior.Gmm, OutlierArchetype.Subspace));
        Assert.True(SyntheticSuite.Supports(SyntheticPrior.Scm, OutlierArchetype.Structural));
        Assert.True(SyntheticSuite.Supports(SyntheticPrior.Copula, OutlierArchetype.Dependence));
        Assert.False(SyntheticSuite.Supports(SyntheticPrior.Copula, OutlierArchetype.Measurement));
        Assert.All(Enum.GetValues<OutlierArchetype>(), a => Assert.Contains(SyntheticSuite.Combinations, c => c.Archetype == a));
    }

    [Fact]
    public void PlannedSpecsAreValidInRangeAndNamedForWhatTheyAre()
    {
        var plan = SyntheticSuite.Plan(800, seed: 7);

        Assert.All(plan, spec =>
        {
            spec.Validate();
            Assert.InRange(spec.Rows, SyntheticSuite.MinRows, SyntheticSuite.MaxRows);
            Assert.InRange(spec.Features, SyntheticSuite.MinFeatures, SyntheticSuite.MaxFeatures);
            Assert.InRange(spec.Contamination, SyntheticSuite.MinContamination, SyntheticSuite.MaxContamination);
            Assert.True(spec.Seed >= 0);
        });
        Assert.Equal("syn-0007-scm-clustered", SyntheticSuite.Plan(8, seed: 7)[7].DatasetName);
        Assert.Equal("syn-0013-copula-probabilistic.npz", SyntheticSuite.FileName(plan[13]));
        Assert.Equal(800, plan.Select(s => s.DatasetName).Distinct().Count());
        Assert.Equal(800, plan.Select(s => s.Seed).Distinct().Count());
        // The draws cover their ranges rather than sitting at one value.
        Assert.True(plan.Min(s => s.Rows) < 300 && plan.Max(s => s.Rows) > 2500);
        Assert.True(plan.Min(s => s.Features) == SyntheticSuite.MinFeatures && plan.Max(s => s.Features) == SyntheticSuite.MaxFeatures);
    }

    [Fact]
    public void ThePlanIsAFunctionOfTheSeedAndALongerPlanExtendsAShorterOne()
    {
        var plan = SyntheticSuite.Plan(40, seed: 3);

        Assert.Equal(plan, SyntheticSuite.Plan(40, seed: 3));
        Assert.Equal(plan.Take(10), SyntheticSuite.Plan(10, seed: 3));
        Assert.NotEqual(plan.Select(s => s.Seed), SyntheticSuite.Plan(40, seed: 4).Select(s => s.Seed));
    }

    [Fact]
    public void NamesWidenPastTenThousandDatasetsAndStillSort()
    {
        var plan = SyntheticSuite.Plan(10_001, seed: 0);

        Assert.Equal("syn-00000-gmm-global", plan[0].DatasetName);
        Assert.StartsWith("syn-10000-", plan[^1].DatasetName);
    }

    [Fact]
    public void APlanOfNothingIsRefused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticSuite.Plan(0, seed: 1));

        Assert.Contains("'count'", error.Message);
        Assert.Contains("Got 0.", error.Message);
    }

    [Theory]
    [InlineData("gmm", SyntheticPrior.Gmm)]
    [InlineData("Copula", SyntheticPrior.Copula)]
    public void PriorNamesRoundTrip(string token, SyntheticPrior prior)
    {
        Assert.Equal(prior, SyntheticNames.ParsePrior(token));
        Assert.Equal(token.ToLowerInvariant(), prior.Token());
        Assert.Null(SyntheticNames.ParsePrior("vae"));
        Assert.Equal(OutlierArchetype.Dependence, SyntheticNames.ParseArchetype("dependence"));
    }
}
