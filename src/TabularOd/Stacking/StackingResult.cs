namespace TabularOd.Stacking;

/// <summary>What <see cref="StackingPipeline.Fit(Data.DataMatrix, ReadOnlySpan{double}, ReadOnlySpan{double})"/> found.</summary>
public sealed class StackingResult(
    DeduplicationResult? deduplication, int[] kept, double conditionBefore, double conditionAfter, string[] designColumns,
    MetaModelResult[] metaModels, double[] blendOof, double blendRmse, FoldAssignment outerFolds, FittedStack stack, double fitSeconds)
{
    /// <summary>The de-duplication outcome, or null when the stage was off.</summary>
    public DeduplicationResult? Deduplication => deduplication;

    /// <summary>The base-model columns the meta-models see, ascending.</summary>
    public IReadOnlyList<int> Kept => kept;

    /// <summary>2-norm condition number of the correlation matrix of all base models.</summary>
    public double ConditionNumberBefore => conditionBefore;

    /// <summary>The same for the kept models (equal to the first when de-duplication is off).</summary>
    public double ConditionNumberAfter => conditionAfter;

    /// <summary>The meta-design's column names: "model_j" per kept model, then the meta-features.</summary>
    public IReadOnlyList<string> DesignColumns => designColumns;

    /// <summary>The meta-models, in the order of <see cref="StackingPipelineOptions.MetaModels"/>.</summary>
    public IReadOnlyList<MetaModelResult> MetaModels => metaModels;

    /// <summary>The stack's out-of-fold predictions: the blend of the meta-models' (or the best one's).</summary>
    public IReadOnlyList<double> BlendOofPredictions => blendOof;

    /// <summary>RMSE of <see cref="BlendOofPredictions"/>.</summary>
    public double BlendOofRmse => blendRmse;

    /// <summary>The outer folds used (also for the baselines, so that the comparison is like for like).</summary>
    public FoldAssignment OuterFolds => outerFolds;

    /// <summary>The stack refitted on all rows, ready for new prediction matrices.</summary>
    public FittedStack Stack => stack;

    /// <summary>Wall-clock seconds of the whole fit.</summary>
    public double FitSeconds => fitSeconds;
}
