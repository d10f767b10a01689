namespace TabularOd.Stacking;

/// <summary>
/// What <see cref="RidgeCvRegressor"/> learned: the model refitted at the chosen α and the error curve it was chosen
/// from, kept so that a report can show how flat the choice was.
/// </summary>
public sealed class RidgeCvFit(LinearModel model, double alpha, double[] alphas, double[] leaveOneOutMse) : IRegressionModel
{
    /// <summary>The Ridge model at <see cref="Alpha"/>.</summary>
    public LinearModel Model => model;

    /// <summary>The chosen α (scikit-learn's <c>alpha_</c>).</summary>
    public double Alpha => alpha;

    /// <summary>The α values tried, in the order given.</summary>
    public IReadOnlyList<double> Alphas => alphas;

    /// <summary>
    /// Per α, the mean over rows of wᵢ·(yᵢ − ŷ₋ᵢ)², the squared leave-one-out error (weighted when sample weights
    /// were given): scikit-learn's <c>cv_values_.mean(axis=0)</c>.
    /// </summary>
    public IReadOnlyList<double> LeaveOneOutMse => leaveOneOutMse;

    /// <inheritdoc />
    public int Columns => model.Columns;

    /// <inheritdoc />
    public double[] Predict(Data.DataMatrix x) => model.Predict(x);
}
