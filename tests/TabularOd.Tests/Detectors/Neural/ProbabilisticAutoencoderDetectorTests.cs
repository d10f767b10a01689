using TabularOd.Detectors;
using TabularOd.Detectors.Neural;
using TabularOd.Evaluation;
using TabularOd.Neural;
using TabularOd.Tests.Detectors.Conformance;
using static TabularOd.Tests.Detectors.Neural.AutoencoderScoresByHand;

namespace TabularOd.Tests.Detectors.Neural;

public class ProbabilisticAutoencoderDetectorTests
{
    // Short runs: these tests check the scoring arithmetic, not how well 1000 epochs fit.
    private static readonly ProbabilisticAutoencoderOptions Quick = new() { Epochs = 60, Seeds = 2, Seed = 5 };

    [Fact]
    public void ScoresAreTheAverageOfEachNetworksNormalisedApre()
    {
        var train = ConformanceData.Inliers();
        var (rows, _) = ConformanceData.TestSet();
        var fitted = new ProbabilisticAutoencoderDetector(Quick with { Alpha = 1.5, Beta = 0.25 }).Fit(train);
        var model = ModelOf(fitted);
        var zTrain = Standardised(model, train);
        var z = Standardised(model, rows);

        // APRE(1.5, 0.25) written out: μ = first d outputs, σ² = last d.
        double Apre(ReadOnlySpan<double> output, ReadOnlySpan<double> target)
        {
            int d = target.Length;
            double residuals = 0, logs = 0;
            for (int j = 0; j < d; j++)
            {
                double v = output[d + j] + 1e-5;
                residuals += (target[j] - output[j]) * (target[j] - output[j]) / v;
                logs += Math.Log(v);
            }
            return (1.5 * residuals) + (0.25 * logs);
        }

        AssertClose(Combined(model, Raw(model, zTrain, zTrain, Apre)), fitted.TrainingScores.ToArray());
        AssertClose(Combined(model, Raw(model, z, z, Apre)), fitted.Score(rows));
    }

    [Fact]
    public void TheVarianceHeadIsPositive()
    {
        var model = ModelOf(new ProbabilisticAutoencoderDetector(Quick).Fit(ConformanceData.Inliers()));
        var (rows, _) = ConformanceData.TestSet();
        var z = Standardised(model, rows);
        foreach (var network in model.Members)
        {
            var output = new double[network.OutputWidth];
            var scratch = new double[network.RowScratchLength];
            for (int i = 0; i < rows.Rows; i++)
            {
                network.ForwardRow(z.Row(i), output, scratch);
                Assert.All(output[4..], v => Assert.True(v >= 0));
            }
        }
    }

    [Fact]
    public void AlphaAndBetaChangeTheScoresButNotTheTraining()
    {
        var train = ConformanceData.Inliers();
        var (rows, _) = ConformanceData.TestSet();
        var byDefault = new ProbabilisticAutoencoderDetector(Quick).Fit(train);
        var reweighted = new ProbabilisticAutoencoderDetector(Quick with { Alpha = 1, Beta = 1 }).Fit(train);

        var a = ModelOf(byDefault);
        var b = ModelOf(reweighted);
        for (int s = 0; s < a.Members.Count; s++)
        {
            for (int p = 0; p < a.Members[s].Parameters.Count; p++)
            {
                Assert.Equal(a.Members[s].Parameters[p].Values, b.Members[s].Parameters[p].Values);
            }
        }
        Assert.NotEqual(byDefault.Score(rows), reweighted.Score(rows));
    }

    [Fact]
    public void MeanShiftScoringTakesTheResidualsAgainstTheShiftedRows()
    {
        var train = ConformanceData.Inliers();
        var (rows, labels) = ConformanceData.TestSet();
        var fitted = new ProbabilisticAutoencoderDetector(Quick with { MeanShiftScoring = true }).Fit(train);
        var model = ModelOf(fitted);
        Assert.NotNull(model.Shift);
        Assert.Equal(10, model.Shift.K);
        Assert.Equal(1, model.Shift.Iterations);

        double Apre(ReadOnlySpan<double> output, ReadOnlySpan<double> target) => ReconstructionErrors.Probabilistic(output, target, 0.5, 2);
        var zTrain = Standardised(model, train);
        var z = Standardised(model, rows);
        AssertClose(Combined(model, Raw(model, zTrain, model.Shift.ShiftedTraining, Apre)), fitted.TrainingScores.ToArray());
        AssertClose(Combined(model, Raw(model, z, model.Shift.Shift(z), Apre)), fitted.Score(rows));
        Assert.True(OutlierMetrics.Auroc(labels, fitted.Score(rows)) > 0.9);
    }

    [Theory]
    [InlineData("alpha", "-1", "The 'Alpha' parameter of ProbabilisticAutoencoderDetector must be finite and ≥ 0. Got -1.")]
    [InlineData("beta", "NaN", "The 'Beta' parameter of ProbabilisticAutoencoderDetector must be finite and ≥ 0. Got NaN.")]
    [InlineData("epochs", "0", "The 'Epochs' parameter of ProbabilisticAutoencoderDetector must be ≥ 1. Got 0.")]
    [InlineData("learning_rate", "Infinity", "The 'LearningRate' parameter of ProbabilisticAutoencoderDetector must be finite and > 0. Got Infinity.")]
    public void BadOptionsAreRefusedInTheProjectFormat(string parameter, string value, string message)
    {
        var detector = DetectorCatalog.Get("pae").CreateFrom(new Dictionary<string, string> { [parameter] = value });
        var error = Assert.Throws<ArgumentException>(() => detector.Fit(ConformanceData.Inliers()));
        Assert.Equal(message, error.Message);
    }
}
