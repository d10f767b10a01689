namespace TabularOd.Stacking;

/// <summary>Thresholds of <see cref="PredictionDeduplicator"/> (SPEC §8 step 1), on the target's scale.</summary>
public sealed record DeduplicationOptions
{
    /// <summary>Default <see cref="CorrelationThreshold"/> τ_corr.</summary>
    public const double DefaultCorrelationThreshold = 0.95;

    /// <summary>Default <see cref="MseThreshold"/> τ_mse.</summary>
    public const double DefaultMseThreshold = 0.01;

    /// <summary>Default <see cref="VarianceThreshold"/> τ_var.</summary>
    public const double DefaultVarianceThreshold = 0.01;

    /// <summary>A model is a duplicate of a kept one only if their Pearson ρ is at least this…</summary>
    public double CorrelationThreshold { get; init; } = DefaultCorrelationThreshold;

    /// <summary>
    /// …and their mean squared difference is at most this: correlation alone would also merge a model with a scaled
    /// or shifted copy of it, which a linear meta-model can still use.
    /// </summary>
    public double MseThreshold { get; init; } = DefaultMseThreshold;

    /// <summary>Kept models whose prediction variance (ddof 0) is below this are dropped: a near-constant column only adds to the intercept.</summary>
    public double VarianceThreshold { get; init; } = DefaultVarianceThreshold;

    internal void Check(string owner)
    {
        StackingArguments.InRange(CorrelationThreshold, -1, 1, nameof(CorrelationThreshold), owner);
        if (!(MseThreshold >= 0) || double.IsNaN(MseThreshold))
        {
            throw StackingArguments.Invalid(nameof(MseThreshold), owner, "≥ 0", MseThreshold);
        }
        if (!(VarianceThreshold >= 0) || double.IsNaN(VarianceThreshold))
        {
            throw StackingArguments.Invalid(nameof(VarianceThreshold), owner, "≥ 0", VarianceThreshold);
        }
    }
}
