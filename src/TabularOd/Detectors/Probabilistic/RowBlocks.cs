using TabularOd.Compute;
using TabularOd.Data;

namespace TabularOd.Detectors.Probabilistic;

/// <summary>
/// The loops of the per-feature detectors. Each block or column writes only its own outputs and every row sums its
/// features in column order, so results are bit-identical whatever the thread count or block size.
/// </summary>
internal static class RowBlocks
{
    // Below this many cells a parallel loop costs more in scheduling than it saves.
    private const long SerialCells = 1 << 15;

    // Cells per block: block buffers of two doubles per cell stay within a core's L2 cache.
    private const int BlockCells = 1 << 14;

    /// <summary>
    /// Runs <paramref name="body"/>(start, end) over consecutive row blocks of a rows × columns problem, each block
    /// small enough that per-cell buffers of it stay in cache.
    /// </summary>
    public static void For(int rows, int columns, Action<int, int> body)
    {
        int blockRows = Math.Clamp(BlockCells / Math.Max(columns, 1), 1, 1024);
        int blocks = (int)(((long)rows + blockRows - 1) / blockRows);
        ComputeParallelism.For(blocks, Degree(rows, columns), b => body(b * blockRows, (int)Math.Min(rows, ((long)b + 1) * blockRows)));
    }

    /// <summary>Runs <paramref name="body"/>(column) over the columns of a rows × columns problem.</summary>
    public static void ForColumns(int rows, int columns, Action<int> body) =>
        ComputeParallelism.For(columns, Degree(rows, columns), body);

    /// <summary>
    /// Every column of <paramref name="matrix"/> as its own array, read in one row-major pass: extracting columns one
    /// at a time would stride through the whole matrix once per column.
    /// </summary>
    public static double[][] CopyColumns(DataMatrix matrix)
    {
        int rows = matrix.Rows, columns = matrix.Columns;
        var result = new double[columns][];
        for (int j = 0; j < columns; j++)
        {
            result[j] = new double[rows];
        }
        For(rows, columns, (start, end) =>
        {
            ReadOnlySpan<double> values = matrix.AsSpan();
            for (int i = start; i < end; i++)
            {
                var row = values.Slice(i * columns, columns);
                for (int j = 0; j < columns; j++)
                {
                    result[j][i] = row[j];
                }
            }
        });
        return result;
    }

    private static int Degree(int rows, int columns) =>
        (long)rows * columns < SerialCells ? 1 : ComputeParallelism.DefaultDegree;
}
