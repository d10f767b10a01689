using TabularOd.Data;
using TabularOd.Sampling;

namespace TabularOd.Detectors.Shift;

/// <summary>
/// Training scores for the transductive shift detectors, by cross-fitting: the training rows are dealt into
/// <see cref="Folds"/> seeded folds and each fold is scored as a batch against the other folds.
/// </summary>
/// <remarks>
/// Scoring the training set as its own batch would compare a sample with itself, where every row looks
/// in-distribution by construction (DW-KMM then returns α ≡ 1 and the threshold would be 0). Cross-fitting scores
/// each row as a new row against training data it was not part of, as a test batch is scored. The fold of a row
/// is its position in a seeded shuffle modulo the fold count, so the training scores depend on the seed and the
/// row order (the detectors declare themselves randomised). A single training row has no other rows to be
/// compared with and scores 0.
/// </remarks>
internal static class CrossFittedScores
{
    /// <summary>How many folds (fewer when there are fewer rows).</summary>
    public const int Folds = 5;

    /// <summary>
    /// One score per training row; <paramref name="scoreBatch"/>(reference rows, batch) must return one score per
    /// batch row.
    /// </summary>
    public static double[] Compute(DataMatrix train, int seed, Func<DataMatrix, DataMatrix, double[]> scoreBatch)
    {
        int n = train.Rows;
        var scores = new double[n];
        if (n < 2)
        {
            return scores;
        }
        int folds = Math.Min(Folds, n);
        var order = Enumerable.Range(0, n).ToArray();
        new SeededRandom(seed).Shuffle(order.AsSpan());
        for (int fold = 0; fold < folds; fold++)
        {
            var batch = new List<int>();
            var reference = new List<int>();
            for (int position = 0; position < n; position++)
            {
                (position % folds == fold ? batch : reference).Add(order[position]);
            }
            batch.Sort();
            reference.Sort();
            var batchScores = scoreBatch(train.SelectRows(reference.ToArray()), train.SelectRows(batch.ToArray()));
            for (int i = 0; i < batch.Count; i++)
            {
                scores[batch[i]] = batchScores[i];
            }
        }
        return scores;
    }
}
