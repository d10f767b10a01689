namespace TabularOd.Stacking;

/// <summary>
/// Penalty grids: NumPy's <c>logspace</c> and the grids SPEC §8 fixes for the meta-models, so that every caller
/// builds the same α values to the last bit.
/// </summary>
public static class AlphaGrid
{
    /// <summary>NumPy <c>logspace(start, stop, count)</c>: 10^(start + i·(stop − start)/(count − 1)), endpoints exact.</summary>
    public static double[] Logspace(double start, double stop, int count)
    {
        StackingArguments.AtLeast(count, 1, nameof(count), nameof(AlphaGrid));
        var result = new double[count];
        if (count == 1)
        {
            result[0] = Math.Pow(10, start);
            return result;
        }
        double step = (stop - start) / (count - 1);
        for (int i = 0; i < count; i++)
        {
            // linspace computes start + i·step and pins the last point to stop.
            double exponent = i == count - 1 ? stop : start + (i * step);
            result[i] = Math.Pow(10, exponent);
        }
        return result;
    }

    /// <summary>Ridge meta-model grid: logspace(−3, 5, 50).</summary>
    public static double[] Ridge() => Logspace(-3, 5, 50);

    /// <summary>Lasso and ElasticNet meta-model grid: logspace(−5, 1, 30).</summary>
    public static double[] Sparse() => Logspace(-5, 1, 30);

    /// <summary>ElasticNet l1_ratio grid: {0.1, 0.5, 0.7, 0.9, 0.95, 0.99, 1}.</summary>
    public static double[] L1Ratios() => [0.1, 0.5, 0.7, 0.9, 0.95, 0.99, 1.0];
}
