using TabularOd.Benchmarking.Synthetic;
using TabularOd.Data;
using TabularOd.Tests.Support;

namespace TabularOd.Benchmarking.Tests.Synthetic;

public class SyntheticGeneratorTests
{
    public static TheoryData<SyntheticPrior, OutlierArchetype> EveryCombination()
    {
        var data = new TheoryData<SyntheticPrior, OutlierArchetype>();
        foreach (var (prior, archetype) in SyntheticSuite.Combinations)
        {
            data.Add(prior, archetype);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryCombination))]
    public void EveryCombinationFollowsTheSplitProtocolWithFiniteValues(SyntheticPrior prior, OutlierArchetype archetype)
    {
        var spec = new SyntheticSpec(prior, archetype, Rows: 301, Features: 7, Contamination: 0.1, Seed: 42);

        var pair = SyntheticGenerator.Generate(spec);

        Assert.Equal(30, spec.OutlierCount);
        Assert.Equal(271, spec.InlierCount);
        Assert.Equal((7, 7), (pair.Train.Columns, pair.Test.Columns));
        Assert.Equal(271 / 2, pair.Train.Rows);
        Assert.All(pair.Train.Labels!, label => Assert.Equal(0, label));
        Assert.Equal(30, pair.Test.OutlierCount);
        Assert.Equal(271 - (271 / 2), pair.Test.Rows - 30);
        Assert.Equal(301, pair.Train.Rows + pair.Test.Rows);
        Assert.False(pair.Train.Features.TryFindNonFinite(out _, out _));
        Assert.False(pair.Test.Features.TryFindNonFinite(out _, out _));

        var metadata = pair.Metadata;
        Assert.Equal("synthetic", metadata["dataset_type"]);
        Assert.Equal(prior.Token(), metadata["prior"]);
        Assert.Equal(archetype.Token(), metadata["archetype"]);
        Assert.Equal(42L, metadata["seed"]);
        Assert.Equal(30L, metadata["anomaly_count"]);
        Assert.Equal(271L, metadata["normal_count"]);
        Assert.Equal(30.0 / 301, (double)metadata["anomaly_fraction"], 12);
        Assert.Contains($"archetype_{archetype.Token()}", (string[])metadata["tags"]);
    }

    [Theory]
    [MemberData(nameof(EveryCombination))]
    public void ExtremeShapesStayFinite(SyntheticPrior prior, OutlierArchetype archetype)
    {
        foreach (var (rows, features, contamination) in new[] { (10, 2, 0.5), (60, 64, 0.02) })
        {
            var table = SyntheticGenerator.GenerateTable(new SyntheticSpec(prior, archetype, rows, features, contamination, 3));

            Assert.Equal((rows, features), (table.Rows, table.Columns));
            Assert.False(table.Features.TryFindNonFinite(out _, out _));
            Assert.Equal(Math.Max(1, (int)Math.Round(rows * contamination)), table.OutlierCount);
        }
    }

    [Theory]
    [InlineData(SyntheticPrior.Gmm, OutlierArchetype.Subspace)]
    [InlineData(SyntheticPrior.Scm, OutlierArchetype.Structural)]
    [InlineData(SyntheticPrior.Copula, OutlierArchetype.Dependence)]
    public void TheSameSpecWritesTheSameBytes(SyntheticPrior prior, OutlierArchetype archetype)
    {
        string dir = TestPaths.NewTempFolder();
        var spec = new SyntheticSpec(prior, archetype, 400, 12, 0.08, 2026);
        string first = Path.Combine(dir, "first.npz"), second = Path.Combine(dir, "second.npz");

        SyntheticGenerator.Write(spec, first);
        SyntheticGenerator.Write(spec with { }, second);

        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
    }

    [Fact]
    public void ADifferentSeedWritesDifferentBytes()
    {
        string dir = TestPaths.NewTempFolder();
        var spec = new SyntheticSpec(SyntheticPrior.Copula, OutlierArchetype.Probabilistic, 400, 12, 0.08, 1) { Name = "same-name" };
        string first = Path.Combine(dir, "first.npz"), second = Path.Combine(dir, "second.npz");

        SyntheticGenerator.Write(spec, first);
        SyntheticGenerator.Write(spec with { Seed = 2 }, second);

        Assert.NotEqual(File.ReadAllBytes(first), File.ReadAllBytes(second));
        var a = DataReader.Read(first).Pair!;
        var b = DataReader.Read(second).Pair!;
        Assert.NotEqual(a.Test.Features.AsSpan().ToArray(), b.Test.Features.AsSpan().ToArray());
    }

    [Fact]
    public void TheWrittenFileReadsBackAsTheGeneratedPair()
    {
        var spec = new SyntheticSpec(SyntheticPrior.Scm, OutlierArchetype.Measurement, 250, 9, 0.12, 77) { Name = "syn-0008-scm-measurement" };
        string path = Path.Combine(TestPaths.NewTempFolder(), SyntheticSuite.FileName(spec));

        var written = SyntheticGenerator.Write(spec, path);
        var read = DataReader.Read(path).Pair!;

        Assert.Equal("syn-0008-scm-measurement", read.Name);
        Assert.Equal(written.Train.Features.AsSpan().ToArray(), read.Train.Features.AsSpan().ToArray());
        Assert.Equal(written.Test.Features.AsSpan().ToArray(), read.Test.Features.AsSpan().ToArray());
        Assert.Equal(written.Test.Labels, read.Test.Labels);
        Assert.Equal("scm", read.Metadata["prior"]);
        Assert.Equal("measurement", read.Metadata["archetype"]);
        Assert.Equal(77L, read.Metadata["seed"]);
        Assert.Equal(SyntheticGenerator.GeneratorVersion, read.Metadata["generator_version"]);
    }

    [Fact]
    public void OutliersAreSpreadThroughTheTableNotAppended()
    {
        var table = SyntheticGenerator.GenerateTable(new SyntheticSpec(SyntheticPrior.Gmm, OutlierArchetype.Global, 500, 5, 0.1, 5));

        int firstOutlier = Array.IndexOf(table.Labels!, 1);
        Assert.InRange(firstOutlier, 0, 500 - 50 - 1);
    }

    [Fact]
    public void CopulaFeaturesFollowTheFamiliesTheMetadataNames()
    {
        // Probabilistic outliers move u within (0, 1), so every value stays inside its marginal's support.
        var table = SyntheticGenerator.GenerateTable(new SyntheticSpec(SyntheticPrior.Copula, OutlierArchetype.Probabilistic, 600, 40, 0.1, 8));
        var families = (string[])table.Metadata["feature_marginals"];

        Assert.Equal(40, families.Length);
        Assert.Subset(new HashSet<string> { "normal", "beta", "beta_mixture", "exponential", "gaussian_mixture", "student_t" }, families.ToHashSet());
        for (int j = 0; j < 40; j++)
        {
            var column = table.Features.Column(j).ToArray();
            switch (families[j])
            {
                case "beta" or "beta_mixture":
                    Assert.All(column, v => Assert.InRange(v, 0.0, 1.0));
                    break;
                case "exponential":
                    Assert.All(column, v => Assert.True(v >= 0));
                    break;
            }
            Assert.True(column.Distinct().Count() > 500, $"feature {j} ({families[j]}) has too many repeated values");
        }
    }

    [Theory]
    [InlineData(SyntheticPrior.Gmm, OutlierArchetype.Measurement, 100, 5, 0.1, "'Archetype'", "gmm")]
    [InlineData(SyntheticPrior.Copula, OutlierArchetype.Local, 100, 5, 0.1, "'Archetype'", "copula")]
    [InlineData(SyntheticPrior.Gmm, OutlierArchetype.Global, 5, 5, 0.1, "'Rows'", "Got 5.")]
    [InlineData(SyntheticPrior.Gmm, OutlierArchetype.Global, 100, 1, 0.1, "'Features'", "Got 1.")]
    [InlineData(SyntheticPrior.Gmm, OutlierArchetype.Global, 100, 5, 0.0, "'Contamination'", "Got 0.")]
    [InlineData(SyntheticPrior.Gmm, OutlierArchetype.Global, 100, 5, 0.6, "'Contamination'", "Got 0.6.")]
    [InlineData(SyntheticPrior.Gmm, OutlierArchetype.Global, 100, 5, double.NaN, "'Contamination'", "Got NaN.")]
    public void InvalidSpecsAreRefusedNamingTheField(SyntheticPrior prior, OutlierArchetype archetype, int rows, int features,
        double contamination, string field, string detail)
    {
        var spec = new SyntheticSpec(prior, archetype, rows, features, contamination, 1);

        var error = Assert.ThrowsAny<ArgumentException>(() => SyntheticGenerator.Generate(spec));

        Assert.Contains(field, error.Message);
        Assert.Contains(detail, error.Message);
    }
}
