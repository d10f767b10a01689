namespace TabularOd.Stacking;

/// <summary>
/// The ensemble hill climbing chose, and the path to it: the weights to blend with, and the loss after every
/// prefix so that a report can show where the hold-out loss stopped improving.
/// </summary>
public sealed class HillClimbingResult(double[] weights, int[] counts, int[] members, double[] prefixLosses, int initialModels, int bestPrefixLength)
{
    /// <summary>Blend weight per library model: its count in the best prefix over the prefix size (sum 1).</summary>
    public IReadOnlyList<double> Weights => weights;

    /// <summary>How many times each model appears in the best prefix.</summary>
    public IReadOnlyList<int> Counts => counts;

    /// <summary>Every member in the order it joined: the sorted initialisation first, then the greedy additions.</summary>
    public IReadOnlyList<int> Members => members;

    /// <summary>PrefixLosses[k − 1]: the loss of the mean of the first k members.</summary>
    public IReadOnlyList<double> PrefixLosses => prefixLosses;

    /// <summary>N of the sorted initialisation (0 when it is off).</summary>
    public int InitialModels => initialModels;

    /// <summary>The size of the prefix returned.</summary>
    public int BestPrefixLength => bestPrefixLength;

    /// <summary>The loss of the returned ensemble on the hold-out it was chosen on.</summary>
    public double BestLoss => prefixLosses[bestPrefixLength - 1];
}
