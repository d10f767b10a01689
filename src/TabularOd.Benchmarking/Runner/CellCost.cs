using TabularOd.Benchmarking.Catalog;

namespace TabularOd.Benchmarking.Runner;

/// <summary>
/// A rough, deterministic estimate of a cell's work and peak memory from the dataset's size and the detector's
/// complexity class. It only has to rank cells and keep the sum of running cells under a memory budget, so it is
/// deliberately simple and errs on the generous side for memory.
/// </summary>
/// <param name="Work">Relative work (arbitrary units, comparable across cells).</param>
/// <param name="MemoryBytes">Estimated peak memory of a worker running the cell.</param>
public readonly record struct CellCost(double Work, long MemoryBytes)
{
    // A worker process with the runtime, the library and a small dataset loaded.
    private const long BaseMemory = 160L << 20;

    /// <summary>The estimate for <paramref name="detector"/> on <paramref name="dataset"/>.</summary>
    public static CellCost Estimate(SuiteDataset dataset, string detector)
    {
        double n = dataset.FitRows, m = Math.Max(1, dataset.TestRows), d = Math.Max(1, dataset.Features);
        double data = (n + m) * d * 8.0;
        (double work, double memory) = detector switch
        {
            // Pairwise work over the training rows (neighbour search, kernels, magnitude): quadratic in n; the
            // kernel methods also hold an n × n matrix.
            "knn" or "lof" => (n * (n + m) * d, data * 4),
            "ocsvm" or "wv" or "dwkmm" => (n * n * d * 4, data * 4 + (Math.Min(n, 12_000) * Math.Min(n, 12_000) * 8.0 * 2)),
            "shift-logistic" => ((n + m) * d * 200, data * 6),
            // Networks trained for many epochs over every row.
            "ae" or "pae" => ((n + m) * d * 2_000, data * 6),
            "gmm" or "egmm" => ((n + m) * d * d * 50, data * 8),
            "iforest" => ((n + m) * 100 * 10, data * 4),
            _ => ((n + m) * d * Math.Max(1, Math.Log2(n + m)), data * 4),
        };
        return new CellCost(work + 1e5, BaseMemory + (long)Math.Min(memory, long.MaxValue / 4.0));
    }
}
