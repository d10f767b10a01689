namespace TabularOd.Detectors.Kernel;

/// <summary>How <see cref="OneClassSvmDetector"/> picks the RBF width γ when <see cref="OneClassSvmOptions.Gamma"/> is 0.</summary>
public enum GammaRule
{
    /// <summary>γ = 1/d (scikit-learn's <c>gamma="auto"</c>, the classical libsvm default).</summary>
    Auto,

    /// <summary>γ = 1/(d·Var(X)) over every training value (scikit-learn's <c>gamma="scale"</c>); 1/d when the data are constant.</summary>
    Scale,
}

/// <summary>Options of <see cref="OneClassSvmDetector"/>; defaults are libsvm's / scikit-learn's <c>OneClassSVM</c> with <c>gamma="auto"</c>.</summary>
public sealed record OneClassSvmOptions : DetectorOptions
{
    /// <summary>libsvm's default ν.</summary>
    public const double DefaultNu = 0.5;

    /// <summary>libsvm's default stopping tolerance (its <c>eps</c>, scikit-learn's <c>tol</c>).</summary>
    public const double DefaultTolerance = 1e-3;

    /// <summary>Training sizes up to this precompute the whole kernel matrix (n² floats, 100 MB at the limit).</summary>
    public const int DefaultPrecomputeLimit = 5000;

    /// <summary>libsvm's default kernel cache, in megabytes (used beyond <see cref="PrecomputeLimit"/>).</summary>
    public const int DefaultCacheMegabytes = 200;

    /// <summary>ν in (0, 1]: an upper bound on the share of training outliers and a lower bound on the share of support vectors.</summary>
    public double Nu { get; init; } = DefaultNu;

    /// <summary>RBF width γ in exp(−γ‖x − y‖²); 0 (the default) means "from <see cref="Rule"/>".</summary>
    public double Gamma { get; init; }

    /// <summary>The rule giving γ when <see cref="Gamma"/> is 0.</summary>
    public GammaRule Rule { get; init; } = GammaRule.Auto;

    /// <summary>Stopping tolerance on the maximal KKT violation, &gt; 0.</summary>
    public double Tolerance { get; init; } = DefaultTolerance;

    /// <summary>Up to this many training rows the kernel matrix is computed once in full; beyond it rows are cached (LRU).</summary>
    public int PrecomputeLimit { get; init; } = DefaultPrecomputeLimit;

    /// <summary>Memory for cached kernel rows beyond <see cref="PrecomputeLimit"/>, in megabytes, ≥ 1.</summary>
    public int CacheMegabytes { get; init; } = DefaultCacheMegabytes;
}
