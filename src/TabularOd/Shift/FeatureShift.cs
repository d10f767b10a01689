using TabularOd.Data;
using TabularOd.Evaluation;

namespace TabularOd.Shift;

/// <summary>Per-feature train-versus-test comparison: which single features moved most.</summary>
/// <remarks>
/// Features are ranked by their train-versus-test AUROC's distance from 0.5 (scale-free and robust to outliers),
/// the standardised mean difference reported beside it. A single-feature view: a shift that only shows in a
/// combination of features is the multivariate estimators' job.
/// </remarks>
public static class FeatureShift
{
    /// <summary>Every feature's drift, most shifted first (ties by column index).</summary>
    public static IReadOnlyList<FeatureDrift> Rank(DataMatrix train, DataMatrix test)
    {
        ShiftInput.Check(train, test, nameof(FeatureShift));
        int n = train.Rows, t = test.Rows, d = train.Columns;
        var labels = new int[n + t];
        labels.AsSpan(n).Fill(1);
        var values = new double[n + t];
        var result = new List<FeatureDrift>(d);
        for (int j = 0; j < d; j++)
        {
            for (int i = 0; i < n; i++)
            {
                values[i] = train[i, j];
            }
            for (int i = 0; i < t; i++)
            {
                values[n + i] = test[i, j];
            }
            var (trainMean, trainVariance) = MeanAndVariance(values.AsSpan(0, n));
            var (testMean, testVariance) = MeanAndVariance(values.AsSpan(n));
            double pooledSd = Math.Sqrt((trainVariance + testVariance) / 2);
            double smd = pooledSd > 0 ? (testMean - trainMean) / pooledSd : 0;
            double auroc = OutlierMetrics.Auroc(labels, values) ?? 0.5;
            result.Add(new FeatureDrift(j, trainMean, testMean, smd, auroc));
        }
        return result.OrderByDescending(r => r.Separation).ThenBy(r => r.Feature).ToArray();
    }

    private static (double Mean, double Variance) MeanAndVariance(ReadOnlySpan<double> values)
    {
        double mean = 0;
        foreach (double v in values)
        {
            mean += v;
        }
        mean /= values.Length;
        double squares = 0;
        foreach (double v in values)
        {
            squares += (v - mean) * (v - mean);
        }
        return (mean, squares / values.Length);
    }
}
