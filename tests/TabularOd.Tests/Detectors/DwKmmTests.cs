using TabularOd.Data;
using TabularOd.Detectors.Shift;
using TabularOd.Evaluation;
using TabularOd.Shift;

namespace TabularOd.Tests.Detectors;

public class DwKmmTests
{
    [Fact]
    public void ABatchOutsideTheTrainingSupportScoresHigh()
    {
        var (train, test, outside) = ShiftScenarios.OutsideSupport(150, 120, 30, seed: 11);

        var model = new DwKmmDetector().Fit(train);
        var scores = model.Score(test);

        Assert.True(OutlierMetrics.Auroc(outside, scores) >= 0.9);
        Assert.Equal(150, model.TrainingScores.Length);
        Assert.All(model.TrainingScores.ToArray(), s => Assert.InRange(s, 0, 1));
    }

    [Fact]
    public void AOneRowBatchScoresWithinTheBallOfOneRow()
    {
        var (train, test, _) = ShiftScenarios.OutsideSupport(60, 1, 1, seed: 2);
        var model = new DwKmmDetector().Fit(train);

        double near = model.Score(test.SelectRows([0]))[0];
        double far = model.Score(test.SelectRows([1]))[0];

        // t = 1, D = 4: ‖α − 1‖ ≤ (1 − 1/2)·1, so 1 − α ∈ [0, 0.5]. vᵀKv is homogeneous in (β, α), so a lone row's α
        // shrinks to the ball's edge wherever the row lies: a one-row batch carries no contrast (see the remarks).
        Assert.InRange(near, 0, 0.5 + 1e-9);
        Assert.InRange(far, 0, 0.5 + 1e-9);
        Assert.Equal(0.5, far, 6);
    }

    [Fact]
    public void ScoresDependOnTheBatchAndTheDescriptorSaysSo()
    {
        Assert.False(DwKmmDetector.Descriptor.Inductive);
        var (train, test, _) = ShiftScenarios.OutsideSupport(60, 20, 10, seed: 5);
        var model = new DwKmmDetector().Fit(train);

        double alone = model.Score(test.SelectRows([0]))[0];
        double inBatch = model.Score(test)[0];

        Assert.NotEqual(alone, inBatch);
    }

    [Fact]
    public void TrainingScoresAreCrossFittedBySeed()
    {
        var (train, _, _) = ShiftScenarios.OutsideSupport(50, 1, 0, seed: 6);

        var a = new DwKmmDetector(new DwKmmOptions { Seed = 1 }).Fit(train).TrainingScores.ToArray();
        var b = new DwKmmDetector(new DwKmmOptions { Seed = 1 }).Fit(train).TrainingScores.ToArray();
        var c = new DwKmmDetector(new DwKmmOptions { Seed = 2 }).Fit(train).TrainingScores.ToArray();

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Contains(a, s => s > 0);
    }

    [Fact]
    public void BelowMaxRowsTheScoresAreTheExactJointSolve()
    {
        // 150 training rows: each cross-fitting fold pools 150 rows and the test batch 150 + 150 = 300, all within 1000.
        var (train, test, _) = ShiftScenarios.OutsideSupport(150, 120, 30, seed: 11);

        var capped = new DwKmmDetector(new DwKmmOptions { Seed = 4 }).Fit(train);
        var unlimited = new DwKmmDetector(new DwKmmOptions { Seed = 4, MaxRows = int.MaxValue }).Fit(train);

        Assert.Equal(1000, DwKmmOptions.DefaultMaxRows);
        Assert.Equal(unlimited.TrainingScores.ToArray(), capped.TrainingScores.ToArray());
        var exact = TabularOd.Shift.DoubleWeighting.Fit(train, test, new TabularOd.Shift.DoubleWeightingOptions { Seed = 4 }).TestScores!;
        Assert.Equal(exact, capped.Score(test));
    }

    [Fact]
    public void AboveMaxRowsFitAndScoreRunOnSubsamplesAndChunksBySeed()
    {
        // 300 training rows and a 150-row batch against max_rows = 80: every fold and the batch take the chunked path.
        var (train, test, outside) = ShiftScenarios.OutsideSupport(300, 120, 30, seed: 12);
        DwKmmDetector Make(int seed) => (DwKmmDetector)DwKmmDetector.Descriptor.CreateFrom(new Dictionary<string, string>
        {
            ["max_rows"] = "80",
            ["seed"] = seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        var a = Make(1).Fit(train);
        var b = Make(1).Fit(train);
        var c = Make(2).Fit(train);
        var scoresA = a.Score(test);

        Assert.Equal(300, a.TrainingScores.Length);
        Assert.All(a.TrainingScores.ToArray(), s => Assert.InRange(s, 0, 1));
        Assert.All(scoresA, s => Assert.InRange(s, 0, 1));
        Assert.Equal(a.TrainingScores.ToArray(), b.TrainingScores.ToArray());
        Assert.Equal(scoresA, b.Score(test));
        Assert.NotEqual(scoresA, c.Score(test));
        Assert.True(OutlierMetrics.Auroc(outside, scoresA) >= 0.85);
    }

    [Fact]
    public void MaxRowsSurvivesSavingAndLoading()
    {
        var (train, test, _) = ShiftScenarios.OutsideSupport(100, 50, 10, seed: 3);
        var model = new DwKmmDetector(new DwKmmOptions { MaxRows = 60, Tolerance = 1e-5 }).Fit(train);

        using var stream = new MemoryStream();
        TabularOd.Detectors.Persistence.ModelFile.Write(model, stream);
        stream.Position = 0;
        var loaded = TabularOd.Detectors.Persistence.ModelFile.Read(stream);

        Assert.Equal(model.Score(test), loaded.Score(test));
    }

    [Fact]
    public void BadOptionsAreRefused()
    {
        var train = new DataMatrix(5, 2);
        var error = Assert.Throws<ArgumentException>(() => new DwKmmDetector(new DwKmmOptions { D = 0 }).Fit(train));
        Assert.Equal("The 'D' parameter of DwKmmDetector must be ≥ 1. Got 0.", error.Message);
        var rows = Assert.Throws<ArgumentException>(() => new DwKmmDetector(new DwKmmOptions { MaxRows = 10 }).Fit(train));
        Assert.Equal("The 'MaxRows' parameter of DwKmmDetector must be ≥ 20. Got 10.", rows.Message);
    }
}
