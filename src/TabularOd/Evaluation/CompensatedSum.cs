namespace TabularOd.Evaluation;

/// <summary>
/// Neumaier-compensated running sum. Average precision adds one term per distinct score; a plain running
/// sum over 10⁵ terms drifts by up to ~10⁻¹¹, while this stays within an ulp or two of the exact sum and so
/// within NumPy's pairwise-summation error of scikit-learn's value.
/// </summary>
internal struct CompensatedSum
{
    private double _sum;
    private double _compensation;

    /// <summary>Adds one term.</summary>
    public void Add(double value)
    {
        double total = _sum + value;
        _compensation += Math.Abs(_sum) >= Math.Abs(value)
            ? (_sum - total) + value
            : (value - total) + _sum;
        _sum = total;
    }

    /// <summary>The compensated total.</summary>
    public readonly double Value => _sum + _compensation;
}
