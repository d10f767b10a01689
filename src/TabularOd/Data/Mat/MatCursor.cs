namespace TabularOd.Data;

/// <summary>
/// Walks the data elements packed in a MAT v5 buffer: the 8-byte tag (or the 4-byte tag of the small element
/// format, for 1 to 4 data bytes), the data, and the padding to the next 8-byte boundary.
/// </summary>
internal ref struct MatCursor
{
    private readonly string _path;
    private readonly ReadOnlySpan<byte> _data;
    private readonly bool _bigEndian;
    private int _position;

    public MatCursor(string path, ReadOnlySpan<byte> data, bool bigEndian)
    {
        _path = path;
        _data = data;
        _bigEndian = bigEndian;
        _position = 0;
    }

    /// <summary>Moves to the next element; false at the end of the buffer.</summary>
    public bool Next(out MatDataType type, out ReadOnlySpan<byte> body)
    {
        int remaining = _data.Length - _position;
        if (remaining <= 0)
        {
            type = default;
            body = default;
            return false;
        }
        if (remaining < 4)
        {
            throw Damaged($"{remaining} stray bytes where a data element tag should be");
        }
        uint first = MatV5Reader.ReadUInt32(_data[_position..], _bigEndian);
        int length;
        if (first >> 16 != 0)
        {
            // Small element format: the upper half-word is the byte count, the data sits in the tag's second word.
            type = (MatDataType)(first & 0xFFFF);
            length = (int)(first >> 16);
            if (length > 4 || remaining < 8)
            {
                throw Damaged($"a small data element of {length} bytes");
            }
            body = _data.Slice(_position + 4, length);
            _position += 8;
            return true;
        }
        if (remaining < 8)
        {
            throw Damaged("a data element tag cut short");
        }
        type = (MatDataType)first;
        uint declared = MatV5Reader.ReadUInt32(_data[(_position + 4)..], _bigEndian);
        if (declared > (uint)(remaining - 8))
        {
            throw Damaged($"a data element that claims {declared} bytes where {remaining - 8} remain");
        }
        length = (int)declared;
        body = _data.Slice(_position + 8, length);
        _position = Math.Min(_data.Length, _position + 8 + ((length + 7) & ~7));
        return true;
    }

    /// <summary>Moves to the next element, which must exist.</summary>
    public ReadOnlySpan<byte> Expect(string what, out MatDataType type)
    {
        if (!Next(out type, out ReadOnlySpan<byte> body))
        {
            throw Damaged($"a variable that ends before its {what}");
        }
        return body;
    }

    private readonly DataFileException Damaged(string what) =>
        new(_path, $"is damaged: it holds {what}.");
}
