using MathNet.Numerics;

namespace TabularOd.Evaluation.Statistics;

/// <summary>
/// The Friedman test of "all methods perform alike": rank the methods within each complete dataset, and
/// compare the rank sums with what equal performance would give. Equals
/// <c>scipy.stats.friedmanchisquare</c>, including its correction for ties within a dataset.
/// </summary>
/// <remarks>
/// The statistic is χ²_F = [12/(N k (k + 1)) Σ_j R_j² − 3 N (k + 1)] / C, where R_j is method j's rank sum
/// and C = 1 − Σ (t³ − t) / (N k (k² − 1)) over all groups of t tied scores; the p-value is the chi-square
/// upper tail with k − 1 degrees of freedom (an approximation that SciPy's notes trust for N &gt; 10 and
/// k &gt; 6). When every method ties on every dataset, C = 0 and SciPy returns NaN; there is then no evidence
/// of a difference, so this returns statistic 0 and p-value 1.
/// </remarks>
public static class FriedmanTest
{
    /// <summary>Runs the test on the complete datasets of <paramref name="table"/>.</summary>
    /// <exception cref="ArgumentException">The table has fewer than 3 methods (SciPy's limit too; compare two
    /// methods with <see cref="WilcoxonSignedRank"/>).</exception>
    public static FriedmanResult Compute(ScoreTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        int k = table.MethodCount;
        if (k < 3)
        {
            StatisticsArguments.Throw(nameof(table), "FriedmanTest.Compute", $"must hold at least 3 methods (compare two with WilcoxonSignedRank). Got {k}.");
        }

        var rankSums = new double[k];
        var column = new double[k];
        var ranks = new double[k];
        long ties = 0;
        foreach (int d in table.CompleteDatasetSpan)
        {
            for (int m = 0; m < k; m++)
            {
                column[m] = table[m, d];
            }
            // Descending ranks give the same Σ R_j² as SciPy's ascending ones (R ↦ N(k + 1) − R preserves it),
            // and every sum here is of multiples of ½, so it is exact.
            ties += MethodRanks.AverageRanks(column, ranks, descending: true);
            for (int m = 0; m < k; m++)
            {
                rankSums[m] += ranks[m];
            }
        }

        long n = table.CompleteDatasets.Count;
        double sumOfSquares = 0;
        foreach (double r in rankSums)
        {
            sumOfSquares += r * r;
        }
        // Same operations in the same order as SciPy, so the statistic agrees to the last bit.
        double correction = 1 - (ties / (double)(k * ((long)k * k - 1) * n));
        if (correction == 0)
        {
            return new FriedmanResult(0, 1, (int)n, k);
        }
        double statistic = ((12.0 / (k * n * (k + 1)) * sumOfSquares) - (3 * n * (k + 1))) / correction;
        double p = ChiSquareUpperTail(statistic, k - 1);
        return new FriedmanResult(statistic, p, (int)n, k);
    }

    /// <summary>P(χ²_ν ≥ x) as the regularized upper incomplete gamma Q(ν/2, x/2), accurate in the far tail.</summary>
    internal static double ChiSquareUpperTail(double x, int degreesOfFreedom) =>
        x <= 0 ? 1 : SpecialFunctions.GammaUpperRegularized(degreesOfFreedom / 2.0, x / 2);
}
