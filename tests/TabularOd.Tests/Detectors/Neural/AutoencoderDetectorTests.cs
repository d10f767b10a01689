using TabularOd.Compute;
using TabularOd.Data;
using TabularOd.Detectors;
using TabularOd.Detectors.Neural;
using TabularOd.Detectors.Persistence;
using TabularOd.Neural;
using TabularOd.Tests.Detectors.Conformance;
using static TabularOd.Tests.Detectors.Neural.AutoencoderScoresByHand;

namespace TabularOd.Tests.Detectors.Neural;

public class AutoencoderDetectorTests
{
    // Short runs: these tests check the scoring arithmetic, not how well 1000 epochs fit.
    private static readonly AutoencoderOptions Quick = new() { Epochs = 60, Seeds = 2, Seed = 4 };

    [Fact]
    public void TheStandardiserUsesTheTrainingMeanAndPopulationStdPlusEpsilon()
    {
        var train = ConformanceData.Inliers();
        var model = ModelOf(new AutoencoderDetector(Quick with { Epochs = 1 }).Fit(train));
        for (int j = 0; j < train.Columns; j++)
        {
            var column = train.Column(j).ToArray();
            double mean = column.Average();
            double std = Math.Sqrt(column.Sum(x => (x - mean) * (x - mean)) / column.Length);
            Assert.Equal(mean, model.Mean[j], 1e-12);
            Assert.Equal(std + 1e-5, model.Scale[j], 1e-12);
        }
    }

    [Fact]
    public void ScoresAreTheAverageOfEachNetworksNormalisedSquaredError()
    {
        var train = ConformanceData.Inliers();
        var (rows, _) = ConformanceData.TestSet();
        var fitted = new AutoencoderDetector(Quick with { Seeds = 3 }).Fit(train);
        var model = ModelOf(fitted);
        var z = Standardised(model, rows);
        var zTrain = Standardised(model, train);

        var trainingRaw = Raw(model, zTrain, zTrain, ReconstructionErrors.SquaredError);
        Assert.Equal(trainingRaw.Select(r => r.Min()), model.Minimum);
        Assert.Equal(trainingRaw.Select(r => r.Max()), model.Maximum);
        AssertClose(Combined(model, trainingRaw), fitted.TrainingScores.ToArray());
        AssertClose(Combined(model, Raw(model, z, z, ReconstructionErrors.SquaredError)), fitted.Score(rows));
        Assert.All(fitted.TrainingScores.ToArray(), s => Assert.InRange(s, 0, 1));
    }

    [Fact]
    public void WithOneSeedTheTrainingScoresSpanExactlyZeroToOne()
    {
        var fitted = new AutoencoderDetector(Quick with { Seeds = 1 }).Fit(ConformanceData.Inliers());
        Assert.Equal(0.0, fitted.TrainingScores.ToArray().Min());
        Assert.Equal(1.0, fitted.TrainingScores.ToArray().Max());
    }

    [Fact]
    public void MeanShiftScoringTrainsTheSameNetworksButScoresAgainstTheShiftedRows()
    {
        var train = ConformanceData.Inliers();
        var (rows, labels) = ConformanceData.TestSet();
        var plain = ModelOf(new AutoencoderDetector(Quick).Fit(train));
        var fitted = new AutoencoderDetector(Quick with { MeanShiftScoring = true, MeanShiftNeighbours = 5, MeanShiftIterations = 2 }).Fit(train);
        var model = ModelOf(fitted);

        for (int s = 0; s < model.Members.Count; s++)
        {
            for (int p = 0; p < model.Members[s].Parameters.Count; p++)
            {
                Assert.Equal(plain.Members[s].Parameters[p].Values, model.Members[s].Parameters[p].Values);
            }
        }
        Assert.NotNull(model.Shift);
        Assert.Equal(5, model.Shift.K);
        Assert.Equal(2, model.Shift.Iterations);

        var zTrain = Standardised(model, train);
        var z = Standardised(model, rows);
        AssertClose(Combined(model, Raw(model, zTrain, model.Shift.ShiftedTraining, ReconstructionErrors.SquaredError)), fitted.TrainingScores.ToArray());
        AssertClose(Combined(model, Raw(model, z, model.Shift.Shift(z), ReconstructionErrors.SquaredError)), fitted.Score(rows));
        Assert.True(TabularOd.Evaluation.OutlierMetrics.Auroc(labels, fitted.Score(rows)) > 0.9);
    }

    [Fact]
    public void MeanShiftScoringIsBatchInvariantAndSurvivesSaveAndLoad()
    {
        var fitted = new AutoencoderDetector(Quick with { MeanShiftScoring = true, Contamination = 0.2 }).Fit(ConformanceData.Inliers());
        var (rows, _) = ConformanceData.TestSet();
        var whole = fitted.Score(rows);
        var oneByOne = Enumerable.Range(0, rows.Rows).Select(i => fitted.Score(rows.SelectRows([i]))[0]).ToArray();
        Assert.Equal(whole, oneByOne);

        using var stream = new MemoryStream();
        fitted.Save(stream);
        stream.Position = 0;
        var loaded = ModelFile.Read(stream);
        Assert.Equal(fitted.Options, loaded.Options);
        Assert.Equal(fitted.TrainingScores.ToArray(), loaded.TrainingScores.ToArray());
        Assert.Equal(whole, loaded.Score(rows));
    }

    [Fact]
    public void MiniBatchTrainingIsSeededAndDiffersFromFullBatch()
    {
        var train = ConformanceData.Inliers();
        var (rows, _) = ConformanceData.TestSet();
        var options = Quick with { BatchSize = 16 };

        var a = new AutoencoderDetector(options).Fit(train).Score(rows);
        var b = new AutoencoderDetector(options).Fit(train).Score(rows);
        var full = new AutoencoderDetector(Quick).Fit(train).Score(rows);

        Assert.Equal(a, b);
        Assert.NotEqual(a, full);
    }

    [Fact]
    public void FittingDoesNotDependOnTheThreadCount()
    {
        var train = ConformanceData.Inliers(300, d: 6);
        var (rows, _) = ConformanceData.TestSet(d: 6);
        var detector = new AutoencoderDetector(Quick with { Seeds = 3 });

        var parallel = detector.Fit(train);
        FittedDetector? serial = null;
        ComputeParallelism.For(1, 1, _ => serial = detector.Fit(train));

        Assert.Equal(parallel.TrainingScores.ToArray(), serial!.TrainingScores.ToArray());
        Assert.Equal(parallel.Score(rows), serial.Score(rows));
    }

    [Theory]
    [InlineData(50, 0, 50)]
    [InlineData(4096, 0, 4096)]
    [InlineData(4097, 0, 1024)]
    [InlineData(50, 16, 16)]
    [InlineData(50, 500, 50)]
    public void TheAutomaticBatchSizeIsFullUpToTheDocumentedRowCount(int rows, int requested, int effective) =>
        Assert.Equal(effective, new AutoencoderOptions { BatchSize = requested }.EffectiveBatchSize(rows));

    [Theory]
    [InlineData("epochs", "0", "The 'Epochs' parameter of AutoencoderDetector must be ≥ 1. Got 0.")]
    [InlineData("learning_rate", "0", "The 'LearningRate' parameter of AutoencoderDetector must be finite and > 0. Got 0.")]
    [InlineData("batch_size", "-1", "The 'BatchSize' parameter of AutoencoderDetector must be ≥ 0. Got -1.")]
    [InlineData("seeds", "0", "The 'Seeds' parameter of AutoencoderDetector must be ≥ 1. Got 0.")]
    [InlineData("mss_k", "0", "The 'MeanShiftNeighbours' parameter of AutoencoderDetector must be ≥ 1. Got 0.")]
    [InlineData("mss_m", "4", "The 'MeanShiftIterations' parameter of AutoencoderDetector must be in [1, 3]. Got 4.")]
    public void BadOptionsAreRefusedInTheProjectFormat(string parameter, string value, string message)
    {
        var detector = DetectorCatalog.Get("ae").CreateFrom(new Dictionary<string, string> { [parameter] = value });
        var error = Assert.Throws<ArgumentException>(() => detector.Fit(ConformanceData.Inliers()));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void ACorruptedModelFileIsRefused()
    {
        var fitted = new AutoencoderDetector(Quick with { Epochs = 1 }).Fit(ConformanceData.Inliers());
        using var stream = new MemoryStream();
        fitted.Save(stream);
        var bytes = stream.ToArray();
        using var truncated = new MemoryStream(bytes[..^40]);
        Assert.ThrowsAny<Exception>(() => ModelFile.Read(truncated));
    }
}
