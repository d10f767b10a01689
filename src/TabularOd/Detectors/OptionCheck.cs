using System.Globalization;

namespace TabularOd.Detectors;

/// <summary>The one place option validation messages are worded: "The 'K' parameter of KNearest must be ≥ 1. Got 0."</summary>
public static class OptionCheck
{
    /// <summary>Requires <paramref name="value"/> ≥ <paramref name="minimum"/>.</summary>
    public static void AtLeast(double value, double minimum, string parameter, string detector)
    {
        if (!(value >= minimum))
        {
            throw Invalid(parameter, detector, $"≥ {Format(minimum)}", value);
        }
    }

    /// <summary>Requires <paramref name="low"/> &lt; <paramref name="value"/> ≤ <paramref name="high"/>.</summary>
    public static void InHalfOpen(double value, double low, double high, string parameter, string detector)
    {
        if (!(value > low && value <= high))
        {
            throw Invalid(parameter, detector, $"in ({Format(low)}, {Format(high)}]", value);
        }
    }

    /// <summary>Requires <paramref name="low"/> ≤ <paramref name="value"/> ≤ <paramref name="high"/>.</summary>
    public static void InRange(double value, double low, double high, string parameter, string detector)
    {
        if (!(value >= low && value <= high))
        {
            throw Invalid(parameter, detector, $"in [{Format(low)}, {Format(high)}]", value);
        }
    }

    /// <summary>The exception for a broken constraint, worded in the project's format.</summary>
    public static ArgumentException Invalid(string parameter, string detector, string constraint, object value) =>
        new($"The '{parameter}' parameter of {detector} must be {constraint}. Got {Format(value)}.");

    /// <summary>Checks the options every detector shares.</summary>
    public static void Common(DetectorOptions options, string detector) =>
        InHalfOpen(options.Contamination, 0, 0.5, nameof(DetectorOptions.Contamination), detector);

    private static string Format(object value) => value switch
    {
        double d => d.ToString("G", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "null",
    };
}
