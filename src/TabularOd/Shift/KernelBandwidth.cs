using TabularOd.Compute;
using TabularOd.Sampling;

namespace TabularOd.Shift;

/// <summary>
/// The Gaussian kernel width of the covariate-shift methods: σ = the mean, over at most
/// <see cref="MaxSampledRows"/> rows of the pooled train and test data, of each row's distance to its
/// <see cref="NeighbourRank"/>-th nearest neighbour among the sampled rows.
/// </summary>
/// <remarks>
/// A k-NN radius adapts σ to the local density and the dimension without looking at the labels, and a
/// capped sample keeps it O(1000²) on any data size. When fewer than 51 rows are pooled the rank drops to
/// (rows − 1), the farthest neighbour there is. A sample is drawn without replacement by the seed (a
/// Fisher–Yates shuffle of the row indices, first <see cref="MaxSampledRows"/> kept, put back in row order);
/// smaller pools use every row, so the seed is then unused. Degenerate data (a single row, or every sampled
/// row a copy of its neighbours) gives σ = 1 [ours] rather than a zero width that would make the kernel the
/// identity's limit.
/// </remarks>
public static class KernelBandwidth
{
    /// <summary>The neighbour rank whose distance is averaged (SPEC §6).</summary>
    public const int NeighbourRank = 50;

    /// <summary>The most rows the estimate looks at (SPEC §6).</summary>
    public const int MaxSampledRows = 1000;

    /// <summary>σ for the pooled rows (row-major, <paramref name="rows"/>×<paramref name="columns"/>).</summary>
    public static double Estimate(IComputeBackend backend, ReadOnlySpan<double> pooled, int rows, int columns, int seed)
    {
        ArgumentNullException.ThrowIfNull(backend);
        if (rows < 0 || columns <= 0 || pooled.Length != rows * columns)
        {
            throw new ArgumentException($"KernelBandwidth needs a {rows}×{columns} matrix; got {pooled.Length} values.");
        }
        if (rows < 2)
        {
            return 1.0;
        }
        ReadOnlySpan<double> sample = pooled;
        int m = rows;
        if (rows > MaxSampledRows)
        {
            var order = new int[rows];
            for (int i = 0; i < rows; i++)
            {
                order[i] = i;
            }
            new SeededRandom(seed).Shuffle(order.AsSpan());
            var chosen = order.AsSpan(0, MaxSampledRows);
            chosen.Sort();
            var values = new double[MaxSampledRows * columns];
            for (int i = 0; i < MaxSampledRows; i++)
            {
                pooled.Slice(chosen[i] * columns, columns).CopyTo(values.AsSpan(i * columns, columns));
            }
            sample = values;
            m = MaxSampledRows;
        }
        int k = Math.Min(NeighbourRank, m - 1);
        var neighbours = backend.KNearest(sample, m, columns, k, excludeSelf: true);
        double sum = 0;
        for (int i = 0; i < m; i++)
        {
            sum += neighbours.Distances[(i * k) + k - 1];
        }
        double sigma = sum / m;
        return sigma > 0 && double.IsFinite(sigma) ? sigma : 1.0;
    }
}
