namespace TabularOd.Evaluation.Statistics;

/// <summary>The Friedman test over the complete datasets of a score table.</summary>
/// <param name="Statistic">The tie-corrected chi-square statistic.</param>
/// <param name="PValue">Upper tail of the chi-square distribution with k − 1 degrees of freedom.</param>
/// <param name="Datasets">N, the number of complete datasets the test ranked.</param>
/// <param name="Methods">k, the number of methods compared.</param>
public sealed record FriedmanResult(double Statistic, double PValue, int Datasets, int Methods);
