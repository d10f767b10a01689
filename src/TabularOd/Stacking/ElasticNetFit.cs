using TabularOd.Data;

namespace TabularOd.Stacking;

/// <summary>
/// What <see cref="ElasticNetRegressor"/> learned, with the solver's own account of how far it got: a caller
/// choosing between meta-models should know whether the descent converged or ran out of sweeps.
/// </summary>
public sealed class ElasticNetFit(LinearModel model, int iterations, double dualityGap, double gapTolerance, bool converged) : IRegressionModel
{
    /// <summary>The fitted linear model.</summary>
    public LinearModel Model => model;

    /// <summary>Coordinate sweeps run (scikit-learn's <c>n_iter_</c>).</summary>
    public int Iterations => iterations;

    /// <summary>The last duality gap computed, on the n-scaled objective (scikit-learn's <c>dual_gap_</c> times n).</summary>
    public double DualityGap => dualityGap;

    /// <summary>The gap the descent had to reach: tol·‖y − ȳ‖²_w.</summary>
    public double GapTolerance => gapTolerance;

    /// <summary>Whether the gap reached <see cref="GapTolerance"/> within the iteration budget.</summary>
    public bool Converged => converged;

    /// <inheritdoc />
    public int Columns => model.Columns;

    /// <inheritdoc />
    public double[] Predict(DataMatrix x) => model.Predict(x);
}
