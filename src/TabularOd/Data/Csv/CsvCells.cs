using System.Globalization;
using System.Text;

namespace TabularOd.Data.Csv;

/// <summary>
/// How the CSV reader interprets one field, working on the UTF-8 bytes CsvHelper hands out so that a
/// numeric cell is parsed without becoming a string first.
/// </summary>
internal static class CsvCells
{
    /// <summary>Longest value quoted back in an error message.</summary>
    private const int MaxShownLength = 40;

    /// <summary>
    /// Whether a field means "no value": empty, or (ignoring ASCII case) NA, NaN, N/A, null or ?,
    /// the spellings pandas, R and spreadsheets write.
    /// </summary>
    public static bool IsMissing(ReadOnlySpan<byte> field) =>
        field.IsEmpty
        || Ascii.EqualsIgnoreCase(field, "nan"u8)
        || Ascii.EqualsIgnoreCase(field, "na"u8)
        || Ascii.EqualsIgnoreCase(field, "n/a"u8)
        || Ascii.EqualsIgnoreCase(field, "null"u8)
        || field.SequenceEqual("?"u8);

    /// <summary>
    /// Parses a number in the invariant culture. Besides .NET's own spellings it accepts NumPy's
    /// <c>inf</c>/<c>-inf</c> and <c>∞</c>, so an infinite value is reported as such later rather than
    /// turning its column into text.
    /// </summary>
    public static bool TryParseNumber(ReadOnlySpan<byte> field, out double value)
    {
        if (double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }
        bool negative = field.Length > 0 && field[0] == (byte)'-';
        var magnitude = field.Length > 0 && field[0] is (byte)'-' or (byte)'+' ? field[1..] : field;
        if (Ascii.EqualsIgnoreCase(magnitude, "inf"u8) || magnitude.SequenceEqual("∞"u8))
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }
        return false;
    }

    /// <summary>Reads a label: 0 or 1 as any number (so 0.0 and 1.0 too), or true/false in any case.</summary>
    public static bool TryParseLabel(ReadOnlySpan<byte> field, out int label)
    {
        if (Ascii.EqualsIgnoreCase(field, "true"u8) || Ascii.EqualsIgnoreCase(field, "false"u8))
        {
            label = field.Length == 4 ? 1 : 0;
            return true;
        }
        if (double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value is 0.0 or 1.0)
        {
            label = (int)value;
            return true;
        }
        label = -1;
        return false;
    }

    /// <summary>Reads a split marker, "train" or "test" in any case.</summary>
    public static bool TryParseSplit(ReadOnlySpan<byte> field, out bool isTrain)
    {
        isTrain = Ascii.EqualsIgnoreCase(field, "train"u8);
        return isTrain || Ascii.EqualsIgnoreCase(field, "test"u8);
    }

    /// <summary>Reads a group id: an integer, also when written as a float with no fraction (3.0).</summary>
    public static bool TryParseGroup(ReadOnlySpan<byte> field, out long group)
    {
        if (long.TryParse(field, NumberStyles.Integer, CultureInfo.InvariantCulture, out group))
        {
            return true;
        }
        // 2^63 is exactly representable, so the bound test is exact.
        if (double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            && value == Math.Floor(value) && value >= -9.2233720368547758E18 && value < 9.2233720368547758E18)
        {
            group = (long)value;
            return true;
        }
        group = 0;
        return false;
    }

    /// <summary>A field as it should appear in a one-line error message: quoted, shortened, control characters blanked.</summary>
    public static string Show(ReadOnlySpan<byte> field) => Show(Encoding.UTF8.GetString(field));

    /// <summary>A name or value as it should appear in a one-line error message.</summary>
    public static string Show(string text)
    {
        string oneLine = OneLine(text);
        return oneLine.Length <= MaxShownLength ? $"'{oneLine}'" : $"'{oneLine[..(MaxShownLength - 1)]}…'";
    }

    /// <summary>Blanks line breaks and other control characters, because a data error message is one line.</summary>
    public static string OneLine(string text)
    {
        if (!text.Any(char.IsControl))
        {
            return text;
        }
        var builder = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            builder.Append(char.IsControl(c) ? ' ' : c);
        }
        return builder.ToString().Trim();
    }
}
