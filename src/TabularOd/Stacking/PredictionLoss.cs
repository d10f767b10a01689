namespace TabularOd.Stacking;

/// <summary>
/// A loss of a prediction vector against the target, lower is better: what hill climbing minimises. A delegate
/// rather than an enum so that AUROC-style losses for outlier scores (SPEC §8, last paragraph) can be plugged in.
/// </summary>
public delegate double PredictionLoss(ReadOnlySpan<double> target, ReadOnlySpan<double> prediction);

/// <summary>Ready-made <see cref="PredictionLoss"/> functions.</summary>
public static class PredictionLosses
{
    /// <summary>Root mean squared error √(mean (y − ŷ)²).</summary>
    public static PredictionLoss Rmse { get; } = RootMeanSquaredError;

    /// <summary>Mean squared error mean (y − ŷ)².</summary>
    public static PredictionLoss Mse { get; } = MeanSquaredError;

    /// <summary>Root mean squared error, as a method for callers that need no delegate.</summary>
    public static double RootMeanSquaredError(ReadOnlySpan<double> target, ReadOnlySpan<double> prediction) =>
        Math.Sqrt(MeanSquaredError(target, prediction));

    /// <summary>Mean squared error, summed in row order.</summary>
    public static double MeanSquaredError(ReadOnlySpan<double> target, ReadOnlySpan<double> prediction)
    {
        if (target.Length != prediction.Length)
        {
            throw new ArgumentException($"The prediction needs one value per target value: {target.Length}. Got {prediction.Length}.", nameof(prediction));
        }
        if (target.IsEmpty)
        {
            throw new ArgumentException("A loss needs at least one target value.", nameof(target));
        }
        double sum = 0;
        for (int i = 0; i < target.Length; i++)
        {
            double e = target[i] - prediction[i];
            sum += e * e;
        }
        return sum / target.Length;
    }
}
