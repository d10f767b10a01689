namespace TabularOd.Data.Preprocessing;

/// <summary>
/// A per-column affine rescaling learned from training rows only: <see cref="Fit"/> measures a center and
/// a scale for each column, and the returned <see cref="FittedScaler"/> maps x to (x − center) / scale.
/// </summary>
/// <remarks>
/// Implementations hold only their requested settings; everything learned lives in the fitted scaler, so
/// one configured scaler can be fitted on many training sets. Columns whose scale would be zero (constant
/// on the training rows) get scale 1, as scikit-learn does, so a transform never divides by zero.
/// </remarks>
public interface IScaler
{
    /// <summary>Learns the centers and scales from <paramref name="train"/>, which must be non-empty and finite.</summary>
    /// <exception cref="ArgumentException"><paramref name="train"/> has no rows or holds NaN or ∞.</exception>
    FittedScaler Fit(DataMatrix train);
}
