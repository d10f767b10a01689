using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace TabularOd.Data;

/// <summary>
/// The preamble of a <c>.npy</c> array: format version, element type, memory order and shape.
/// Reads versions 1.0–3.0 and writes 1.0 (2.0 when the header outgrows 64 KiB), as NumPy does.
/// </summary>
internal sealed record NpyHeader(int MajorVersion, NpyDtype Dtype, bool FortranOrder, long[] Shape)
{
    // NumPy aligns the data to 64 bytes so that memory-mapped arrays start on a cache line.
    private const int Alignment = 64;

    // NumPy itself refuses headers over 10 000 bytes unless asked; a megabyte leaves room while still
    // refusing garbage lengths before allocating for them.
    private const int MaxHeaderLength = 1 << 20;

    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Bytes before the first data byte (magic, version, length and header text).</summary>
    public int DataOffset { get; init; }

    /// <summary>Number of elements (the product of the shape).</summary>
    public long ElementCount
    {
        get
        {
            long count = 1;
            foreach (long n in Shape)
            {
                count = checked(count * n);
            }
            return count;
        }
    }

    /// <summary>The header as a short human-readable summary, e.g. <c>&lt;f8 (543, 11), C order</c>.</summary>
    public string Describe() =>
        $"{Dtype.Descr} {FormatShape(Shape)}{(Shape.Length > 1 ? (FortranOrder ? ", Fortran order" : ", C order") : "")}";

    /// <summary>The shape in Python tuple notation: <c>()</c>, <c>(5,)</c>, <c>(5, 3)</c>.</summary>
    public static string FormatShape(ReadOnlySpan<long> shape) => shape.Length switch
    {
        0 => "()",
        1 => $"({shape[0]},)",
        _ => $"({string.Join(", ", shape.ToArray())})",
    };

    /// <summary>
    /// Reads the preamble from <paramref name="stream"/>, leaving it at the first data byte. Every problem is a
    /// <see cref="DataFileException"/> for <paramref name="path"/> that names the array by <paramref name="label"/>.
    /// </summary>
    public static NpyHeader Read(Stream stream, string path, string label)
    {
        Span<byte> prefix = stackalloc byte[12];
        ReadOrFail(stream, prefix[..8], path, label);
        if (!prefix[..6].SequenceEqual(Magic))
        {
            throw new DataFileException(path, $"{label} is not a NumPy .npy array (it does not start with the \\x93NUMPY magic bytes).");
        }
        int major = prefix[6], minor = prefix[7];
        int headerLength;
        if (major == 1)
        {
            ReadOrFail(stream, prefix.Slice(8, 2), path, label);
            headerLength = BinaryPrimitives.ReadUInt16LittleEndian(prefix.Slice(8, 2));
        }
        else if (major is 2 or 3)
        {
            ReadOrFail(stream, prefix.Slice(8, 4), path, label);
            uint length = BinaryPrimitives.ReadUInt32LittleEndian(prefix.Slice(8, 4));
            if (length > MaxHeaderLength)
            {
                throw new DataFileException(path, $"{label} claims a .npy header of {length} bytes, which is not plausible; the file is damaged.");
            }
            headerLength = (int)length;
        }
        else
        {
            throw new DataFileException(path, $"{label} uses .npy format version {major}.{minor}; versions 1.0 to 3.0 are supported.");
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(headerLength);
        try
        {
            ReadOrFail(stream, buffer.AsSpan(0, headerLength), path, label);
            // Versions 1 and 2 store the header in Latin-1; version 3 allows UTF-8 (field names).
            string text = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(buffer, 0, headerLength);
            int prefixLength = major == 1 ? 10 : 12;
            return Parse(text, major, path, label) with { DataOffset = prefixLength + headerLength };
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Interprets the header dict text.</summary>
    public static NpyHeader Parse(string text, int majorVersion, string path, string label)
    {
        Dictionary<string, object?> dict;
        try
        {
            dict = PythonLiteral.ParseDict(text.AsSpan().TrimEnd());
        }
        catch (FormatException e)
        {
            throw Malformed(path, label, e.Message, text);
        }
        if (!dict.TryGetValue("descr", out object? descr))
        {
            throw Malformed(path, label, "no 'descr' entry", text);
        }
        if (!dict.TryGetValue("fortran_order", out object? fortran) || fortran is not bool fortranOrder)
        {
            throw Malformed(path, label, "no True/False 'fortran_order' entry", text);
        }
        if (!dict.TryGetValue("shape", out object? shapeValue) || shapeValue is not List<object?> shapeItems)
        {
            throw Malformed(path, label, "no tuple 'shape' entry", text);
        }
        var shape = new long[shapeItems.Count];
        for (int i = 0; i < shape.Length; i++)
        {
            if (shapeItems[i] is not long n || n < 0)
            {
                throw Malformed(path, label, "the shape must hold non-negative integers", text);
            }
            shape[i] = n;
        }
        if (descr is List<object?>)
        {
            throw new DataFileException(path, $"{label} has a structured dtype (named fields); only plain arrays are supported.");
        }
        if (descr is not string descrText)
        {
            throw Malformed(path, label, "'descr' must be a string", text);
        }
        if (!NpyDtype.TryParse(descrText, out NpyDtype dtype, out string reason))
        {
            throw new DataFileException(path, $"{label} has unsupported dtype '{descrText}': {reason}.");
        }
        if (shape.Length > 2)
        {
            throw new DataFileException(path, $"{label} has {shape.Length} dimensions, shape {FormatShape(shape)}; only 0-, 1- and 2-D arrays are read.");
        }
        var header = new NpyHeader(majorVersion, dtype, fortranOrder, shape);
        long count;
        try
        {
            count = header.ElementCount;
        }
        catch (OverflowException)
        {
            count = long.MaxValue;
        }
        // Strings are read as one raw byte buffer before decoding, so their byte size is what must fit.
        if (count > Array.MaxLength || (dtype.Kind is NpyKind.Unicode or NpyKind.Bytes && count * dtype.ItemSize > Array.MaxLength))
        {
            throw new DataFileException(path, $"{label} has shape {FormatShape(shape)}, more elements than one .NET array can hold.");
        }
        return header;
    }

    /// <summary>
    /// The complete preamble NumPy would write for an array: magic, version, length and the space-padded dict,
    /// so that the data starts on a 64-byte boundary.
    /// </summary>
    public static byte[] Format(string descr, bool fortranOrder, ReadOnlySpan<long> shape)
    {
        string dict = $"{{'descr': '{descr}', 'fortran_order': {(fortranOrder ? "True" : "False")}, 'shape': {FormatShape(shape)}, }}";
        int textLength = Encoding.Latin1.GetByteCount(dict) + 1; // + the closing newline
        int prefixLength = 10;
        int total = Align(prefixLength + textLength);
        int major = 1;
        if (total - prefixLength > ushort.MaxValue)
        {
            major = 2;
            prefixLength = 12;
            total = Align(prefixLength + textLength);
        }
        var bytes = new byte[total];
        Magic.CopyTo(bytes);
        bytes[6] = (byte)major;
        bytes[7] = 0;
        int headerLength = total - prefixLength;
        if (major == 1)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)headerLength);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), (uint)headerLength);
        }
        int written = Encoding.Latin1.GetBytes(dict, bytes.AsSpan(prefixLength));
        bytes.AsSpan(prefixLength + written, total - prefixLength - written - 1).Fill((byte)' ');
        bytes[^1] = (byte)'\n';
        return bytes;
    }

    private static int Align(int length) => (length + Alignment - 1) / Alignment * Alignment;

    private static void ReadOrFail(Stream stream, Span<byte> target, string path, string label)
    {
        try
        {
            stream.ReadExactly(target);
        }
        catch (EndOfStreamException e)
        {
            throw new DataFileException(path, $"{label} ends inside its .npy header; the file is truncated or damaged.", e);
        }
    }

    private static DataFileException Malformed(string path, string label, string detail, string text)
    {
        // The header is shown to help diagnose the file, but on one line and at a readable length.
        string shown = new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
        if (shown.Length > 120)
        {
            shown = shown[..117] + "...";
        }
        return new DataFileException(path, $"{label} has a malformed .npy header ({detail}): {shown}");
    }
}
