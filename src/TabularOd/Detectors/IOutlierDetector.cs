using TabularOd.Data;

namespace TabularOd.Detectors;

/// <summary>
/// An unfitted detector: a name, its options, and <see cref="Fit"/>. Scoring lives only on the fitted model
/// that <see cref="Fit"/> returns, so an unfitted detector cannot be asked for scores.
/// </summary>
public interface IOutlierDetector
{
    /// <summary>The catalog name ("knn", "lof", "iforest", …).</summary>
    string Name { get; }

    /// <summary>The options as given.</summary>
    DetectorOptions Options { get; }

    /// <summary>
    /// Validates the options and fits on <paramref name="train"/> (rows = samples). Throws
    /// <see cref="ArgumentException"/> for an invalid option ("The 'K' parameter of KNearest must be ≥ 1. Got 0.")
    /// or unusable data (empty, non-finite).
    /// </summary>
    FittedDetector Fit(DataMatrix train);
}
