namespace TabularOd.Benchmarking.Reports.Svg;

/// <summary>
/// Estimates how wide a label will be in a sans-serif font, without font files: layouts need a width to size
/// margins and avoid overlaps, and an estimate that is a little generous is enough for that. Being pure
/// arithmetic, it keeps the output identical on machines with different fonts installed.
/// </summary>
public static class TextMeasure
{
    /// <summary>Estimated width in pixels of <paramref name="text"/> at <paramref name="fontSize"/>.</summary>
    public static double Width(string text, double fontSize = 12)
    {
        double em = 0;
        foreach (char c in text)
        {
            em += c switch
            {
                'i' or 'j' or 'l' or '.' or ',' or ':' or ';' or '|' or '!' or '\'' or '`' => 0.28,
                'f' or 't' or 'r' or 'I' or ' ' or '(' or ')' or '[' or ']' or '-' or '/' => 0.36,
                'm' or 'w' or 'M' or 'W' or '@' or '%' => 0.86,
                >= 'A' and <= 'Z' => 0.68,
                >= '0' and <= '9' => 0.56,
                < '\u0080' => 0.56,
                // Wide scripts (CJK, emoji) take about a full em; the generous guess keeps them from overlapping.
                >= '\u2E80' => 1.0,
                _ => 0.62,
            };
        }
        return em * fontSize;
    }

    /// <summary>
    /// <paramref name="text"/> unchanged if it fits in <paramref name="maxWidth"/>, else its longest prefix that
    /// fits followed by "…". Callers keep the full text as a tooltip.
    /// </summary>
    public static string Truncate(string text, double maxWidth, double fontSize = 12)
    {
        if (Width(text, fontSize) <= maxWidth)
        {
            return text;
        }
        double budget = maxWidth - Width("…", fontSize);
        int length = 0;
        double used = 0;
        while (length < text.Length)
        {
            // Never split a surrogate pair: half a character is not valid text.
            int next = char.IsHighSurrogate(text[length]) && length + 1 < text.Length ? 2 : 1;
            double w = Width(text.Substring(length, next), fontSize);
            if (used + w > budget)
            {
                break;
            }
            used += w;
            length += next;
        }
        return text[..length] + "…";
    }
}
