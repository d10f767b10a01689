namespace TabularOd.Stacking;

/// <summary>Options of <see cref="RidgeCvRegressor"/>.</summary>
public sealed record RidgeCvOptions
{
    /// <summary>
    /// The α values tried, in the order given (on an exact tie of the leave-one-out error the first wins, as in
    /// scikit-learn). Default: SPEC §8's logspace(−3, 5, 50).
    /// </summary>
    public IReadOnlyList<double> Alphas { get; init; } = AlphaGrid.Ridge();
}
