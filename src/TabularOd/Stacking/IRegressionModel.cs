using TabularOd.Data;

namespace TabularOd.Stacking;

/// <summary>
/// A fitted regression model: what out-of-fold prediction and blending need from any meta-model, whatever its
/// kind. Predicting never changes the model, and each row's prediction depends on that row alone.
/// </summary>
public interface IRegressionModel
{
    /// <summary>The number of columns a row must have.</summary>
    int Columns { get; }

    /// <summary>One prediction per row of <paramref name="x"/>.</summary>
    double[] Predict(DataMatrix x);
}
