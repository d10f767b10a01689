namespace TabularOd.Data;

/// <summary>The families of NumPy element types the readers distinguish.</summary>
internal enum NpyKind
{
    Bool,
    Int,
    UInt,
    Float,
    Unicode,
    Bytes,
    Object,
}

/// <summary>
/// One parsed NumPy <c>descr</c> string such as <c>&lt;f8</c>, <c>|b1</c> or <c>&gt;U12</c>: the element family,
/// its size in bytes and its byte order.
/// </summary>
internal readonly record struct NpyDtype(string Descr, NpyKind Kind, int ItemSize, bool BigEndian)
{
    /// <summary>Whether the elements are numbers (or booleans) that widen to float64.</summary>
    public bool IsNumeric => Kind is NpyKind.Bool or NpyKind.Int or NpyKind.UInt or NpyKind.Float;

    /// <summary>Whether numeric elements must have their bytes reversed on this machine.</summary>
    public bool NeedsSwap => IsNumeric && ItemSize > 1 && BigEndian == BitConverter.IsLittleEndian;

    /// <summary>
    /// Parses a descr; returns false with a reason for the types the project does not read
    /// (complex, datetime, void, long double, odd sizes).
    /// </summary>
    public static bool TryParse(string descr, out NpyDtype dtype, out string reason)
    {
        dtype = default;
        reason = "";
        ReadOnlySpan<char> text = descr;
        bool bigEndian = !BitConverter.IsLittleEndian;
        if (text.Length > 0 && text[0] is '<' or '>' or '|' or '=')
        {
            if (text[0] == '<')
            {
                bigEndian = false;
            }
            else if (text[0] == '>')
            {
                bigEndian = true;
            }
            text = text[1..];
        }
        if (text.Length == 0)
        {
            reason = "an empty type code";
            return false;
        }
        char code = text[0];
        ReadOnlySpan<char> digits = text[1..];
        int size = 0;
        if (digits.Length > 0 && !int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out size))
        {
            reason = code is 'M' or 'm' ? "datetime and timedelta arrays are not supported" : "an unrecognised type code";
            return false;
        }
        (NpyKind kind, int itemSize, bool valid) = code switch
        {
            'b' or '?' => (NpyKind.Bool, 1, size is 0 or 1),
            'i' => (NpyKind.Int, size, size is 1 or 2 or 4 or 8),
            'u' => (NpyKind.UInt, size, size is 1 or 2 or 4 or 8),
            'f' => (NpyKind.Float, size, size is 2 or 4 or 8),
            // A 'U' length counts UCS-4 characters; 'S'/'a' count bytes.
            'U' => (NpyKind.Unicode, checked(size * 4), digits.Length > 0),
            'S' or 'a' => (NpyKind.Bytes, size, digits.Length > 0),
            'O' => (NpyKind.Object, 8, true),
            _ => (NpyKind.Object, 0, false),
        };
        if (!valid)
        {
            reason = code switch
            {
                'c' => "complex numbers are not supported",
                'M' or 'm' => "datetime and timedelta arrays are not supported",
                'V' => "raw void (structured) arrays are not supported",
                'f' when size > 8 => "long double precision is not supported",
                _ => "this element type is not supported",
            };
            return false;
        }
        dtype = new NpyDtype(descr, kind, itemSize, bigEndian);
        return true;
    }
}
