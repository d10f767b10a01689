namespace TabularOd.Stacking;

/// <summary>What de-duplication decided about one model.</summary>
public enum DeduplicationVerdict
{
    /// <summary>The model stays in the meta-learner's input.</summary>
    Kept,

    /// <summary>Too close (ρ ≥ τ_corr and mean squared difference ≤ τ_mse) to a better model already kept.</summary>
    Duplicate,

    /// <summary>Its predictions vary less than τ_var.</summary>
    LowVariance,
}
