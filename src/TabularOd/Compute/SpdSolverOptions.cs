namespace TabularOd.Compute;

/// <summary>
/// How <see cref="SpdSolver"/> retries a Cholesky factorisation that fails: add
/// <see cref="InitialJitter"/>·I, then <see cref="JitterGrowth"/> times more at each further attempt, for at most
/// <see cref="MaxRetries"/> retries. The defaults try 0.01·I, 0.1·I and 1·I.
/// </summary>
/// <remarks>
/// The jitter is absolute, as the weighting-vector specification states it ("on failure add 0.01·I"): that is
/// 1% of the diagonal for the unit-diagonal kernel matrices it is meant for. For matrices on another scale, pass
/// a jitter on that scale.
/// </remarks>
public sealed record SpdSolverOptions
{
    /// <summary>Default of <see cref="InitialJitter"/>.</summary>
    public const double DefaultInitialJitter = 0.01;

    /// <summary>Default of <see cref="JitterGrowth"/>.</summary>
    public const double DefaultJitterGrowth = 10.0;

    /// <summary>Default of <see cref="MaxRetries"/>.</summary>
    public const int DefaultMaxRetries = 3;

    /// <summary>The options with every default.</summary>
    public static SpdSolverOptions Default { get; } = new();

    /// <summary>The multiple of the identity added at the first retry. Must be positive and finite.</summary>
    public double InitialJitter { get; init; } = DefaultInitialJitter;

    /// <summary>The factor by which the jitter grows from one retry to the next. Must be ≥ 1 and finite.</summary>
    public double JitterGrowth { get; init; } = DefaultJitterGrowth;

    /// <summary>How many jittered retries follow a failed plain factorisation; 0 disables the retry. Must be ≥ 0.</summary>
    public int MaxRetries { get; init; } = DefaultMaxRetries;
}
