namespace TabularOd.Detectors.Probabilistic;

/// <summary>Options of <see cref="EgmmDetector"/>.</summary>
public sealed record EgmmOptions : DetectorOptions
{
    /// <summary>Smallest component count in the ensemble.</summary>
    public const int DefaultMinComponents = 1;

    /// <summary>Largest component count in the ensemble.</summary>
    public const int DefaultMaxComponents = 5;

    /// <summary>Bootstrap replicates per component count: 5 counts × 3 = 15 mixtures.</summary>
    public const int DefaultReplicates = 3;

    /// <summary>Each bootstrap sample has as many rows as the training data.</summary>
    public const double DefaultSampleFraction = 1.0;

    /// <summary>Smallest component count, ≥ 1.</summary>
    public int MinComponents { get; init; } = DefaultMinComponents;

    /// <summary>Largest component count, ≥ <see cref="MinComponents"/>; every count in between is used.</summary>
    public int MaxComponents { get; init; } = DefaultMaxComponents;

    /// <summary>Mixtures per component count, each fitted to its own bootstrap sample, ≥ 1.</summary>
    public int Replicates { get; init; } = DefaultReplicates;

    /// <summary>Rows in each bootstrap sample (drawn with replacement) as a share of the training rows, in (0, 1].</summary>
    public double SampleFraction { get; init; } = DefaultSampleFraction;

    /// <summary>Covariance structure of every mixture component.</summary>
    public GmmCovariance Covariance { get; init; } = GmmOptions.DefaultCovariance;

    /// <summary>EM iterations at most per mixture, ≥ 1.</summary>
    public int MaxIterations { get; init; } = GmmOptions.DefaultMaxIterations;

    /// <summary>EM tolerance on the mean log-likelihood change, ≥ 0.</summary>
    public double Tolerance { get; init; } = GmmOptions.DefaultTolerance;

    /// <summary>Constant added to every variance, ≥ 0.</summary>
    public double RegCovar { get; init; } = GmmOptions.DefaultRegCovar;
}
