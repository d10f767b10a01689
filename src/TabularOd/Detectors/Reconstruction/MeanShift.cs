using TabularOd.Compute;
using TabularOd.Data;
using TabularOd.Detectors.Persistence;

namespace TabularOd.Detectors.Reconstruction;

/// <summary>
/// The mean-shift step (MSS) of SPEC §4: each row is moved, up to three times, to the mean of its k nearest
/// training rows, giving the target a reconstruction detector scores against.
/// </summary>
/// <remarks>
/// <para>
/// Why it helps: an inlier sits among other inliers, so the mean of its neighbourhood is close to it and its
/// target hardly moves. An outlier's nearest rows are inliers some way off, so its target is pulled towards the
/// data. A network that sees the original row but is scored against the shifted target (SPEC §4 "MSS score") then
/// makes a larger error for outliers than for inliers, on top of whatever it gets wrong about the row itself.
/// The shift is the one behind mean-shift outlier detection, where the distance a row moves is itself the score:
/// Yang, Rahardja and Fränti, "Mean-shift outlier detection", Fuzzy Systems and Data Mining (FSDM) 2018, and
/// "Mean-shift outlier detection and filtering", Pattern Recognition 115, 2021.
/// </para>
/// <para>
/// Training rows, iteration j = 1..m: every row becomes the mean of its k nearest rows (itself included) in the
/// training set as shifted after j − 1 iterations. A new row at iteration j becomes the mean of itself (as shifted
/// so far) and its k − 1 nearest rows of that same training set, so the training sets after 0..m − 1 iterations
/// are kept. k is capped at n − 1 (at least 1) [ours]; ties go to the lower index (the backend's k-NN order).
/// </para>
/// <para>
/// A mean is summed in ascending row index, not nearest first, so it depends only on the set of neighbours: rows
/// with the same neighbours get bit-identical means (as in SPEC's [ref] vector) and stay exact duplicates in the next
/// iteration, and distances that differ in their last bits between backends or batches cannot change a mean
/// unless they change the set.
/// </para>
/// <para>
/// Characteristics: needs scaling (Euclidean neighbours); deterministic (no seed, same bits on any thread count);
/// inductive (a new row's shift depends on the training set and the row, never on the rest of its batch).
/// </para>
/// </remarks>
public sealed class MeanShift
{
    /// <summary>Iterations m when the caller does not say (SPEC §4).</summary>
    public const int DefaultIterations = 1;

    /// <summary>Neighbours k, the row itself included, when the caller does not say; capped at n − 1 (SPEC §4).</summary>
    public const int DefaultNeighbours = 10;

    /// <summary>The most iterations SPEC §4 allows.</summary>
    private const int MaxIterations = 3;

    /// <summary>Layout version of <see cref="Write"/>; bump it when the stored fields change.</summary>
    private const int FormatVersion = 1;

    // _stages[j] is the training set after j iterations, j = 0..m; new rows need 0..m − 1, stage m is ShiftedTraining.
    private readonly DataMatrix[] _stages;

    private MeanShift(int k, DataMatrix[] stages)
    {
        K = k;
        _stages = stages;
    }

    /// <summary>Neighbours per shift, the row itself included, after the cap at n − 1.</summary>
    public int K { get; }

    /// <summary>Iterations m, 1 ≤ m ≤ 3.</summary>
    public int Iterations => _stages.Length - 1;

    /// <summary>
    /// The training rows after <see cref="Iterations"/> iterations, in training order. Shared, not copied: treat it as
    /// read-only (it is what <see cref="Write"/> stores).
    /// </summary>
    public DataMatrix ShiftedTraining => _stages[^1];

    /// <summary>
    /// Shifts the training rows <paramref name="iterations"/> times with <paramref name="k"/> neighbours (capped at
    /// n − 1) and keeps what new rows need. Throws <see cref="ArgumentException"/> for k &lt; 1, m outside [1, 3], or
    /// training data that is empty or not finite.
    /// </summary>
    public static MeanShift Fit(DataMatrix train, int k = DefaultNeighbours, int iterations = DefaultIterations)
    {
        OptionCheck.AtLeast(k, 1, nameof(K), nameof(MeanShift));
        OptionCheck.InRange(iterations, 1, MaxIterations, nameof(Iterations), nameof(MeanShift));
        DetectorInput.CheckTrain(train, nameof(MeanShift));

        int effectiveK = Math.Min(k, Math.Max(train.Rows - 1, 1));
        var stages = new DataMatrix[iterations + 1];
        stages[0] = train.Clone();
        for (int j = 1; j <= iterations; j++)
        {
            stages[j] = ShiftTraining(stages[j - 1], effectiveK);
        }
        return new MeanShift(effectiveK, stages);
    }

    /// <summary>
    /// New rows shifted <see cref="Iterations"/> times as SPEC §4 defines for test rows; each row's result depends only
    /// on that row. Throws <see cref="ArgumentException"/> for a width other than the training width or a value that
    /// is not finite.
    /// </summary>
    public DataMatrix Shift(DataMatrix rows)
    {
        DetectorInput.CheckScore(rows, _stages[0].Columns, nameof(MeanShift));
        var current = rows.Clone();
        for (int j = 1; j <= Iterations; j++)
        {
            current = ShiftNew(current, _stages[j - 1], K);
        }
        return current;
    }

    /// <summary>Writes k, m and the training sets after 0..m iterations (stored, so a loaded step shifts bit-identically).</summary>
    public void Write(ModelWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(FormatVersion);
        writer.Write(K);
        writer.Write(Iterations);
        foreach (var stage in _stages)
        {
            writer.Write(stage);
        }
    }

    /// <summary>Reads what <see cref="Write"/> wrote. Throws <see cref="InvalidDataException"/> when the stored step is inconsistent.</summary>
    public static MeanShift Read(ModelReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        int version = reader.ReadInt32();
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"The stored mean-shift step has layout version {version}; this build reads version {FormatVersion}.");
        }
        int k = reader.ReadInt32(), iterations = reader.ReadInt32();
        if (iterations < 1 || iterations > MaxIterations)
        {
            throw new InvalidDataException($"The stored mean-shift step has {iterations} iterations; 1 to {MaxIterations} are possible.");
        }
        var stages = new DataMatrix[iterations + 1];
        for (int j = 0; j < stages.Length; j++)
        {
            stages[j] = reader.ReadMatrix();
            if (stages[j].Rows == 0 || stages[j].Columns == 0
                || stages[j].Rows != stages[0].Rows || stages[j].Columns != stages[0].Columns)
            {
                throw new InvalidDataException(
                    $"The stored mean-shift training set after {j} iterations is {stages[j].Rows}×{stages[j].Columns}; expected the non-empty {stages[0].Rows}×{stages[0].Columns} of the first.");
            }
        }
        if (k < 1 || k > Math.Max(stages[0].Rows - 1, 1))
        {
            throw new InvalidDataException($"The stored mean-shift step has k = {k} for {stages[0].Rows} training rows.");
        }
        return new MeanShift(k, stages);
    }

    // Every row becomes the mean of its k nearest rows of `current`, itself included (a self-search that keeps self).
    private static DataMatrix ShiftTraining(DataMatrix current, int k)
    {
        int n = current.Rows, d = current.Columns;
        var neighbours = ComputeBackends.Default.KNearest<double>(current.AsSpan(), n, d, k, excludeSelf: false);
        var shifted = new DataMatrix(n, d);
        var members = new int[k];
        for (int i = 0; i < n; i++)
        {
            neighbours.IndicesOf(i).CopyTo(members);
            MeanInto(shifted.Row(i), current, members, k);
        }
        return shifted;
    }

    // Every row becomes the mean of itself and its k − 1 nearest rows of `reference` (the training set one iteration behind).
    private static DataMatrix ShiftNew(DataMatrix current, DataMatrix reference, int k)
    {
        var shifted = current.Clone();
        if (k == 1 || current.Rows == 0)
        {
            return shifted; // the mean of the row alone
        }
        var neighbours = ComputeBackends.Default.KNearest<double>(
            reference.AsSpan(), reference.Rows, current.AsSpan(), current.Rows, current.Columns, k - 1);
        var members = new int[k - 1];
        for (int i = 0; i < current.Rows; i++)
        {
            neighbours.IndicesOf(i).CopyTo(members);
            MeanInto(shifted.Row(i), reference, members, k);
        }
        return shifted;
    }

    // target ← (target + Σ rows[members]) / k, the members added in ascending index (see the remarks for why).
    private static void MeanInto(Span<double> target, DataMatrix rows, int[] members, int k)
    {
        Array.Sort(members);
        foreach (int member in members)
        {
            var row = rows.Row(member);
            for (int c = 0; c < target.Length; c++)
            {
                target[c] += row[c];
            }
        }
        for (int c = 0; c < target.Length; c++)
        {
            target[c] /= k;
        }
    }
}
