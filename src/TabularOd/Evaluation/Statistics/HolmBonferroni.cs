namespace TabularOd.Evaluation.Statistics;

/// <summary>
/// Holm's step-down adjustment of a family of p-values, controlling the family-wise error rate without
/// assuming independence. Equals <c>statsmodels.stats.multitest.multipletests(p, method='holm')[1]</c>.
/// </summary>
/// <remarks>
/// With the p-values sorted ascending, p₍₁₎ ≤ … ≤ p₍ₘ₎, the adjusted value of the i-th is
/// min(1, max_{j ≤ i} (m − j + 1)·p₍ⱼ₎): scaled like Bonferroni by the number of hypotheses still in play, then
/// made monotone so that a hypothesis is never easier to reject than one with a smaller raw p-value.
/// Reject hypothesis i at level α when its adjusted p-value is ≤ α.
/// </remarks>
public static class HolmBonferroni
{
    /// <summary>Adjusted p-values in the order of <paramref name="pValues"/>.</summary>
    /// <param name="pValues">Raw p-values, each in [0, 1]; may be empty.</param>
    public static double[] Adjust(ReadOnlySpan<double> pValues)
    {
        for (int i = 0; i < pValues.Length; i++)
        {
            if (!(pValues[i] >= 0 && pValues[i] <= 1))
            {
                StatisticsArguments.Throw(nameof(pValues), "HolmBonferroni.Adjust", $"must hold probabilities in [0, 1]. Got {StatisticsArguments.Format(pValues[i])} at index {i}.");
            }
        }
        int m = pValues.Length;
        var order = new int[m];
        var sorted = pValues.ToArray();
        for (int i = 0; i < m; i++)
        {
            order[i] = i;
        }
        // Equal p-values get equal adjusted values whatever order the sort leaves them in.
        Array.Sort(sorted, order);

        var adjusted = new double[m];
        double running = 0;
        for (int i = 0; i < m; i++)
        {
            running = Math.Max(running, (m - i) * sorted[i]);
            adjusted[order[i]] = Math.Min(running, 1.0);
        }
        return adjusted;
    }
}
