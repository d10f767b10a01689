using MathNet.Numerics;

namespace TabularOd.Evaluation.Statistics;

/// <summary>
/// The two-sided Wilcoxon signed-rank test for paired scores (two methods on the same datasets), as
/// <c>scipy.stats.wilcoxon(x, y)</c> computes it with its defaults in SciPy 1.10 (zero_method='wilcox',
/// correction=False, method='auto').
/// </summary>
/// <remarks>
/// <para>The rules, taken from SciPy 1.10's source rather than its docstring:</para>
/// <list type="bullet">
/// <item><description>d = x − y; the |d| are ranked with ties averaged; R⁺ and R⁻ are the rank sums of the
/// positive and negative d, and the statistic is min(R⁺, R⁻).</description></item>
/// <item><description>Exact regime: at most 50 pairs and no zero difference. The p-value is
/// 2·min(P(R⁺ ≤ r), P(R⁺ ≥ r)), capped at 1, under the exact null distribution of R⁺ for untied ranks
/// 1..n, and 1 when r is the distribution's centre ⌊n(n + 1)/4⌋. SciPy stays in this regime when |d| has
/// ties and then evaluates at r = ⌊R⁺⌋; this does the same, so half-integer rank sums are truncated
/// exactly as there (later SciPy versions use a permutation test in that case).</description></item>
/// <item><description>Otherwise the normal approximation: zero differences are dropped, n counts the rest,
/// z = (T − n(n + 1)/4) / σ with σ² = [n(n + 1)(2n + 1) − ½ Σ (t³ − t)] / 24 over groups of t tied |d|, no
/// continuity correction, and p = 2·(1 − Φ(|z|)).</description></item>
/// <item><description>When every difference is zero SciPy raises an error; there is then no evidence of a
/// difference, so this returns statistic 0, p-value 1 and <see cref="WilcoxonResult.Count"/> 0.</description></item>
/// </list>
/// <para>
/// The exact distribution is counted in 64-bit integers (at most 2⁵⁰ subsets), so exact p-values are the
/// exact dyadic rationals that SciPy's halving recursion also produces.
/// </para>
/// </remarks>
public static class WilcoxonSignedRank
{
    /// <summary>The largest number of pairs for which the exact distribution is used (SciPy's 'auto' rule).</summary>
    public const int ExactLimit = 50;

    /// <summary>Tests whether the paired differences x − y are symmetric about zero, two-sided.</summary>
    /// <param name="x">The first method's scores, finite.</param>
    /// <param name="y">The second method's scores on the same datasets, finite, same length, at least one.</param>
    public static WilcoxonResult Test(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        const string Method = "WilcoxonSignedRank.Test";
        if (x.IsEmpty)
        {
            StatisticsArguments.Throw(nameof(x), Method, "must not be empty. Got 0 values.");
        }
        if (y.Length != x.Length)
        {
            StatisticsArguments.Throw(nameof(y), Method, $"must pair one value with each x ({x.Length}). Got {y.Length}.");
        }
        StatisticsArguments.CheckFinite(x, nameof(x), Method);
        StatisticsArguments.CheckFinite(y, nameof(y), Method);

        int pairs = x.Length;
        var differences = new double[pairs];
        int nonZero = 0;
        for (int i = 0; i < pairs; i++)
        {
            double d = x[i] - y[i];
            if (d != 0)
            {
                differences[nonZero++] = d;
            }
        }
        if (nonZero == 0)
        {
            return new WilcoxonResult(0, 1, 0, IsExact: false);
        }
        // In the exact regime there are no zeros, so dropping them changes nothing there either.
        bool exact = pairs <= ExactLimit && nonZero == pairs;
        var nonZeroDifferences = differences.AsSpan(0, nonZero);

        var magnitudes = new double[nonZero];
        for (int i = 0; i < nonZero; i++)
        {
            magnitudes[i] = Math.Abs(nonZeroDifferences[i]);
        }
        var ranks = new double[nonZero];
        long ties = MethodRanks.AverageRanks(magnitudes, ranks, descending: false);
        double rPlus = 0, rMinus = 0;
        for (int i = 0; i < nonZero; i++)
        {
            // Ranks are multiples of ½, so these sums are exact.
            if (nonZeroDifferences[i] > 0)
            {
                rPlus += ranks[i];
            }
            else
            {
                rMinus += ranks[i];
            }
        }
        double statistic = Math.Min(rPlus, rMinus);

        double p = exact
            ? ExactTwoSided(nonZero, (int)rPlus)
            : NormalTwoSided(nonZero, statistic, ties);
        return new WilcoxonResult(statistic, p, nonZero, exact);
    }

    private static double ExactTwoSided(int n, int rPlus)
    {
        int total = n * (n + 1) / 2;
        if (rPlus == total / 2)
        {
            return 1.0;
        }
        // counts[s] = number of subsets of {1..n} whose sum is s; each has probability 2⁻ⁿ under the null.
        var counts = new long[total + 1];
        counts[0] = 1;
        for (int j = 1; j <= n; j++)
        {
            int reach = j * (j + 1) / 2;
            for (int s = reach; s >= j; s--)
            {
                counts[s] += counts[s - j];
            }
        }
        long atOrBelow = 0;
        for (int s = 0; s <= rPlus; s++)
        {
            atOrBelow += counts[s];
        }
        long atOrAbove = 0;
        for (int s = rPlus; s <= total; s++)
        {
            atOrAbove += counts[s];
        }
        double p = 2 * Math.Min(atOrBelow, atOrAbove) / Math.ScaleB(1.0, n);
        return Math.Min(p, 1.0);
    }

    private static double NormalTwoSided(int n, double statistic, long ties)
    {
        double mean = n * (n + 1.0) * 0.25;
        double variance = n * (n + 1.0) * ((2.0 * n) + 1.0);
        variance -= 0.5 * ties;
        double sd = Math.Sqrt(variance / 24);
        double z = (statistic - mean) / sd;
        return StandardNormal.TwoSidedTail(z);
    }
}
