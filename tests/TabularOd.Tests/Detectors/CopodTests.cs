using TabularOd.Data;
using TabularOd.Detectors;
using TabularOd.Detectors.Persistence;
using TabularOd.Detectors.Probabilistic;
using Xunit.Abstractions;

namespace TabularOd.Tests.Detectors;

public class CopodTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(EcdfDetectorFixtures.Names), MemberType = typeof(EcdfDetectorFixtures))]
    public void ScoresMatchTheNumPyReimplementation(string name)
    {
        var fixture = EcdfDetectorFixtures.Cases[name];
        var transductive = new CopodDetector().Fit(fixture.Train);
        var inductive = new CopodDetector(new CopodOptions { Mode = EcdfMode.Inductive }).Fit(fixture.Train);

        double train = EcdfDetectorFixtures.AssertClose(fixture.Expected["copod.train"], transductive.TrainingScores.ToArray(), 1e-9, $"{name} train");
        EcdfDetectorFixtures.AssertClose(fixture.Expected["copod.train"], inductive.TrainingScores.ToArray(), 1e-9, $"{name} inductive train");
        double union = EcdfDetectorFixtures.AssertClose(fixture.Expected["copod.transductive"], transductive.Score(fixture.Test), 1e-9, $"{name} transductive");
        double frozen = EcdfDetectorFixtures.AssertClose(fixture.Expected["copod.inductive"], inductive.Score(fixture.Test), 1e-9, $"{name} inductive");
        output.WriteLine($"COPOD {name}: max |difference| train {train:E2}, transductive {union:E2}, inductive {frozen:E2}");
    }

    [Fact]
    public void TheScoreIsTheLargestOfTheThreeTailSums()
    {
        // Spec matrix, row (10, 1, 3): U_l = (0, log 6, log 1.2), U_r = (log 6, 0, log 2); signs (+, −, +) pick
        // (U_r, U_l, U_r) = (log 6, log 6, log 2). Left sum log 7.2, right sum log 12, skew sum log 72 wins.
        var model = new CopodDetector().Fit(EcodTests.SpecTrain);

        Assert.Equal(Math.Log(72), model.TrainingScores[4], 12);
    }

    [Fact]
    public void ItDiffersFromEcodWhereTheFormulasDisagree()
    {
        var ecod = new EcodDetector().Fit(EcodTests.SpecTrain).TrainingScores.ToArray();
        var copod = new CopodDetector().Fit(EcodTests.SpecTrain).TrainingScores.ToArray();

        Assert.NotEqual(ecod, copod);
    }

    [Fact]
    public void AConstantColumnContributesNothing()
    {
        var train = EcodTests.Gaussian(50, 2, seed: 11);
        var withConstant = new DataMatrix(50, 3);
        for (int i = 0; i < 50; i++)
        {
            withConstant[i, 0] = -3;
            train.Row(i).CopyTo(withConstant.Row(i)[1..]);
        }

        var plain = new CopodDetector().Fit(train);
        var padded = new CopodDetector().Fit(withConstant);

        Assert.Equal(plain.TrainingScores.ToArray(), padded.TrainingScores.ToArray());
    }

    [Fact]
    public void InductiveScoresDoNotDependOnTheBatch()
    {
        var model = new CopodDetector(new CopodOptions { Mode = EcdfMode.Inductive }).Fit(EcodTests.Gaussian(100, 4, seed: 12));
        var rows = EcodTests.Gaussian(30, 4, seed: 13);

        var whole = model.Score(rows);
        var single = Enumerable.Range(0, rows.Rows).Select(i => model.Score(rows.SelectRows([i]))[0]);

        Assert.Equal(whole, single);
    }

    [Fact]
    public void InductiveModelsRoundTripThroughTheModelFile()
    {
        var model = new CopodDetector(new CopodOptions { Mode = EcdfMode.Inductive, Contamination = 0.05 }).Fit(EcodTests.SpecTrain);
        using var stream = new MemoryStream();

        model.Save(stream);
        stream.Position = 0;
        var loaded = ModelFile.Read(stream);

        Assert.Equal(model.Options, loaded.Options);
        Assert.Equal(model.Score(EcodTests.SpecRows), loaded.Score(EcodTests.SpecRows));
    }

    [Fact]
    public void ADamagedSortedColumnIsRefusedOnLoad()
    {
        var model = new CopodDetector().Fit(EcodTests.SpecTrain);
        using var stream = new MemoryStream();
        model.Save(stream);
        var bytes = stream.ToArray();
        // The last stored value is the largest of the last sorted column; make it smaller than its neighbour.
        BitConverter.GetBytes(-1e9).CopyTo(bytes, bytes.Length - sizeof(double));

        var error = Assert.Throws<InvalidDataException>(() => ModelFile.Read(new MemoryStream(bytes)));
        Assert.Contains("sorted", error.Message);
    }

    [Fact]
    public void TheCatalogEntryDescribesTheDefaultMode()
    {
        var descriptor = DetectorCatalog.Get("copod");

        Assert.False(descriptor.Inductive);
        Assert.True(descriptor.Deterministic);
        Assert.False(descriptor.NeedsScaling);
        Assert.Equal(EcdfMode.Transductive, ((CopodOptions)descriptor.CreateFrom(new Dictionary<string, string>()).Options).Mode);
    }
}
