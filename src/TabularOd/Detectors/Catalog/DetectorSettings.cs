using System.Globalization;

namespace TabularOd.Detectors;

/// <summary>
/// Hyperparameters given as text ("k=5", from the command line or a spec file), parsed on demand with
/// errors that name the parameter and the detector.
/// </summary>
public sealed class DetectorSettings(string detector, IReadOnlyDictionary<string, string> values)
{
    private readonly HashSet<string> _used = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _values = new(values, StringComparer.OrdinalIgnoreCase);

    /// <summary>No settings: every parameter at its default.</summary>
    public static DetectorSettings Empty(string detector) => new(detector, new Dictionary<string, string>());

    /// <summary>An integer setting, or the default.</summary>
    public int Int(string name, int fallback) =>
        Get(name, fallback, s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) ? v : null, "an integer");

    /// <summary>A real-valued setting, or the default.</summary>
    public double Double(string name, double fallback) =>
        Get(name, fallback, s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : null, "a number");

    /// <summary>A boolean setting ("true"/"false"), or the default.</summary>
    public bool Bool(string name, bool fallback) =>
        Get(name, fallback, s => bool.TryParse(s, out bool v) ? v : null, "true or false");

    /// <summary>An enum setting by case-insensitive name, or the default.</summary>
    public TEnum Enum<TEnum>(string name, TEnum fallback) where TEnum : struct, System.Enum =>
        Get(name, fallback, s => System.Enum.TryParse(s, ignoreCase: true, out TEnum v) && System.Enum.IsDefined(v) && !int.TryParse(s, out _) ? v : null,
            "one of " + string.Join(", ", System.Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant())));

    /// <summary>Applies the shared options (contamination, seed) to a detector's options record.</summary>
    public TOptions Common<TOptions>(TOptions options) where TOptions : DetectorOptions => options with
    {
        Contamination = Double("contamination", options.Contamination),
        Seed = Int("seed", options.Seed),
    };

    /// <summary>Refuses settings that named no parameter of the detector.</summary>
    public void EnsureAllUsed(IEnumerable<string> known)
    {
        var unknown = _values.Keys.Where(k => !_used.Contains(k)).ToArray();
        if (unknown.Length > 0)
        {
            throw new ArgumentException(
                $"{detector} has no parameter '{unknown[0]}'; its parameters are: {string.Join(", ", known)}.");
        }
    }

    private T Get<T>(string name, T fallback, Func<string, T?> parse, string expected) where T : struct
    {
        _used.Add(name);
        if (!_values.TryGetValue(name, out string? text))
        {
            return fallback;
        }
        return parse(text.Trim()) ?? throw new ArgumentException($"The '{name}' parameter of {detector} must be {expected}. Got '{text}'.");
    }
}
