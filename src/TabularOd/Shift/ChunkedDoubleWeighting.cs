using TabularOd.Data;
using TabularOd.Detectors;
using TabularOd.Sampling;

namespace TabularOd.Shift;

/// <summary>
/// DW-KMM test scores (1 − α) on samples of any size with bounded time and memory: at most
/// <c>maxRows</c> pooled rows go into one <see cref="DoubleWeighting"/> solve.
/// </summary>
/// <remarks>
/// <para>
/// When n + t ≤ maxRows this is exactly <see cref="DoubleWeighting.Fit"/> on the whole samples (same bits). Above the
/// limit [ours]:
/// </para>
/// <list type="number">
/// <item>σ is estimated once, by <see cref="KernelBandwidth"/>'s rule on all pooled rows (it samples at most 1000
/// rows anyway), and shared by every solve, so that all chunks use one kernel;</item>
/// <item>the reference (training) side keeps r = min(n, max(⌊maxRows/2⌋, maxRows − t)) rows, a seeded random
/// subsample without replacement (all n rows when n ≤ r);</item>
/// <item>the t test rows are dealt into k = ⌈t/(maxRows − r)⌉ chunks by a seeded shuffle (chunk sizes differ by at
/// most one), and each chunk is solved as its own DW-KMM problem against the r reference rows; a chunk's α gives
/// its rows' scores.</item>
/// </list>
/// <para>
/// DW-KMM's α ranks rows within the sample it is solved on (the ball constraint lets about (1 − 1/√D)²·t_c rows of
/// a chunk of t_c rows drop, see <see cref="DoubleWeighting"/>). Because the chunks are random draws from the same
/// batch, each one holds about the same share of shifted rows and the scores of different chunks are on a comparable
/// scale; they are not identical to those of the one joint solve, which would need O((n + t)²) memory. Memory is
/// O(maxRows²) (8·maxRows² bytes for the kernel) and time k solves of at most maxRows variables. The subsample and the
/// dealing are seeded by <see cref="DoubleWeightingOptions.Seed"/>, so the scores are deterministic for a seed.
/// </para>
/// </remarks>
public static class ChunkedDoubleWeighting
{
    /// <summary>The smallest allowed row limit.</summary>
    public const int MinMaxRows = 20;

    /// <summary>What <see cref="Scores"/> did: the rows per solve and the count of solves.</summary>
    /// <param name="Scores">1 − α per test row, in [0, 1].</param>
    /// <param name="ReferenceRows">Training rows in each solve (r).</param>
    /// <param name="Chunks">Solves made (1 on the exact path).</param>
    /// <param name="Exact">Whether the samples fitted within the limit (one joint solve, no subsampling).</param>
    public sealed record Result(double[] Scores, int ReferenceRows, int Chunks, bool Exact);

    /// <summary>The plan for n training and t test rows under <paramref name="maxRows"/>: (reference rows, chunk count).</summary>
    public static (int ReferenceRows, int Chunks) Plan(int n, int t, int maxRows)
    {
        if (maxRows < MinMaxRows)
        {
            throw new ArgumentException($"ChunkedDoubleWeighting needs maxRows ≥ {MinMaxRows}. Got {maxRows}.", nameof(maxRows));
        }
        if ((long)n + t <= maxRows)
        {
            return (n, 1);
        }
        int r = Math.Min(n, Math.Max(maxRows / 2, maxRows - t));
        int capacity = maxRows - r;
        int chunks = (int)(((long)t + capacity - 1) / capacity);
        return (r, chunks);
    }

    /// <summary>1 − α for each row of <paramref name="test"/> against <paramref name="train"/>, bounded by <paramref name="maxRows"/>.</summary>
    public static Result Scores(DataMatrix train, DataMatrix test, int maxRows, DoubleWeightingOptions? options = null)
    {
        options ??= new DoubleWeightingOptions();
        const string method = nameof(ChunkedDoubleWeighting);
        ShiftInput.Check(train, test, method);
        int n = train.Rows, t = test.Rows;
        var (r, chunks) = Plan(n, t, maxRows);
        if ((long)n + t <= maxRows)
        {
            return new Result(DoubleWeighting.Fit(train, test, options).TestScores!, n, 1, true);
        }
        OptionCheck.AtLeast(options.D, 1, nameof(options.D), method);
        OptionCheck.AtLeast(options.Bound, Math.Sqrt(options.D), nameof(options.Bound), method);

        // One kernel width for every solve, from all pooled rows (KernelBandwidth samples ≤ 1000 of them).
        double sigma = ShiftInput.Sigma(options.Sigma, ShiftInput.Pool(train, test), n + t, train.Columns, options.Seed, method);
        var solveOptions = options with { Sigma = sigma };

        var random = new SeededRandom(options.Seed);
        DataMatrix reference = train;
        if (r < n)
        {
            var order = Identity(n);
            random.Shuffle(order.AsSpan());
            var kept = order.AsSpan(0, r);
            kept.Sort();
            reference = train.SelectRows(kept);
        }
        var dealt = Identity(t);
        random.Shuffle(dealt.AsSpan());
        var scores = new double[t];
        var members = new List<int>((t / chunks) + 1);
        for (int chunk = 0; chunk < chunks; chunk++)
        {
            members.Clear();
            for (int position = chunk; position < t; position += chunks)
            {
                members.Add(dealt[position]);
            }
            members.Sort();
            var rows = members.ToArray();
            var chunkScores = DoubleWeighting.Fit(reference, test.SelectRows(rows), solveOptions).TestScores!;
            for (int i = 0; i < rows.Length; i++)
            {
                scores[rows[i]] = chunkScores[i];
            }
        }
        return new Result(scores, r, chunks, false);
    }

    private static int[] Identity(int count)
    {
        var values = new int[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = i;
        }
        return values;
    }
}
