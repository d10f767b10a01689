namespace TabularOd.Stacking;

/// <summary>
/// The outcome of bagged hill climbing: the averaged blend weights, and each bag's own selection so that a report
/// can show how stable the choice was across bags.
/// </summary>
public sealed class BaggedHillClimbingResult(double[] weights, int[][] bagModels, HillClimbingResult[] bags, double loss)
{
    /// <summary>Blend weight per library model: the mean over bags of each bag's weights (sum 1).</summary>
    public IReadOnlyList<double> Weights => weights;

    /// <summary>The library models each bag could choose from, ascending.</summary>
    public IReadOnlyList<IReadOnlyList<int>> BagModels => bagModels;

    /// <summary>Each bag's selection, with model indices local to that bag's <see cref="BagModels"/>.</summary>
    public IReadOnlyList<HillClimbingResult> Bags => bags;

    /// <summary>The loss of the weighted blend Σ wₘ·Pₘ on the hold-out.</summary>
    public double Loss => loss;
}
