namespace TabularOd.Benchmarking.Stacking;

/// <summary>How <see cref="OutlierScoreLoader"/> turns a randomised configuration's several seeds into one column.</summary>
public enum SeedPolicy
{
    /// <summary>
    /// Average the rank-normalised scores over every seed with usable scores, then rank the average again: the
    /// column is the configuration's seed ensemble, as steady as its best use would be, and still a rank in (0, 1].
    /// </summary>
    Mean,

    /// <summary>The lowest seed with usable scores only (seed 0 in a complete run).</summary>
    First,
}
