namespace TabularOd.Benchmarking.Synthetic;

/// <summary>The distribution a synthetic dataset's inliers are drawn from (SPEC §7).</summary>
public enum SyntheticPrior
{
    /// <summary>A mixture of 2–5 equal-weight Gaussian clusters with diagonal covariances, truncated to each cluster's χ² 0.85 region.</summary>
    Gmm,

    /// <summary>A structural causal model: a random sparse multilayer network read as a DAG, with noise at every node.</summary>
    Scm,

    /// <summary>A Gaussian copula with a random correlation and a random marginal per feature.</summary>
    Copula,
}
