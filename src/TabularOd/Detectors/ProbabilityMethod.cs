namespace TabularOd.Detectors;

/// <summary>How raw scores become outlier probabilities, as PyOD's <c>predict_proba</c> defines them.</summary>
public enum ProbabilityMethod
{
    /// <summary>Min-max scaling by the training scores' range, clipped to [0, 1].</summary>
    Linear,

    /// <summary>erf((s − mean) / (std·√2)) over the training scores, clipped to [0, 1] (Kriegel et al., 2011).</summary>
    Unify,
}
