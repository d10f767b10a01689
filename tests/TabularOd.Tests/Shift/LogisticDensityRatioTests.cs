using TabularOd.Data;
using TabularOd.Evaluation;
using TabularOd.Shift;

namespace TabularOd.Tests.Shift;

public class LogisticDensityRatioTests
{
    [Fact]
    public void IntegerWeightsEqualRepeatedRows()
    {
        var x = DataMatrix.FromArray(new double[,] { { 0.1, 1 }, { -0.4, 0.2 }, { 1.5, -0.3 }, { 0.7, 0.9 }, { -1.2, -1 } });
        int[] y = [0, 0, 1, 1, 0];
        double[] w = [1, 3, 2, 1, 1];
        int[] repeated = [0, 1, 1, 1, 2, 2, 3, 4];

        var weighted = L2LogisticRegression.Fit(x, y, w);
        var expanded = L2LogisticRegression.Fit(x.SelectRows(repeated), repeated.Select(i => y[i]).ToArray());

        Assert.Equal(expanded.Intercept, weighted.Intercept, 9);
        for (int j = 0; j < 2; j++)
        {
            Assert.Equal(expanded.Coefficients[j], weighted.Coefficients[j], 9);
        }
    }

    [Fact]
    public void SeparableDataStaysFiniteUnderThePenalty()
    {
        var x = DataMatrix.FromArray(new double[,] { { -2 }, { -1 }, { 1 }, { 2 } });
        var model = L2LogisticRegression.Fit(x, [0, 0, 1, 1]);

        Assert.True(model.Converged);
        Assert.True(double.IsFinite(model.Coefficients[0]) && model.Coefficients[0] > 0);
    }

    [Fact]
    public void TestRowsOutsideTheTrainingRangeGetAHighProbabilityOfBeingTestRows()
    {
        var (train, test, outside) = ShiftScenarios.OutsideSupport(150, 120, 30, seed: 11);

        var weights = LogisticDensityRatio.Fit(train, test);

        Assert.True(OutlierMetrics.Auroc(outside, weights.TestScores!) >= 0.9);
        Assert.Equal(train.Rows, weights.TrainWeights.Sum(), 9);
        Assert.All(weights.TestWeights, a => Assert.Equal(1.0, a));
    }

    [Fact]
    public void TheBalancedPosteriorIgnoresTheSampleSizes()
    {
        // P(test | x) = t/(n + t) is "no information": balanced, it is one half.
        Assert.Equal(0.5, LogisticDensityRatio.BalancedPosterior(10.0 / 110, 100, 10), 12);
        Assert.Equal(1.0, LogisticDensityRatio.BalancedPosterior(1.0, 100, 10));
        Assert.Equal(0.0, LogisticDensityRatio.BalancedPosterior(0.0, 100, 10));
    }
}
