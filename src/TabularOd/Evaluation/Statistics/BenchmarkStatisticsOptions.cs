namespace TabularOd.Evaluation.Statistics;

/// <summary>Settings of <see cref="BenchmarkStatistics.Compute"/>; every default is a documented constant.</summary>
public sealed record BenchmarkStatisticsOptions
{
    /// <summary>Seed of the bootstrap resampling; the same seed gives the same intervals.</summary>
    public long Seed { get; init; }

    /// <summary>Bootstrap resamples per method, ≥ 1. Default <see cref="BootstrapInterval.DefaultResamples"/>.</summary>
    public int Resamples { get; init; } = BootstrapInterval.DefaultResamples;

    /// <summary>Coverage of the bootstrap intervals, in (0, 1). Default <see cref="BootstrapInterval.DefaultLevel"/>.</summary>
    public double ConfidenceLevel { get; init; } = BootstrapInterval.DefaultLevel;

    /// <summary>Which pairs get a Wilcoxon test. Default <see cref="ComparisonFamily.AllPairs"/>.</summary>
    public ComparisonFamily Comparisons { get; init; } = ComparisonFamily.AllPairs;
}
