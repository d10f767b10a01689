using TabularOd.Data;

namespace TabularOd.Stacking;

/// <summary>
/// The shape every stacking baseline reports (<see cref="StackingBaselines"/>): honest out-of-fold predictions from
/// the outer CV, their RMSE, and the linear blend Σⱼ wⱼ·Pⱼ + b refitted on all rows.
/// </summary>
public sealed class BaselineResult(string name, double[] oofPredictions, double oofRmse, double[] weights, double intercept, double fitSeconds)
{
    /// <summary>The baseline's report name ("best_single", "simple_mean", …).</summary>
    public string Name => name;

    /// <summary>Out-of-fold predictions: each fold's rows predicted by the blend fitted on the other folds.</summary>
    public IReadOnlyList<double> OofPredictions => oofPredictions;

    /// <summary>RMSE of <see cref="OofPredictions"/> (weighted when sample weights were given).</summary>
    public double OofRmse => oofRmse;

    /// <summary>The blend weight per base model, fitted on all rows.</summary>
    public IReadOnlyList<double> Weights => weights;

    /// <summary>The blend's intercept (0 except for Ridge stacking).</summary>
    public double Intercept => intercept;

    /// <summary>Wall-clock seconds of the outer CV and the refit.</summary>
    public double FitSeconds => fitSeconds;

    /// <summary>The refitted blend's prediction for every row of <paramref name="predictions"/> (rows × base models).</summary>
    public double[] Predict(DataMatrix predictions)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        if (predictions.Columns != weights.Length)
        {
            throw new ArgumentException(
                $"The baseline was fitted on {weights.Length} base-model columns. Got a prediction matrix with {predictions.Columns}.", nameof(predictions));
        }
        return new LinearModel(weights, intercept).Predict(predictions);
    }
}
