namespace TabularOd.Evaluation.Statistics;

/// <summary>Which pairs a benchmark report tests, and so how many hypotheses Holm's adjustment counts.</summary>
public enum ComparisonFamily
{
    /// <summary>Every pair of methods: k(k − 1)/2 tests.</summary>
    AllPairs,

    /// <summary>
    /// The best-ranked method (lowest average rank; the first in table order on a tie) against each other
    /// method: k − 1 tests, and so more power when only "is the winner really better?" is asked.
    /// </summary>
    VersusBest,
}
