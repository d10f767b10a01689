namespace TabularOd.Detectors.Linear;

/// <summary>How <see cref="PcaDetector"/> turns a row's position relative to the principal axes into a score.</summary>
public enum PcaScoring
{
    /// <summary>
    /// Shyu et al.'s score: Σⱼ yⱼ²/λⱼ over the selected components, yⱼ the row's coordinate on eigenvector j and
    /// λⱼ its variance (Σⱼ yⱼ² when not weighted). Sign-free; with every component selected and weighting on, it
    /// is the squared Mahalanobis distance of the standardised row.
    /// </summary>
    Projection,

    /// <summary>
    /// PyOD's <c>PCA.decision_function</c> as written: Σⱼ ‖z − vⱼ‖ / rⱼ, the Euclidean distance from the
    /// standardised row z to the unit eigenvector vⱼ taken as a point, divided by its explained-variance ratio rⱼ
    /// (1 when not weighted). It depends on each eigenvector's sign; signs follow scikit-learn's <c>svd_flip</c> on U
    /// as in the scikit-learn 1.2 it was checked against (the training row with the largest |coordinate| on a
    /// component has a positive one); later scikit-learn releases may fix signs from the components instead, and
    /// PyOD's scores change with them. Offered to reproduce published PyOD numbers.
    /// </summary>
    PyodDistance,
}

/// <summary>Options of <see cref="PcaDetector"/>.</summary>
public sealed record PcaOptions : DetectorOptions
{
    /// <summary>0 = every component (PyOD's <c>n_selected_components=None</c>).</summary>
    public const int DefaultSelectedComponents = 0;

    /// <summary>PyOD's default: weight components by inverse variance.</summary>
    public const bool DefaultWeighted = true;

    /// <summary>PyOD's default: standardise inside the detector.</summary>
    public const bool DefaultStandardize = true;

    /// <summary>Default scoring rule.</summary>
    public const PcaScoring DefaultScoring = PcaScoring.Projection;

    /// <summary>
    /// How many of the smallest-variance components score a row, ≥ 0; 0 means all of them. Capped at the number of
    /// features (the learned effective count).
    /// </summary>
    public int SelectedComponents { get; init; } = DefaultSelectedComponents;

    /// <summary>Whether components are weighted by inverse variance (so the minor components count most).</summary>
    public bool Weighted { get; init; } = DefaultWeighted;

    /// <summary>Whether columns are standardised (training mean and population standard deviation) before the PCA.</summary>
    public bool Standardize { get; init; } = DefaultStandardize;

    /// <summary>The scoring rule.</summary>
    public PcaScoring Scoring { get; init; } = DefaultScoring;
}
