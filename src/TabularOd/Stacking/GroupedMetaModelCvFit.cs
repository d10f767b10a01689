using TabularOd.Data;

namespace TabularOd.Stacking;

/// <summary>
/// What <see cref="GroupedMetaModelCv"/> learned: the model refitted on every row at the chosen penalty, and the
/// cross-validation surface it was chosen from, so that a report can show how flat the choice was.
/// </summary>
public sealed class GroupedMetaModelCvFit(
    MetaModelKind kind, MetaModelCriterion criterion, LinearModel model, double alpha, double l1Ratio, double[] alphas, double[] l1Ratios,
    double[][] scores, int folds) : IRegressionModel
{
    /// <summary>The meta-model kind.</summary>
    public MetaModelKind Kind => kind;

    /// <summary>What the penalties were compared by.</summary>
    public MetaModelCriterion Criterion => criterion;

    /// <summary>
    /// The refitted model on the original (unstandardised) columns: the standardisation is folded into its weights
    /// and intercept, so a weight's sign and zero pattern are the standardised model's.
    /// </summary>
    public LinearModel Model => model;

    /// <summary>The chosen penalty, per unit of sample weight.</summary>
    public double Alpha => alpha;

    /// <summary>The chosen mixing ρ (0 for Ridge, 1 for Lasso).</summary>
    public double L1Ratio => l1Ratio;

    /// <summary>The penalties tried, largest first.</summary>
    public IReadOnlyList<double> Alphas => alphas;

    /// <summary>The mixings tried, in the order given.</summary>
    public IReadOnlyList<double> L1Ratios => l1Ratios;

    /// <summary>
    /// Scores[r][a]: the criterion at ρ = L1Ratios[r], α = Alphas[a] — the mean held-out per-group AUROC over every
    /// group, or the held-out RMSE over every row.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<double>> Scores => scores;

    /// <summary>The criterion at the chosen penalty.</summary>
    public double BestScore { get; } = scores[Array.IndexOf(l1Ratios, l1Ratio)][Array.IndexOf(alphas, alpha)];

    /// <summary>The number of folds the penalties were compared on.</summary>
    public int Folds => folds;

    /// <summary>Weights that are exactly zero (the Lasso's dropped columns).</summary>
    public int ZeroCoefficients => model.Coefficients.Count(w => w == 0);

    /// <inheritdoc />
    public int Columns => model.Columns;

    /// <inheritdoc />
    public double[] Predict(DataMatrix x) => model.Predict(x);
}
