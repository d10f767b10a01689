namespace TabularOd.Evaluation.Statistics;

/// <summary>
/// Two methods compared on the datasets where both have a score: how often each is ahead, and whether the
/// difference is significant by a Wilcoxon signed-rank test, Holm-adjusted over the report's family.
/// </summary>
/// <param name="First">The first method (the best-ranked one in a versus-best family).</param>
/// <param name="Second">The second method.</param>
/// <param name="Datasets">Datasets on which both have a score.</param>
/// <param name="FirstWins">Datasets where <paramref name="First"/> scores strictly higher.</param>
/// <param name="Ties">Datasets where they score exactly the same.</param>
/// <param name="SecondWins">Datasets where <paramref name="Second"/> scores strictly higher.</param>
/// <param name="Wilcoxon">The test of First − Second.</param>
/// <param name="AdjustedPValue">The Wilcoxon p-value after Holm's adjustment over all comparisons of the family.</param>
public sealed record PairwiseComparison(
    string First,
    string Second,
    int Datasets,
    int FirstWins,
    int Ties,
    int SecondWins,
    WilcoxonResult Wilcoxon,
    double AdjustedPValue);
