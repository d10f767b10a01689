namespace TabularOd.Evaluation;

/// <summary>
/// F1 from confusion counts, with scikit-learn's operation order (P and R divided first, then
/// (1 + β²)·P·R / (β²·P + R) with β = 1) so results agree to the last bit, and zero_division = 0.
/// </summary>
internal static class F1Score
{
    /// <summary>F1 for <paramref name="truePositives"/> among <paramref name="predicted"/> predicted outliers and <paramref name="positives"/> true outliers.</summary>
    public static double FromCounts(int truePositives, int predicted, int positives)
    {
        double precision = predicted == 0 ? 0 : truePositives / (double)predicted;
        double recall = positives == 0 ? 0 : truePositives / (double)positives;
        double denominator = precision + recall;
        return denominator == 0 ? 0 : 2 * precision * recall / denominator;
    }
}
