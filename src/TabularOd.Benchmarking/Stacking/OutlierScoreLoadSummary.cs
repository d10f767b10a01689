namespace TabularOd.Benchmarking.Stacking;

/// <summary>
/// What <see cref="OutlierScoreLoader"/> kept and why it left the rest out: the numbers a report needs so that a reader
/// knows which datasets the stacking result speaks for.
/// </summary>
public sealed record OutlierScoreLoadSummary
{
    /// <summary>Cells of the store with kept test scores (any status).</summary>
    public int CellsWithScores { get; init; }

    /// <summary>Distinct datasets among them.</summary>
    public int DatasetsWithScores { get; init; }

    /// <summary>Datasets left out because the store holds no test labels for them.</summary>
    public int DatasetsWithoutLabels { get; init; }

    /// <summary>Datasets left out because their test labels hold one class (no AUROC).</summary>
    public int DatasetsOneClass { get; init; }

    /// <summary>Configurations dropped for covering too few datasets, with the share they covered.</summary>
    public IReadOnlyList<(string Configuration, double Coverage)> ConfigurationsDropped { get; init; } = [];

    /// <summary>Datasets dropped because a kept configuration has no usable scores on them.</summary>
    public int DatasetsMissingConfiguration { get; init; }

    /// <summary>Datasets dropped because a kept score vector did not match their labels' length.</summary>
    public int DatasetsWithBadScores { get; init; }

    /// <summary>Kept configurations with more than one seed (combined as <see cref="Seeds"/> says).</summary>
    public int ConfigurationsWithSeveralSeeds { get; init; }

    /// <summary>How several seeds were combined.</summary>
    public SeedPolicy Seeds { get; init; }

    /// <summary>The coverage threshold used.</summary>
    public double MinCoverage { get; init; }
}
