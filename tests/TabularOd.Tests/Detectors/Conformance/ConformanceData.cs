using TabularOd.Data;
using TabularOd.Sampling;

namespace TabularOd.Tests.Detectors.Conformance;

/// <summary>Small seeded data sets the conformance checks share.</summary>
internal static class ConformanceData
{
    /// <summary>Two Gaussian clusters in <paramref name="d"/> dimensions.</summary>
    public static DataMatrix Inliers(int n = 80, int d = 4, long seed = 1)
    {
        var random = new SeededRandom(seed);
        var values = new double[n * d];
        for (int i = 0; i < n; i++)
        {
            double centre = i % 2 == 0 ? -2 : 2;
            for (int j = 0; j < d; j++)
            {
                values[(i * d) + j] = centre + random.NextGaussian();
            }
        }
        return DataMatrix.FromRowMajor(n, d, values);
    }

    /// <summary>Inlier-like rows followed by far-away rows; labels mark the far ones.</summary>
    public static (DataMatrix Rows, int[] Labels) TestSet(int d = 4, long seed = 2)
    {
        var inliers = Inliers(30, d, seed);
        var random = new SeededRandom(seed + 100);
        var values = new double[40 * d];
        inliers.AsSpan().CopyTo(values);
        for (int i = 30; i < 40; i++)
        {
            for (int j = 0; j < d; j++)
            {
                values[(i * d) + j] = (random.NextDouble() < 0.5 ? -1 : 1) * (8 + (4 * random.NextDouble()));
            }
        }
        return (DataMatrix.FromRowMajor(40, d, values), [.. Enumerable.Repeat(0, 30), .. Enumerable.Repeat(1, 10)]);
    }

    /// <summary>The same matrix with its rows in the given order.</summary>
    public static DataMatrix Permute(DataMatrix m, int[] order) => m.SelectRows(order);

    /// <summary>A seeded permutation of 0..n−1.</summary>
    public static int[] Permutation(int n, long seed)
    {
        var order = Enumerable.Range(0, n).ToArray();
        new SeededRandom(seed).Shuffle(order.AsSpan());
        return order;
    }
}
