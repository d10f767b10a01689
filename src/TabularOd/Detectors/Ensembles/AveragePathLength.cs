namespace TabularOd.Detectors.Ensembles;

/// <summary>
/// c(n), the average path length of an unsuccessful search in a binary search tree of n keys: the expected
/// depth still to go below an isolation-tree leaf that holds n training rows, and the normaliser of the score.
/// </summary>
internal static class AveragePathLength
{
    // NumPy's np.euler_gamma, so that c(n) matches scikit-learn's _average_path_length to the last bit.
    private const double EulerGamma = 0.5772156649015329;

    /// <summary>
    /// c(n) = 2(ln(n − 1) + γ) − 2(n − 1)/n for n &gt; 2, 1 for n = 2 and 0 for n ≤ 1 (scikit-learn's form, which
    /// approximates the harmonic number H(n − 1) by ln(n − 1) + γ).
    /// </summary>
    public static double Of(int n) => n switch
    {
        <= 1 => 0.0,
        2 => 1.0,
        _ => (2.0 * (Math.Log(n - 1.0) + EulerGamma)) - (2.0 * (n - 1.0) / n),
    };
}
