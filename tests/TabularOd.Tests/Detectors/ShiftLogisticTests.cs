using TabularOd.Detectors.Shift;
using TabularOd.Evaluation;
using TabularOd.Shift;

namespace TabularOd.Tests.Detectors;

public class ShiftLogisticTests
{
    [Fact]
    public void ABatchOutsideTheTrainingRangeScoresHigh()
    {
        var (train, test, outside) = ShiftScenarios.OutsideSupport(150, 120, 30, seed: 11);

        var model = new ShiftLogisticDetector().Fit(train);
        var scores = model.Score(test);

        Assert.True(OutlierMetrics.Auroc(outside, scores) >= 0.9);
        Assert.All(scores, s => Assert.InRange(s, 0, 1));
        Assert.False(ShiftLogisticDetector.Descriptor.Inductive);
    }

    [Fact]
    public void AOneRowBatchGetsAFiniteScore()
    {
        var (train, test, _) = ShiftScenarios.OutsideSupport(60, 1, 1, seed: 2);
        var model = new ShiftLogisticDetector().Fit(train);

        double near = model.Score(test.SelectRows([0]))[0];
        double far = model.Score(test.SelectRows([1]))[0];

        Assert.InRange(near, 0, 1);
        Assert.True(far > near, $"far {far} vs near {near}");
    }
}
