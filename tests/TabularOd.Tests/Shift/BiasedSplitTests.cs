using TabularOd.Shift;

namespace TabularOd.Tests.Shift;

/// <summary>
/// The use the weights are for: on a biased split (SPEC §6, the double-weighting paper's protocol) a logistic model
/// weighted by β classifies the test rows better than the unweighted one. Averaged over three seeds so one lucky
/// draw cannot carry the claim; the benchmark's shift mode runs more seeds and sizes.
/// </summary>
public class BiasedSplitTests
{
    private static readonly long[] Seeds = [1, 2, 3];

    public static TheoryData<ShiftMethod> Methods() => new() { ShiftMethod.DwKmm, ShiftMethod.Kmm, ShiftMethod.Logistic };

    [Theory]
    [MemberData(nameof(Methods))]
    public void WeightedLogisticRegressionBeatsTheUnweightedOne(ShiftMethod method)
    {
        double unweighted = 0, weighted = 0;
        foreach (long seed in Seeds)
        {
            var (train, trainLabels, test, testLabels) = ShiftScenarios.BiasedSplit(200, 200, seed);
            var beta = method switch
            {
                ShiftMethod.DwKmm => DoubleWeighting.Fit(train, test).TrainWeights,
                ShiftMethod.Kmm => KernelMeanMatching.Fit(train, test).TrainWeights,
                _ => LogisticDensityRatio.Fit(train, test).TrainWeights,
            };
            unweighted += ShiftScenarios.WeightedLogisticAccuracy(train, trainLabels, null, test, testLabels) / Seeds.Length;
            weighted += ShiftScenarios.WeightedLogisticAccuracy(train, trainLabels, beta, test, testLabels) / Seeds.Length;
        }
        Assert.True(weighted > unweighted, $"{method}: weighted test accuracy {weighted:F4} vs unweighted {unweighted:F4}");
    }
}
