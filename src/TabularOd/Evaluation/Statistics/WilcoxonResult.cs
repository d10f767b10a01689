namespace TabularOd.Evaluation.Statistics;

/// <summary>A two-sided Wilcoxon signed-rank test of paired samples.</summary>
/// <param name="Statistic">min(R⁺, R⁻), the smaller signed-rank sum (SciPy's two-sided statistic).</param>
/// <param name="PValue">Two-sided p-value in [0, 1].</param>
/// <param name="Count">Non-zero differences ranked (zero differences are dropped).</param>
/// <param name="IsExact">True when the p-value comes from the exact null distribution, false when from the
/// normal approximation; a report can footnote the approximate ones.</param>
public sealed record WilcoxonResult(double Statistic, double PValue, int Count, bool IsExact);
