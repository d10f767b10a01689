namespace TabularOd.Benchmarking.Stacking;

/// <summary>How the rows of pooled datasets are weighted when a meta-model is fitted on them.</summary>
public enum RowWeighting
{
    /// <summary>Every row weighs 1: a dataset counts in proportion to its size.</summary>
    None,

    /// <summary>Every row of a dataset weighs 1/n_dataset: each dataset counts once, as in the mean per-dataset AUROC.</summary>
    Dataset,

    /// <summary>
    /// Within each dataset the outliers together weigh ½ and the inliers ½ (1/(2n₊) and 1/(2n₋) per row): each dataset
    /// counts once and, within it, so does each class, as in its AUROC, which is blind to the outlier share. Without
    /// it a dataset's outlier share would set how much its contrast counts.
    /// </summary>
    Balanced,
}
