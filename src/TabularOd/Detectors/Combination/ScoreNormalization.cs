using TabularOd.Data;

namespace TabularOd.Detectors.Combination;

/// <summary>
/// Puts the scores of several detectors (an n_rows × n_detectors matrix, one column per detector) on a common
/// scale before they are combined: raw scores of different detectors are not comparable.
/// </summary>
public static class ScoreNormalization
{
    /// <summary>
    /// Z-scores each column of <paramref name="scores"/> by the mean and population standard deviation of the same
    /// column of <paramref name="trainingScores"/>, as PyOD's <c>standardizer(X_train, X_test)</c> (scikit-learn's
    /// <c>StandardScaler</c>) does. A column with zero spread is only centred (scale 1), as scikit-learn does.
    /// </summary>
    public static DataMatrix ZScore(DataMatrix trainingScores, DataMatrix scores)
    {
        ArgumentNullException.ThrowIfNull(trainingScores);
        ArgumentNullException.ThrowIfNull(scores);
        if (trainingScores.Rows == 0)
        {
            throw new ArgumentException("Z-scoring needs at least one training score per detector.", nameof(trainingScores));
        }
        if (trainingScores.Columns != scores.Columns)
        {
            throw new ArgumentException($"The training scores hold {trainingScores.Columns} detectors but the scores hold {scores.Columns}.", nameof(scores));
        }
        var result = new DataMatrix(scores.Rows, scores.Columns);
        for (int j = 0; j < scores.Columns; j++)
        {
            var column = trainingScores.Column(j);
            double mean = 0;
            for (int i = 0; i < column.Count; i++)
            {
                mean += column[i];
            }
            mean /= column.Count;
            double variance = 0;
            for (int i = 0; i < column.Count; i++)
            {
                variance += (column[i] - mean) * (column[i] - mean);
            }
            double std = Math.Sqrt(variance / column.Count);
            double scale = std > 0 ? std : 1;
            for (int i = 0; i < scores.Rows; i++)
            {
                result[i, j] = (scores[i, j] - mean) / scale;
            }
        }
        return result;
    }

    /// <summary>Z-scores each column by its own mean and population standard deviation (PyOD's <c>standardizer(X)</c>).</summary>
    public static DataMatrix ZScore(DataMatrix scores) => ZScore(scores, scores);

    /// <summary>
    /// Replaces each score by its average rank within its column divided by the row count, so values lie in
    /// (0, 1] and ties share the mean of their ranks (SciPy's <c>rankdata(method='average') / n</c>).
    /// </summary>
    public static DataMatrix Rank(DataMatrix scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        int n = scores.Rows;
        var result = new DataMatrix(n, scores.Columns);
        var order = new int[n];
        var values = new double[n];
        for (int j = 0; j < scores.Columns; j++)
        {
            scores.Column(j).CopyTo(values);
            for (int i = 0; i < n; i++)
            {
                order[i] = i;
            }
            // A stable sort is not needed: tied rows all receive the same average rank.
            Array.Sort((double[])values.Clone(), order);
            int start = 0;
            while (start < n)
            {
                int end = start + 1;
                while (end < n && values[order[end]] == values[order[start]])
                {
                    end++;
                }
                // Positions start..end−1 hold ranks start+1..end; their average is (start + 1 + end) / 2.
                double rank = (start + 1 + end) / 2.0;
                for (int p = start; p < end; p++)
                {
                    result[order[p], j] = rank / n;
                }
                start = end;
            }
        }
        return result;
    }
}
