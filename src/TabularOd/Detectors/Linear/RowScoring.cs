using TabularOd.Compute;
using TabularOd.Data;

namespace TabularOd.Detectors.Linear;

/// <summary>Scores rows one at a time, blocks of rows in parallel: a row's score never depends on its batch.</summary>
internal static class RowScoring
{
    /// <summary>Scores one row; <paramref name="scratch"/> is this thread's own buffer.</summary>
    public delegate double RowScore(ReadOnlySpan<double> row, Span<double> scratch);

    private const int BlockRows = 256;

    /// <summary>Writes <paramref name="score"/> of every row of <paramref name="rows"/> into <paramref name="scores"/>.</summary>
    public static void Run(DataMatrix rows, Span<double> scores, int scratchLength, RowScore score)
    {
        var result = new double[rows.Rows];
        int blocks = (rows.Rows + BlockRows - 1) / BlockRows;
        ComputeParallelism.For(blocks, ComputeParallelism.DefaultDegree, block =>
        {
            var scratch = new double[scratchLength];
            int end = Math.Min(rows.Rows, (block + 1) * BlockRows);
            for (int i = block * BlockRows; i < end; i++)
            {
                result[i] = score(rows.Row(i), scratch);
            }
        });
        result.CopyTo(scores);
    }

    /// <summary>The scores of every row, as a new array.</summary>
    public static double[] Run(DataMatrix rows, int scratchLength, RowScore score)
    {
        var scores = new double[rows.Rows];
        Run(rows, scores, scratchLength, score);
        return scores;
    }
}
