namespace TabularOd.Stacking;

/// <summary>What <see cref="GroupedMetaModelCv"/> compares penalties by on the held-out groups.</summary>
public enum MetaModelCriterion
{
    /// <summary>
    /// The mean per-group AUROC of the held-out predictions (higher is better): the measure outlier-score stacking is
    /// judged by, which only asks each group's rows to be ranked, not the label to be predicted.
    /// </summary>
    Auroc,

    /// <summary>The (weighted) root mean squared error against the target over all held-out rows (lower is better).</summary>
    Rmse,
}
