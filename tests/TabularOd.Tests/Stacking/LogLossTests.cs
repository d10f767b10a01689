using System.Text.Json;
using TabularOd.Stacking;
using TabularOd.Tests.Support;

namespace TabularOd.Tests.Stacking;

/// <summary>
/// <see cref="PredictionLosses.BinaryLogLoss"/> against scikit-learn's <c>log_loss</c> on the committed cases of
/// Fixtures/stacking/log_loss_cases.json (written by benchmarks/peers/make_logloss_fixture.py).
/// </summary>
public sealed class LogLossTests
{
    private sealed record Case(string Name, double[] Target, double[] Prediction, double[] Weights, double LogLoss);

    private static readonly Lazy<IReadOnlyDictionary<string, Case>> Cases = new(() =>
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.Fixtures, "stacking", "log_loss_cases.json")));
        static double[] Values(JsonElement e) => [.. e.EnumerateArray().Select(v => v.GetDouble())];
        return document.RootElement.GetProperty("cases").EnumerateArray()
            .Select(c => new Case(c.GetProperty("name").GetString()!, Values(c.GetProperty("target")), Values(c.GetProperty("prediction")),
                Values(c.GetProperty("weights")), c.GetProperty("log_loss").GetDouble()))
            .ToDictionary(c => c.Name);
    });

    [Theory]
    [InlineData("random")]
    [InlineData("beyond_0_1")]
    [InlineData("exact_0_and_1")]
    [InlineData("one_class")]
    [InlineData("weighted")]
    [InlineData("weighted_beyond")]
    public void EqualsScikitLearn(string name)
    {
        var c = Cases.Value[name];
        double ours = PredictionLosses.BinaryLogLoss(c.Target, c.Prediction, c.Weights);
        Assert.True(Math.Abs(ours - c.LogLoss) <= 1e-12 * Math.Max(1.0, c.LogLoss), $"{name}: {ours} vs scikit-learn {c.LogLoss}");
        if (c.Weights.Length == 0)
        {
            Assert.Equal(ours, PredictionLosses.LogLoss(c.Target, c.Prediction));
        }
    }

    [Fact]
    public void RefusesANonBinaryTargetAndNaN()
    {
        var error = Assert.Throws<ArgumentException>(() => PredictionLosses.BinaryLogLoss([0, 1, 0.5], [0.2, 0.7, 0.4], default));
        Assert.Contains("Row 2 holds 0.5", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => PredictionLosses.BinaryLogLoss([0, 1], [0.2, double.NaN], default));
        Assert.Throws<ArgumentException>(() => PredictionLosses.BinaryLogLoss([0, 1], [0.2], default));
    }

    [Fact]
    public void HillClimbing_MinimisesLogLossWhenAsked()
    {
        // m1 hedges, m2 is sharp and confidently wrong on the last row: squared error and log-loss weigh that row very
        // differently, so the two selections differ, and each is best under its own loss.
        double[] y = [0, 0, 0, 1, 1, 1, 0, 1];
        var predictions = TabularOd.Data.DataMatrix.FromRowMajor(8, 2,
        [
            0.4, 0.0, 0.4, 0.0, 0.4, 0.0, 0.6, 1.0, 0.6, 1.0, 0.6, 1.0, 0.4, 0.0, 0.45, 0.0,
        ]);
        var byRmse = new HillClimbingSelector(new HillClimbingOptions()).Select(predictions, y);
        var byLogLoss = new HillClimbingSelector(new HillClimbingOptions { Loss = PredictionLosses.LogLoss }).Select(predictions, y);

        double[] Blend(HillClimbingResult r) =>
            [.. Enumerable.Range(0, 8).Select(i => (r.Weights[0] * predictions[i, 0]) + (r.Weights[1] * predictions[i, 1]))];
        Assert.NotEqual(byRmse.Weights, byLogLoss.Weights);
        Assert.Equal(PredictionLosses.LogLoss(y, Blend(byLogLoss)), byLogLoss.BestLoss, 12);
        Assert.True(PredictionLosses.LogLoss(y, Blend(byLogLoss)) < PredictionLosses.LogLoss(y, Blend(byRmse)));
        Assert.True(PredictionLosses.Rmse(y, Blend(byRmse)) < PredictionLosses.Rmse(y, Blend(byLogLoss)));
    }
}
