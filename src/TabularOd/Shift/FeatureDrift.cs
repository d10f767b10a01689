namespace TabularOd.Shift;

/// <summary>How far one feature's test values moved from its training values.</summary>
/// <param name="Feature">The column index.</param>
/// <param name="TrainMean">Mean over the training rows.</param>
/// <param name="TestMean">Mean over the test rows.</param>
/// <param name="StandardizedMeanDifference">(test mean − train mean)/√((var_train + var_test)/2), population variances; 0 when both are constant.</param>
/// <param name="Auroc">P(a random test value &gt; a random training value), ties ½: 0.5 = no shift in ranks.</param>
public sealed record FeatureDrift(int Feature, double TrainMean, double TestMean, double StandardizedMeanDifference, double Auroc)
{
    /// <summary>|AUROC − 0.5|: the ranking key of <see cref="FeatureShift.Rank"/>, 0 (no shift) to 0.5 (disjoint).</summary>
    public double Separation => Math.Abs(Auroc - 0.5);
}
