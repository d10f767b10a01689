using TabularOd.Data;

namespace TabularOd.Stacking;

/// <summary>
/// What <see cref="ElasticNetCvRegressor"/> learned: the refitted model, the chosen α and ρ, and the CV error
/// surface they were chosen from.
/// </summary>
public sealed class ElasticNetCvFit(ElasticNetFit model, double alpha, double l1Ratio, double[] alphas, double[] l1Ratios, double[][] meanMse)
    : IRegressionModel
{
    /// <summary>The model refitted on every row at the chosen α and ρ, from zero weights.</summary>
    public ElasticNetFit Model => model;

    /// <summary>The chosen α (scikit-learn's <c>alpha_</c>).</summary>
    public double Alpha => alpha;

    /// <summary>The chosen ρ (scikit-learn's <c>l1_ratio_</c>).</summary>
    public double L1Ratio => l1Ratio;

    /// <summary>The α grid, largest first.</summary>
    public IReadOnlyList<double> Alphas => alphas;

    /// <summary>The ρ values, in the order tried.</summary>
    public IReadOnlyList<double> L1Ratios => l1Ratios;

    /// <summary>
    /// MeanMse[r][a]: the held-out mean squared error (weighted by the sample weights) at ρ = L1Ratios[r] and
    /// α = Alphas[a], averaged over folds with equal weight per fold (scikit-learn's <c>mse_path_.mean(axis=-1)</c>).
    /// </summary>
    public IReadOnlyList<IReadOnlyList<double>> MeanMse => meanMse;

    /// <inheritdoc />
    public int Columns => model.Columns;

    /// <inheritdoc />
    public double[] Predict(DataMatrix x) => model.Predict(x);
}
