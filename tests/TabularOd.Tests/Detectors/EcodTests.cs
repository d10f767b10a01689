using TabularOd.Data;
using TabularOd.Detectors;
using TabularOd.Detectors.Persistence;
using TabularOd.Detectors.Probabilistic;
using TabularOd.Sampling;
using Xunit.Abstractions;

namespace TabularOd.Tests.Detectors;

public class EcodTests(ITestOutputHelper output)
{
    internal static readonly DataMatrix SpecTrain = DataMatrix.FromArray(new double[,]
    {
        { 1, 5, 3 }, { 2, 5, 1 }, { 3, 4, 2 }, { 4, 3, 2 }, { 10, 1, 3 }, { 2, 5, 7 },
    });

    internal static readonly DataMatrix SpecRows = DataMatrix.FromArray(new double[,] { { 2.5, 4, 2 }, { 20, 0, 9 } });

    [Fact]
    public void TrainingScoresMatchTheSpecificationVectors()
    {
        var model = new EcodDetector().Fit(SpecTrain);

        double largest = EcdfDetectorFixtures.AssertClose(
            [1.935601, 1.680188, 1.824029, 2.634959, 4.276666, 2.576067], model.TrainingScores.ToArray(), 1e-6, "ECOD spec training");
        output.WriteLine($"ECOD SPEC training max |difference|: {largest:E2}");
    }

    [Fact]
    public void NewRowsScoredOnTheUnionMatchTheSpecificationVectors()
    {
        var model = new EcodDetector().Fit(SpecTrain);

        double largest = EcdfDetectorFixtures.AssertClose([1.464918, 6.238325], model.Score(SpecRows), 1e-6, "ECOD spec new rows");
        output.WriteLine($"ECOD SPEC new rows max |difference|: {largest:E2}");
    }

    [Fact]
    public void SkewSignsOfTheSpecificationMatrixArePlusMinusPlus()
    {
        var tails = ColumnTails.Fit(SpecTrain, EcodDetector.RowScore).Tails;
        Assert.Equal(new[] { 1, -1, 1 }, tails.SkewSigns.ToArray());
    }

    [Theory]
    [MemberData(nameof(EcdfDetectorFixtures.Names), MemberType = typeof(EcdfDetectorFixtures))]
    public void ScoresMatchTheNumPyReimplementation(string name)
    {
        var fixture = EcdfDetectorFixtures.Cases[name];
        var transductive = new EcodDetector().Fit(fixture.Train);
        var inductive = new EcodDetector(new EcodOptions { Mode = EcdfMode.Inductive }).Fit(fixture.Train);

        double train = EcdfDetectorFixtures.AssertClose(fixture.Expected["ecod.train"], transductive.TrainingScores.ToArray(), 1e-9, $"{name} train");
        EcdfDetectorFixtures.AssertClose(fixture.Expected["ecod.train"], inductive.TrainingScores.ToArray(), 1e-9, $"{name} inductive train");
        double union = EcdfDetectorFixtures.AssertClose(fixture.Expected["ecod.transductive"], transductive.Score(fixture.Test), 1e-9, $"{name} transductive");
        double frozen = EcdfDetectorFixtures.AssertClose(fixture.Expected["ecod.inductive"], inductive.Score(fixture.Test), 1e-9, $"{name} inductive");
        Assert.Equal(fixture.Expected["ecod.skew_signs"], ColumnTails.Fit(fixture.Train, EcodDetector.RowScore).Tails.SkewSigns.ToArray().Select(s => (double)s));
        output.WriteLine($"ECOD {name}: max |difference| train {train:E2}, transductive {union:E2}, inductive {frozen:E2}");
    }

    [Fact]
    public void AHandWorkedColumnScoresItsTails()
    {
        // Column (1, 2, 3, 4) is symmetric (skew sign 0), so the skew tail is U_l + U_r and wins the max.
        var model = new EcodDetector().Fit(DataMatrix.FromArray(new double[,] { { 1 }, { 2 }, { 3 }, { 4 } }));

        double[] expected = [Math.Log(4), Math.Log(4.0 / 3) + Math.Log(4.0 / 2), Math.Log(4.0 / 3) + Math.Log(4.0 / 2), Math.Log(4)];
        EcdfDetectorFixtures.AssertClose(expected, model.TrainingScores.ToArray(), 1e-15, "hand-worked");
    }

    [Fact]
    public void InductiveScoresUseTheFrozenEcdfWithAPseudoCount()
    {
        var model = new EcodDetector(new EcodOptions { Mode = EcdfMode.Inductive }).Fit(DataMatrix.FromArray(new double[,] { { 1 }, { 2 }, { 3 }, { 4 } }));

        // 10 is above all four: F_l = 5/5, F_r = 1/5; 2.5 has two on each side: F = 3/5 both ways. Sign 0 sums both tails.
        var scores = model.Score(DataMatrix.FromArray(new double[,] { { 10 }, { 2.5 } }));

        EcdfDetectorFixtures.AssertClose([Math.Log(5), 2 * Math.Log(5.0 / 3)], scores, 1e-15, "inductive");
    }

    [Fact]
    public void TransductiveScoresDependOnTheBatchAndInductiveOnesDoNot()
    {
        var transductive = new EcodDetector().Fit(SpecTrain);
        var inductive = new EcodDetector(new EcodOptions { Mode = EcdfMode.Inductive }).Fit(SpecTrain);
        var first = SpecRows.SelectRows([0]);

        Assert.NotEqual(transductive.Score(SpecRows)[0], transductive.Score(first)[0]);
        Assert.Equal(inductive.Score(SpecRows)[0], inductive.Score(first)[0]);
    }

    [Fact]
    public void TransductiveScoresFollowTheRowsWhenTheBatchIsPermuted()
    {
        var train = Gaussian(200, 5, seed: 4);
        var rows = Gaussian(50, 5, seed: 5);
        int[] order = [.. Enumerable.Range(0, 50).Reverse()];
        var model = new EcodDetector().Fit(train);

        var plain = model.Score(rows);
        var permuted = model.Score(rows.SelectRows(order));

        Assert.Equal(order.Select(i => plain[i]), permuted);
    }

    [Fact]
    public void AConstantColumnContributesNothing()
    {
        var train = Gaussian(60, 3, seed: 6);
        var withConstant = new DataMatrix(60, 4);
        for (int i = 0; i < 60; i++)
        {
            train.Row(i).CopyTo(withConstant.Row(i));
            withConstant[i, 3] = 7.25;
        }

        var plain = new EcodDetector().Fit(train);
        var padded = new EcodDetector().Fit(withConstant);

        Assert.Equal(plain.TrainingScores.ToArray(), padded.TrainingScores.ToArray());
        Assert.Equal(0, ColumnTails.Fit(withConstant, EcodDetector.RowScore).Tails.SkewSigns[3]);
    }

    [Fact]
    public void ALongConstantColumnHasNoSkewness()
    {
        // A naive mean of a million copies of 0.1 misses 0.1 by far more than SciPy's resolution guard.
        Assert.Equal(0, ColumnTails.SkewSignOfSorted(Enumerable.Repeat(0.1, 1_000_000).ToArray()));
        Assert.Equal(0, ColumnTails.SkewSignOfSorted([3.0]));
        Assert.Equal(1, ColumnTails.SkewSignOfSorted([0, 0, 0, 1]));
        Assert.Equal(-1, ColumnTails.SkewSignOfSorted([0, 1, 1, 1]));
    }

    [Fact]
    public void ParallelBlocksGiveTheSameBitsAsOneRowAtATime()
    {
        var train = Gaussian(3000, 12, seed: 7);
        var rows = Gaussian(3000, 12, seed: 8);
        var model = new EcodDetector(new EcodOptions { Mode = EcdfMode.Inductive }).Fit(train);

        var whole = model.Score(rows);
        var single = Enumerable.Range(0, rows.Rows).Select(i => model.Score(rows.SelectRows([i]))[0]);

        Assert.Equal(whole, single);
    }

    [Fact]
    public void InductiveModelsRoundTripThroughTheModelFile()
    {
        var model = new EcodDetector(new EcodOptions { Mode = EcdfMode.Inductive, Contamination = 0.2 }).Fit(SpecTrain);
        using var stream = new MemoryStream();

        model.Save(stream);
        stream.Position = 0;
        var loaded = ModelFile.Read(stream);

        Assert.Equal(model.Options, loaded.Options);
        Assert.Equal(model.Score(SpecRows), loaded.Score(SpecRows));
    }

    [Fact]
    public void TheCatalogBuildsEitherMode()
    {
        var detector = DetectorCatalog.Get("ecod").CreateFrom(new Dictionary<string, string> { ["mode"] = "Inductive" });

        Assert.Equal(EcdfMode.Inductive, ((EcodOptions)detector.Options).Mode);
        Assert.False(EcodDetector.Descriptor.Inductive);
        Assert.False(EcodDetector.Descriptor.NeedsScaling);
        Assert.Throws<ArgumentException>(() => DetectorCatalog.Get("ecod").CreateFrom(new Dictionary<string, string> { ["mode"] = "sideways" }));
    }

    [Fact]
    public void AnUndefinedModeIsRefusedInTheProjectFormat()
    {
        var error = Assert.Throws<ArgumentException>(() => new EcodDetector(new EcodOptions { Mode = (EcdfMode)7 }).Fit(SpecTrain));
        Assert.Equal("The 'Mode' parameter of EcodDetector must be transductive or inductive. Got 7.", error.Message);
    }

    internal static DataMatrix Gaussian(int rows, int columns, long seed)
    {
        var random = new SeededRandom(seed);
        var values = new double[rows * columns];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = random.NextGaussian();
        }
        return DataMatrix.FromRowMajor(rows, columns, values);
    }
}
