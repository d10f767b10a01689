using TabularOd.Benchmarking.Catalog;

namespace TabularOd.Benchmarking.Runner;

/// <summary>Enumerates the cells of a suite × spec, and splits them into balanced shards.</summary>
public static class CellPlan
{
    /// <summary>
    /// Every cell, grouped by dataset (so a worker reuses the dataset it has loaded), the costliest datasets first
    /// (so a long cell does not start last and leave the other workers idle), configurations in spec order.
    /// </summary>
    public static IReadOnlyList<BenchCell> Enumerate(BenchmarkSuite suite, DetectorSpec spec)
    {
        var cells = new List<BenchCell>();
        foreach (var dataset in suite.Datasets)
        {
            foreach (var entry in spec.Entries)
            {
                foreach (int seed in spec.SeedsFor(entry))
                {
                    cells.Add(new BenchCell(dataset, entry.Configuration, seed));
                }
            }
        }
        var datasetWork = cells.GroupBy(c => c.Dataset.Id).ToDictionary(g => g.Key, g => g.Sum(c => c.Cost.Work));
        var datasetOrder = suite.Datasets.Select((d, i) => (d.Id, i)).ToDictionary(p => p.Id, p => p.i);
        return cells
            .Select((cell, index) => (cell, index))
            .OrderByDescending(p => datasetWork[p.cell.Dataset.Id])
            .ThenBy(p => datasetOrder[p.cell.Dataset.Id])
            .ThenBy(p => p.index)
            .Select(p => p.cell)
            .ToArray();
    }

    /// <summary>
    /// The cells of one shard: longest-processing-time-first assignment of the estimated work to the least loaded
    /// shard, ties to the lower shard. A pure function of the cell list, so every shard computes the same split
    /// without talking to the others; the shards are disjoint and together cover every cell.
    /// </summary>
    public static IReadOnlyList<BenchCell> Shard(IReadOnlyList<BenchCell> cells, ShardSpec shard)
    {
        if (!shard.IsSharded)
        {
            return cells;
        }
        var load = new double[shard.Count];
        var mine = new HashSet<string>(StringComparer.Ordinal);
        foreach (var cell in cells.OrderByDescending(c => c.Cost.Work).ThenBy(c => c.Key, StringComparer.Ordinal))
        {
            int target = 0;
            for (int s = 1; s < load.Length; s++)
            {
                if (load[s] < load[target])
                {
                    target = s;
                }
            }
            load[target] += cell.Cost.Work;
            if (target == shard.Index)
            {
                mine.Add(cell.Key);
            }
        }
        return cells.Where(c => mine.Contains(c.Key)).ToArray();
    }
}
