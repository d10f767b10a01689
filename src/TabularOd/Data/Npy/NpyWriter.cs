using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;

namespace TabularOd.Data;

/// <summary>
/// Writes arrays in the <c>.npy</c> format NumPy reads back with <c>np.load</c>: C order, this machine's byte
/// order (declared in the descr), strings as fixed-width UTF-32 (<c>&lt;U</c>).
/// </summary>
internal static class NpyWriter
{
    private static readonly char Order = BitConverter.IsLittleEndian ? '<' : '>';
    private static readonly Encoding Utf32 = new UTF32Encoding(bigEndian: !BitConverter.IsLittleEndian, byteOrderMark: false);

    /// <summary>Writes a matrix as a 2-D float64 array.</summary>
    public static void WriteMatrix(Stream stream, DataMatrix matrix) =>
        WriteNumbers<double>(stream, $"{Order}f8", [matrix.Rows, matrix.Columns], matrix.AsSpan());

    /// <summary>Writes float64 values with the given shape (<c>[]</c> for a scalar, <c>[n]</c> for a vector).</summary>
    public static void WriteDoubles(Stream stream, ReadOnlySpan<double> values, ReadOnlySpan<long> shape) =>
        WriteNumbers(stream, $"{Order}f8", shape, values);

    /// <summary>Writes int64 values with the given shape.</summary>
    public static void WriteInt64s(Stream stream, ReadOnlySpan<long> values, ReadOnlySpan<long> shape) =>
        WriteNumbers(stream, $"{Order}i8", shape, values);

    /// <summary>Writes booleans (one byte each, as NumPy's <c>|b1</c>) with the given shape.</summary>
    public static void WriteBooleans(Stream stream, ReadOnlySpan<bool> values, ReadOnlySpan<long> shape) =>
        WriteNumbers(stream, "|b1", shape, values);

    /// <summary>Writes strings as a fixed-width UTF-32 array, as wide as the longest string (at least 1).</summary>
    public static void WriteStrings(Stream stream, IReadOnlyList<string> values, ReadOnlySpan<long> shape)
    {
        int width = 1;
        foreach (string s in values)
        {
            width = Math.Max(width, Utf32.GetByteCount(s) / 4);
        }
        stream.Write(NpyHeader.Format($"{Order}U{width}", fortranOrder: false, shape));
        int itemSize = width * 4;
        byte[] item = ArrayPool<byte>.Shared.Rent(itemSize);
        try
        {
            foreach (string s in values)
            {
                int written = Utf32.GetBytes(s, item);
                item.AsSpan(written, itemSize - written).Clear();
                stream.Write(item, 0, itemSize);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(item);
        }
    }

    private static void WriteNumbers<T>(Stream stream, string descr, ReadOnlySpan<long> shape, ReadOnlySpan<T> values)
        where T : unmanaged
    {
        stream.Write(NpyHeader.Format(descr, fortranOrder: false, shape));
        stream.Write(MemoryMarshal.AsBytes(values));
    }
}
