namespace TabularOd.Evaluation.Statistics;

/// <summary>
/// The Nemenyi post-hoc test's critical difference (Demšar 2006): two methods' average ranks over N datasets
/// differ significantly at level α when they differ by at least CD = q_α √(k(k + 1)/(6N)), where q_α is the
/// upper-α quantile of the studentized range of k groups with infinite degrees of freedom divided by √2.
/// </summary>
/// <remarks>
/// q_α is computed (see <see cref="StudentizedRange"/>), not read from a table, so any k from 2 to
/// <see cref="StudentizedRange.MaxGroups"/> works. Demšar's table gives 1.960, 2.343, 2.569, 2.728 … 3.164
/// for k = 2 … 10 at α = 0.05, which these values round to.
/// </remarks>
public static class NemenyiCriticalDifference
{
    /// <summary>The conventional level, α = 0.05.</summary>
    public const double DefaultAlpha = 0.05;

    /// <summary>q_α = studentized range upper-α quantile(k, ∞) / √2.</summary>
    /// <param name="methods">k, in [2, <see cref="StudentizedRange.MaxGroups"/>].</param>
    /// <param name="alpha">Significance level in (0, 1).</param>
    public static double CriticalValue(int methods, double alpha = DefaultAlpha)
    {
        const string Method = "NemenyiCriticalDifference.CriticalValue";
        StudentizedRange.CheckGroups(methods, Method, nameof(methods));
        StatisticsArguments.CheckOpenUnit(alpha, nameof(alpha), Method);
        return StudentizedRange.UpperQuantile(alpha, methods) / Math.Sqrt(2);
    }

    /// <summary>CD = q_α √(k(k + 1)/(6N)), in units of average rank.</summary>
    /// <param name="methods">k, in [2, <see cref="StudentizedRange.MaxGroups"/>].</param>
    /// <param name="datasets">N ≥ 1, the datasets the average ranks were taken over.</param>
    /// <param name="alpha">Significance level in (0, 1).</param>
    public static double Compute(int methods, int datasets, double alpha = DefaultAlpha)
    {
        const string Method = "NemenyiCriticalDifference.Compute";
        StudentizedRange.CheckGroups(methods, Method, nameof(methods));
        StatisticsArguments.CheckAtLeast(datasets, 1, nameof(datasets), Method);
        StatisticsArguments.CheckOpenUnit(alpha, nameof(alpha), Method);
        double q = StudentizedRange.UpperQuantile(alpha, methods) / Math.Sqrt(2);
        return q * Math.Sqrt(methods * (methods + 1.0) / (6.0 * datasets));
    }
}
