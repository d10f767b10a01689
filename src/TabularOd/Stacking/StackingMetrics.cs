namespace TabularOd.Stacking;

/// <summary>Losses the stacking reports share, weighted by the sample weights when there are any.</summary>
internal static class StackingMetrics
{
    /// <summary>√(Σ wᵢ(yᵢ − ŷᵢ)² / Σ wᵢ), or the plain RMSE when <paramref name="sampleWeight"/> is empty.</summary>
    public static double Rmse(ReadOnlySpan<double> y, ReadOnlySpan<double> prediction, ReadOnlySpan<double> sampleWeight)
    {
        if (sampleWeight.IsEmpty)
        {
            return PredictionLosses.RootMeanSquaredError(y, prediction);
        }
        double sum = 0, total = 0;
        for (int i = 0; i < y.Length; i++)
        {
            double e = y[i] - prediction[i];
            sum += sampleWeight[i] * e * e;
            total += sampleWeight[i];
        }
        return Math.Sqrt(sum / total);
    }

    /// <summary>
    /// Weights (1/RMSEₘ)/Σ(1/RMSE) (SPEC §8 step 4). A zero RMSE takes all the weight (shared equally among the
    /// zeros); a non-finite one gets none.
    /// </summary>
    public static double[] InverseRmseWeights(ReadOnlySpan<double> rmse)
    {
        var weights = new double[rmse.Length];
        int zeros = 0;
        foreach (double r in rmse)
        {
            zeros += r == 0 ? 1 : 0;
        }
        double total = 0;
        for (int m = 0; m < rmse.Length; m++)
        {
            weights[m] = zeros > 0 ? (rmse[m] == 0 ? 1.0 : 0.0) : (double.IsFinite(rmse[m]) ? 1.0 / rmse[m] : 0.0);
            total += weights[m];
        }
        if (!(total > 0))
        {
            throw new ArgumentException("Inverse-RMSE weights need at least one finite RMSE.", nameof(rmse));
        }
        for (int m = 0; m < weights.Length; m++)
        {
            weights[m] /= total;
        }
        return weights;
    }

    /// <summary>The underlying linear model of a fitted meta-model.</summary>
    public static LinearModel Linear(IRegressionModel model) => model switch
    {
        LinearModel linear => linear,
        RidgeCvFit ridge => ridge.Model,
        ElasticNetCvFit net => net.Model.Model,
        ElasticNetFit fit => fit.Model,
        _ => throw new ArgumentException($"A stack holds linear meta-models only. Got {model.GetType().Name}.", nameof(model)),
    };
}
