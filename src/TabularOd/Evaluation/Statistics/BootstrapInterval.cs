using TabularOd.Sampling;

namespace TabularOd.Evaluation.Statistics;

/// <summary>
/// Percentile bootstrap confidence interval of a mean over datasets: resample the datasets with
/// replacement, take the mean of each resample, and report the (1 − level)/2 and (1 + level)/2 quantiles of
/// those means. Deterministic: the resamples are a pure function of the seed.
/// </summary>
/// <remarks>
/// The draws are specified so that other languages can reproduce them: one <see cref="SeededRandom"/> started
/// from the seed; for each of the resamples in turn, n indices <c>NextInt(n)</c>; the resample mean is the
/// compensated sum of the drawn values divided by n; the bounds are NumPy's linear
/// <c>np.percentile(means, [50(1 − level), 100 − 50(1 − level)])</c>. The same seed and sample size draw the
/// same indices, so intervals of several methods over the same datasets come from paired resamples.
/// </remarks>
public static class BootstrapInterval
{
    /// <summary>Resamples drawn when none are given: enough for stable 95% percentile bounds.</summary>
    public const int DefaultResamples = 2000;

    /// <summary>Coverage when none is given.</summary>
    public const double DefaultLevel = 0.95;

    /// <summary>The percentile bootstrap interval of the mean of <paramref name="values"/>.</summary>
    /// <param name="values">The per-dataset values, finite, at least one.</param>
    /// <param name="seed">Seed of the resampling stream.</param>
    /// <param name="resamples">Number of bootstrap resamples, ≥ 1.</param>
    /// <param name="level">Coverage in (0, 1).</param>
    public static ConfidenceInterval OfMean(ReadOnlySpan<double> values, long seed, int resamples = DefaultResamples, double level = DefaultLevel)
    {
        const string Method = "BootstrapInterval.OfMean";
        if (values.IsEmpty)
        {
            StatisticsArguments.Throw(nameof(values), Method, "must not be empty. Got 0 values.");
        }
        StatisticsArguments.CheckFinite(values, nameof(values), Method);
        StatisticsArguments.CheckAtLeast(resamples, 1, nameof(resamples), Method);
        StatisticsArguments.CheckOpenUnit(level, nameof(level), Method);
        return Compute(values, seed, resamples, level);
    }

    /// <summary>The interval for arguments already checked.</summary>
    internal static ConfidenceInterval Compute(ReadOnlySpan<double> values, long seed, int resamples, double level)
    {
        var random = new SeededRandom(seed);
        int n = values.Length;
        var means = new double[resamples];
        for (int b = 0; b < resamples; b++)
        {
            var sum = new CompensatedSum();
            for (int i = 0; i < n; i++)
            {
                sum.Add(values[random.NextInt(n)]);
            }
            means[b] = sum.Value / n;
        }
        Array.Sort(means);
        double alpha = 1 - level;
        double low = NumpyPercentile.OfSorted(means, 50 * alpha);
        double high = NumpyPercentile.OfSorted(means, 100 - (50 * alpha));
        return new ConfidenceInterval(low, high, level);
    }
}
