namespace TabularOd.Tests.Neural;

/// <summary>Central finite differences and the relative-error test every gradient check uses.</summary>
internal static class GradientCheck
{
    /// <summary>
    /// Step of the central difference: its truncation error (h²/6·f‴) and its rounding error (about ε·|f|/h) are both
    /// near 10⁻¹¹ for the O(1) objectives these tests use.
    /// </summary>
    public const double Step = 1e-5;

    /// <summary>The bar of the task: analytic and numeric gradients agree to a relative error below 10⁻⁶.</summary>
    public const double Tolerance = 1e-6;

    /// <summary>
    /// Gradients smaller than this are compared absolutely (relative to this floor): a relative error means nothing for
    /// a derivative that is zero up to rounding.
    /// </summary>
    private const double Floor = 1e-3;

    /// <summary>(f(x + h·e_k) − f(x − h·e_k)) / 2h for every k, perturbing <paramref name="x"/> in place and restoring it.</summary>
    public static double[] Numeric(Func<double> f, double[] x)
    {
        var gradient = new double[x.Length];
        for (int k = 0; k < x.Length; k++)
        {
            double original = x[k];
            x[k] = original + Step;
            double plus = f();
            x[k] = original - Step;
            double minus = f();
            x[k] = original;
            gradient[k] = (plus - minus) / (2 * Step);
        }
        return gradient;
    }

    /// <summary>Asserts |a − n| / max(|a|, |n|, 10⁻³) &lt; 10⁻⁶ for every element.</summary>
    public static void AssertMatches(double[] analytic, double[] numeric, string what)
    {
        Assert.Equal(numeric.Length, analytic.Length);
        for (int k = 0; k < analytic.Length; k++)
        {
            double scale = Math.Max(Floor, Math.Max(Math.Abs(analytic[k]), Math.Abs(numeric[k])));
            double error = Math.Abs(analytic[k] - numeric[k]) / scale;
            Assert.True(error < Tolerance, $"{what}[{k}]: analytic {analytic[k]:R}, numeric {numeric[k]:R}, relative error {error:E2}.");
        }
    }

    /// <summary>Values drawn uniformly from [low, high] with a random sign when <paramref name="signed"/>.</summary>
    public static double[] Values(TabularOd.Sampling.SeededRandom random, int length, double low, double high, bool signed = true)
    {
        var values = new double[length];
        for (int k = 0; k < length; k++)
        {
            double magnitude = low + ((high - low) * random.NextDouble());
            values[k] = signed && random.NextDouble() < 0.5 ? -magnitude : magnitude;
        }
        return values;
    }

    /// <summary>Σ g ⊙ y: a scalar objective whose gradient with respect to y is g.</summary>
    public static double Weighted(ReadOnlySpan<double> y, double[] g)
    {
        double sum = 0;
        for (int k = 0; k < y.Length; k++)
        {
            sum += g[k] * y[k];
        }
        return sum;
    }
}
