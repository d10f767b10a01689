using TabularOd.Benchmarking.Catalog;

namespace TabularOd.Benchmarking.Runner;

/// <summary>
/// One unit of benchmark work: a dataset × a detector configuration × a seed. Its <see cref="Key"/> is what the
/// results store is keyed on, so a finished cell is never run twice and shards merge without duplicates.
/// </summary>
public sealed record BenchCell(SuiteDataset Dataset, DetectorConfiguration Configuration, int Seed)
{
    /// <summary>"suite/dataset|knn(k=5)|0".</summary>
    public string Key { get; } = $"{Dataset.Id}|{Configuration.Id}|{Seed}";

    /// <summary>The estimated cost used for scheduling and shard balancing.</summary>
    public CellCost Cost { get; } = CellCost.Estimate(Dataset, Configuration.Detector);
}
