namespace TabularOd.Detectors.Ensembles;

/// <summary>Options of <see cref="IsolationForestDetector"/>; the defaults are scikit-learn's.</summary>
public sealed record IsolationForestOptions : DetectorOptions
{
    /// <summary>scikit-learn's default number of trees.</summary>
    public const int DefaultNEstimators = 100;

    /// <summary>The subsample size ψ of the paper and of scikit-learn's <c>max_samples="auto"</c>.</summary>
    public const int DefaultMaxSamples = 256;

    /// <summary>Every feature is available to every tree.</summary>
    public const double DefaultMaxFeatures = 1.0;

    /// <summary>Subsamples are drawn without replacement.</summary>
    public const bool DefaultBootstrap = false;

    /// <summary>Number of isolation trees, ≥ 1.</summary>
    public int NEstimators { get; init; } = DefaultNEstimators;

    /// <summary>Training rows drawn for each tree, ≥ 1; capped at the training rows (the learned subsample size ψ).</summary>
    public int MaxSamples { get; init; } = DefaultMaxSamples;

    /// <summary>
    /// Share of the features each tree may split on, in (0, 1]: a tree gets max(1, ⌊MaxFeatures · d⌋) features
    /// drawn without replacement.
    /// </summary>
    public double MaxFeatures { get; init; } = DefaultMaxFeatures;

    /// <summary>
    /// Whether each tree's rows are drawn with replacement. As in scikit-learn, a tree is then grown on the
    /// distinct rows drawn (its bagging passes the repeats as sample weights, which an isolation tree ignores).
    /// </summary>
    public bool Bootstrap { get; init; } = DefaultBootstrap;
}
