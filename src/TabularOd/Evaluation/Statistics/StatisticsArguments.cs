using System.Diagnostics.CodeAnalysis;

namespace TabularOd.Evaluation.Statistics;

/// <summary>
/// Argument checks shared by the cross-dataset statistics, so every public entry point rejects bad input
/// before any work with one message format:
/// "The 'alpha' parameter of NemenyiCriticalDifference.Compute must be in (0, 1). Got 1.5."
/// </summary>
internal static class StatisticsArguments
{
    /// <summary>Every value must be finite: a NaN or ∞ here is a caller's bug, not a missing cell.</summary>
    public static void CheckFinite(ReadOnlySpan<double> values, string parameter, string method)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                Throw(parameter, method, $"must hold only finite values. Got {Format(values[i])} at index {i}.");
            }
        }
    }

    /// <summary>A probability-like parameter strictly between 0 and 1.</summary>
    public static void CheckOpenUnit(double value, string parameter, string method)
    {
        if (!(value > 0 && value < 1))
        {
            ThrowOutOfRange(parameter, method, $"must be in (0, 1). Got {Format(value)}.");
        }
    }

    /// <summary>A count with a lower bound.</summary>
    public static void CheckAtLeast(int value, int minimum, string parameter, string method, string? why = null)
    {
        if (value < minimum)
        {
            string reason = why is null ? string.Empty : $" ({why})";
            ThrowOutOfRange(parameter, method, $"must be ≥ {minimum}{reason}. Got {value}.");
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> with the project's message format.</summary>
    [DoesNotReturn]
    public static void Throw(string parameter, string method, string requirement) =>
        throw new ArgumentException($"The '{parameter}' parameter of {method} {requirement}", parameter);

    [DoesNotReturn]
    private static void ThrowOutOfRange(string parameter, string method, string requirement) =>
        throw new ArgumentOutOfRangeException(parameter, $"The '{parameter}' parameter of {method} {requirement}");

    /// <summary>Round-trip formatting, so the message shows the exact value that was rejected.</summary>
    public static string Format(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
