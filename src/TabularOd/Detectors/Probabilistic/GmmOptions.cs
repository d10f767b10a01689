namespace TabularOd.Detectors.Probabilistic;

/// <summary>The covariance structure of each mixture component.</summary>
public enum GmmCovariance
{
    /// <summary>A full covariance matrix per component (scikit-learn's default, <c>covariance_type='full'</c>).</summary>
    Full,

    /// <summary>A diagonal covariance per component (<c>covariance_type='diag'</c>).</summary>
    Diagonal,
}

/// <summary>Options of <see cref="GmmDetector"/>; defaults are scikit-learn's <c>GaussianMixture</c> (and PyOD's <c>GMM</c>).</summary>
public sealed record GmmOptions : DetectorOptions
{
    /// <summary>One component: a single Gaussian.</summary>
    public const int DefaultComponents = 1;

    /// <summary>EM iterations at most.</summary>
    public const int DefaultMaxIterations = 100;

    /// <summary>Convergence threshold on the change of the mean log-likelihood.</summary>
    public const double DefaultTolerance = 1e-3;

    /// <summary>Added to every variance so that no component collapses.</summary>
    public const double DefaultRegCovar = 1e-6;

    /// <summary>EM runs from different k-means++ seeds; the best likelihood wins.</summary>
    public const int DefaultInits = 1;

    /// <summary>Default covariance structure.</summary>
    public const GmmCovariance DefaultCovariance = GmmCovariance.Full;

    /// <summary>Mixture components, ≥ 1; capped at the number of training rows (the learned effective count).</summary>
    public int Components { get; init; } = DefaultComponents;

    /// <summary>Covariance structure of each component.</summary>
    public GmmCovariance Covariance { get; init; } = DefaultCovariance;

    /// <summary>EM iterations at most, ≥ 1.</summary>
    public int MaxIterations { get; init; } = DefaultMaxIterations;

    /// <summary>EM stops when the mean log-likelihood changes by less than this, ≥ 0.</summary>
    public double Tolerance { get; init; } = DefaultTolerance;

    /// <summary>Non-negative constant added to the diagonal of every covariance (absolute, in squared data units).</summary>
    public double RegCovar { get; init; } = DefaultRegCovar;

    /// <summary>Independent EM runs, ≥ 1; the one with the highest final mean log-likelihood is kept.</summary>
    public int Inits { get; init; } = DefaultInits;
}
