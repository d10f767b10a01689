namespace TabularOd.Evaluation.Statistics;

/// <summary>One method's row of a benchmark report.</summary>
/// <param name="Method">The method's name.</param>
/// <param name="Count">Datasets on which the method has a score (its own values; see <see cref="ScoreTable"/>).</param>
/// <param name="Mean">Mean score over those datasets.</param>
/// <param name="Median">Median score over those datasets (mean of the two middle values for an even count).</param>
/// <param name="MeanInterval">Percentile bootstrap interval of <paramref name="Mean"/>.</param>
/// <param name="AverageRank">Average rank over the complete datasets, 1 = best, ties averaged.</param>
/// <param name="WinRate">Fraction of the complete datasets on which this method alone has the highest
/// score; a dataset where several methods share the top score counts as a win for none of them.</param>
public sealed record MethodSummary(
    string Method,
    int Count,
    double Mean,
    double Median,
    ConfidenceInterval MeanInterval,
    double AverageRank,
    double WinRate);
