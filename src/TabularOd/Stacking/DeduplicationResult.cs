namespace TabularOd.Stacking;

/// <summary>
/// The outcome of de-duplication: which models the meta-learner gets, why each other one was dropped, and how much
/// better conditioned the kept columns are (SPEC §8 reports the correlation matrix's condition number before and
/// after, 847 → 392 on Playground S6E1).
/// </summary>
public sealed class DeduplicationResult(
    int[] kept, int[] ranking, double[] rmse, double[] variance, DeduplicationVerdict[] verdicts, int[] duplicateOf,
    double conditionBefore, double conditionAfter)
{
    /// <summary>Indices of the kept models, ascending.</summary>
    public IReadOnlyList<int> Kept => kept;

    /// <summary>
    /// Every model index ordered by ascending RMSE, or by the caller's losses when given (ties: lower index): the order
    /// the walk visited them.
    /// </summary>
    public IReadOnlyList<int> Ranking => ranking;

    /// <summary>Each model's RMSE against the target.</summary>
    public IReadOnlyList<double> Rmse => rmse;

    /// <summary>Each model's prediction variance (ddof 0).</summary>
    public IReadOnlyList<double> Variance => variance;

    /// <summary>The decision per model.</summary>
    public IReadOnlyList<DeduplicationVerdict> Verdicts => verdicts;

    /// <summary>For a <see cref="DeduplicationVerdict.Duplicate"/>, the first kept model it matched; otherwise −1.</summary>
    public IReadOnlyList<int> DuplicateOf => duplicateOf;

    /// <summary>
    /// 2-norm condition number of the correlation matrix of all models (+∞ if one is constant, since its correlations
    /// are undefined, or if the matrix is singular).
    /// </summary>
    public double ConditionNumberBefore => conditionBefore;

    /// <summary>The same for the kept models (1 for a single model, NaN for none).</summary>
    public double ConditionNumberAfter => conditionAfter;
}
