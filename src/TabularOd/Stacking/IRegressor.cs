using TabularOd.Data;

namespace TabularOd.Stacking;

/// <summary>
/// An unfitted regression estimator: options in, a separate fitted <see cref="IRegressionModel"/> out, so the
/// out-of-fold helper and the stacking pipeline can treat Ridge, Lasso, ElasticNet and their cross-validated
/// forms alike.
/// </summary>
public interface IRegressor
{
    /// <summary>A short name for reports ("ridge", "lasso_cv", …).</summary>
    string Name { get; }

    /// <summary>
    /// Fits on the rows of <paramref name="x"/> against <paramref name="y"/>; <paramref name="sampleWeight"/> is
    /// empty for equal weights or holds one non-negative weight per row.
    /// </summary>
    IRegressionModel Fit(DataMatrix x, ReadOnlySpan<double> y, ReadOnlySpan<double> sampleWeight);
}
