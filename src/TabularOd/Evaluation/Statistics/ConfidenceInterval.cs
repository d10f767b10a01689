namespace TabularOd.Evaluation.Statistics;

/// <summary>A two-sided confidence interval.</summary>
/// <param name="Low">Lower bound.</param>
/// <param name="High">Upper bound, ≥ <paramref name="Low"/>.</param>
/// <param name="Level">Nominal coverage, e.g. 0.95.</param>
public readonly record struct ConfidenceInterval(double Low, double High, double Level);
