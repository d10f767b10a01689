namespace TabularOd.Stacking;

/// <summary>Options of <see cref="RidgeRegressor"/>; defaults as scikit-learn's <c>Ridge</c>.</summary>
public sealed record RidgeOptions
{
    /// <summary>Default <see cref="Alpha"/>.</summary>
    public const double DefaultAlpha = 1.0;

    /// <summary>
    /// The L2 penalty α in Σ wᵢ(yᵢ − xᵢ·w − b)² + α‖w‖² (sum, not mean, as scikit-learn's Ridge); must be &gt; 0 so
    /// that collinear and constant columns still give one solution.
    /// </summary>
    public double Alpha { get; init; } = DefaultAlpha;
}
