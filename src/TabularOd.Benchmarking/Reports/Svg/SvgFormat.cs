using System.Globalization;
using System.Text;

namespace TabularOd.Benchmarking.Reports.Svg;

/// <summary>
/// The two ways text reaches an SVG file: escaped character data and invariant-culture numbers.
/// </summary>
public static class SvgFormat
{
    /// <summary>
    /// Escapes <paramref name="text"/> for use as XML character data or inside a double- or single-quoted
    /// attribute. Characters that XML 1.0 cannot carry at all (control characters other than tab, newline and
    /// carriage return, unpaired surrogates, U+FFFE/U+FFFF) become U+FFFD, so that a dataset or method name
    /// never makes the whole report unreadable.
    /// </summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }
        var sb = new StringBuilder(text.Length + 16);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&apos;"); break;
                case '\t' or '\n' or '\r': sb.Append(c); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        sb.Append(c).Append(text[++i]);
                    }
                    else if (c < 0x20 || char.IsSurrogate(c) || c == '\uFFFE' || c == '\uFFFF')
                    {
                        sb.Append('\uFFFD');
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// Formats a coordinate or length with at most two decimals, invariant culture, no exponent and no
    /// negative zero: a hundredth of a pixel is below what any viewer shows, and short numbers keep
    /// reports with thousands of points small and byte-for-byte reproducible.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN or infinite: a renderer bug, since
    /// every plot filters non-finite data before it computes coordinates.</exception>
    public static string Number(double value) => Number(value, 2);

    /// <summary>Formats <paramref name="value"/> with at most <paramref name="decimals"/> decimals (0–6).</summary>
    public static string Number(double value, int decimals)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "SVG numbers must be finite.");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, 6);
        double rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        if (rounded == 0)
        {
            return "0";
        }
        string format = decimals == 0 ? "0" : "0." + new string('#', decimals);
        return rounded.ToString(format, CultureInfo.InvariantCulture);
    }

    /// <summary>Formats a value for a label with exactly <paramref name="decimals"/> decimals (e.g. ranks "1.20").</summary>
    public static string Fixed(double value, int decimals)
    {
        if (!double.IsFinite(value))
        {
            return double.IsNaN(value) ? "NaN" : value > 0 ? "∞" : "−∞";
        }
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, 6);
        double rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        return (rounded == 0 ? 0 : rounded).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }
}
