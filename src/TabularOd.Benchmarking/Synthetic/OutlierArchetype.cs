namespace TabularOd.Benchmarking.Synthetic;

/// <summary>
/// How a synthetic dataset's outliers differ from its inliers. The first four apply to every prior; the rest are
/// tied to the prior whose structure they break (see <see cref="SyntheticSuite.Combinations"/>).
/// </summary>
public enum OutlierArchetype
{
    /// <summary>Uniform in the inliers' bounding box enlarged by 10% of each feature's range on both sides.</summary>
    Global,

    /// <summary>Each feature drawn independently from the inliers' marginal, so the dependence between features is lost.</summary>
    Dependency,

    /// <summary>A small, tight cluster placed beyond the inlier mass.</summary>
    Clustered,

    /// <summary>GMM only: a cluster's covariance inflated ×5 in every dimension, kept beyond every cluster's χ² 0.95 quantile.</summary>
    Local,

    /// <summary>GMM only: a cluster's covariance inflated ×5 on a random subset of dimensions, kept beyond every cluster's χ² 0.95 quantile.</summary>
    Subspace,

    /// <summary>SCM only: each node's noise multiplied by 5 with probability 0.2.</summary>
    Measurement,

    /// <summary>SCM only: each edge weight zeroed or sign-flipped with probability 0.2, per row.</summary>
    Structural,

    /// <summary>Copula only: 2–20% of a row's copula-uniform values pushed to within 0.1–0.2 of 0 or 1.</summary>
    Probabilistic,

    /// <summary>Copula only: a block of d/3–2d/3 dimensions of the Cholesky factor blended toward independence.</summary>
    Dependence,
}
