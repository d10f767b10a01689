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

    /// <summary>Binary log-loss of probabilities against a 0/1 target (<see cref="BinaryLogLoss"/>).</summary>
    public static PredictionLoss LogLoss { get; } = (target, prediction) => BinaryLogLoss(target, prediction, default);

    /// <summary>The probabilities are clipped to [ε, 1 − ε] before the logarithm, as scikit-learn's <c>log_loss</c> does.</summary>
    public const double LogLossEpsilon = 1e-15;

    /// <summary>
    /// Binary log-loss −Σ wᵢ[yᵢ log pᵢ + (1 − yᵢ) log(1 − pᵢ)] / Σ wᵢ (plain mean when <paramref name="sampleWeight"/> is
    /// empty), with pᵢ the prediction clipped to [<see cref="LogLossEpsilon"/>, 1 − <see cref="LogLossEpsilon"/>]:
    /// the predictions of a linear probability model (a stack fitted by squared error on a 0/1 target) may leave
    /// [0, 1], and a prediction of exactly 0 or 1 on the wrong class would otherwise cost an infinite loss.
    /// </summary>
    /// <exception cref="ArgumentException">A target value other than 0 or 1, a NaN prediction, or mismatched lengths.</exception>
    public static double BinaryLogLoss(ReadOnlySpan<double> target, ReadOnlySpan<double> prediction, ReadOnlySpan<double> sampleWeight)
    {
        if (target.Length != prediction.Length || (!sampleWeight.IsEmpty && sampleWeight.Length != target.Length))
        {
            throw new ArgumentException(
                $"Log-loss needs one prediction (and one weight, if any) per target value: {target.Length}. Got {prediction.Length} and {sampleWeight.Length}.",
                nameof(prediction));
        }
        if (target.IsEmpty)
        {
            throw new ArgumentException("A loss needs at least one target value.", nameof(target));
        }
        double sum = 0, total = 0;
        for (int i = 0; i < target.Length; i++)
        {
            if (target[i] is not (0.0 or 1.0))
            {
                throw new ArgumentException($"Log-loss needs a 0/1 target. Row {i} holds {target[i]}.", nameof(target));
            }
            if (double.IsNaN(prediction[i]))
            {
                throw new ArgumentException($"Log-loss needs a probability on every row. Row {i} holds NaN.", nameof(prediction));
            }
            double p = Math.Clamp(prediction[i], LogLossEpsilon, 1 - LogLossEpsilon);
            double weight = sampleWeight.IsEmpty ? 1.0 : sampleWeight[i];
            sum -= weight * (target[i] == 1.0 ? Math.Log(p) : Math.Log(1 - p));
            total += weight;
        }
        return sum / total;
    }

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
