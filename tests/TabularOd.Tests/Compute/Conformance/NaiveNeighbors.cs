namespace TabularOd.Tests.Compute.Conformance;

/// <summary>Brute-force k-nearest neighbours: every distance, sorted by (squared distance, index).</summary>
public static class NaiveNeighbors
{
    /// <summary>One query's full ranking.</summary>
    public sealed record Ranking(int[] Indices, double[] Squared);

    /// <summary>
    /// The ranking of every reference row for each query, nearest first with ties to the lower index;
    /// with <paramref name="excludeSelfIndex"/>, query i leaves out reference row i.
    /// </summary>
    public static Ranking[] Rank(double[] reference, int n, double[] queries, int q, int d, bool excludeSelfIndex)
    {
        var rankings = new Ranking[q];
        for (int i = 0; i < q; i++)
        {
            int count = excludeSelfIndex ? n - 1 : n;
            var indices = new int[count];
            var squared = new double[count];
            int next = 0;
            for (int j = 0; j < n; j++)
            {
                if (excludeSelfIndex && j == i)
                {
                    continue;
                }
                indices[next] = j;
                squared[next++] = NaiveDistances.Between(queries, i, reference, j, d);
            }
            Array.Sort(squared, indices);
            // Array.Sort is not stable: put each run of equal distances back in index order.
            for (int start = 0; start < count;)
            {
                int end = start + 1;
                while (end < count && squared[end] == squared[start])
                {
                    end++;
                }
                Array.Sort(indices, start, end - start);
                start = end;
            }
            rankings[i] = new Ranking(indices, squared);
        }
        return rankings;
    }
}
