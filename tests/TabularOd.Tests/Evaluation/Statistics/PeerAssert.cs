namespace TabularOd.Tests.Evaluation.Statistics;

/// <summary>Relative comparison against peer values, with a message that names the quantity and both numbers.</summary>
internal static class PeerAssert
{
    /// <summary>Tolerance where our formula and SciPy's are the same arithmetic (special functions aside).</summary>
    public const double Exact = 1e-10;

    /// <summary>Tolerance for values SciPy itself gets by numerical integration and root finding.</summary>
    public const double Numerical = 1e-6;

    public static double RelativeDifference(double expected, double actual)
    {
        if (expected == actual)
        {
            return 0;
        }
        return Math.Abs(expected - actual) / Math.Max(Math.Abs(expected), Math.Abs(actual));
    }

    public static void Close(double expected, double actual, double tolerance, string what)
    {
        double difference = RelativeDifference(expected, actual);
        Assert.True(difference <= tolerance, $"{what}: expected {expected:R}, got {actual:R} (relative difference {difference:E2} > {tolerance:E0})");
    }
}
