using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;

namespace TabularOd.Data;

/// <summary>
/// Reads one <c>.npy</c> array from a stream straight into a typed .NET array: the data bytes land in the
/// array's own memory (no per-element parsing), then are byte-swapped in place if the file is big-endian.
/// </summary>
internal static class NpyReader
{
    private static readonly Encoding Utf32BigEndian = new UTF32Encoding(bigEndian: true, byteOrderMark: false);

    /// <summary>
    /// Reads the array called <paramref name="name"/>. Object arrays are not unpickled: the reader stops after
    /// their header and returns an array without values, leaving the caller to skip or refuse it.
    /// <paramref name="storedLength"/>, the array's size in bytes when the container knows it, lets a damaged
    /// header that claims more data than there is fail before the memory for it is allocated.
    /// </summary>
    public static NpyArray Read(Stream stream, string path, string name, string label, long storedLength)
    {
        var header = NpyHeader.Read(stream, path, label);
        NpyDtype dtype = header.Dtype;
        if (dtype.Kind == NpyKind.Object)
        {
            return new NpyArray(path, name, label, header, null);
        }
        int count = (int)header.ElementCount;
        long needed = (long)count * dtype.ItemSize;
        if (storedLength - header.DataOffset < needed)
        {
            throw new DataFileException(path, $"{label} holds {Math.Max(0, storedLength - header.DataOffset)} data bytes but its header ({dtype.Descr}, shape {NpyHeader.FormatShape(header.Shape)}) needs {needed}; the file is truncated or damaged.");
        }
        try
        {
            Array values = (dtype.Kind, dtype.ItemSize) switch
            {
                (NpyKind.Float, 8) => ReadElements<double>(stream, count, dtype.NeedsSwap),
                (NpyKind.Float, 4) => ReadElements<float>(stream, count, dtype.NeedsSwap),
                (NpyKind.Float, 2) => ReadElements<Half>(stream, count, dtype.NeedsSwap),
                (NpyKind.Int, 8) => ReadElements<long>(stream, count, dtype.NeedsSwap),
                (NpyKind.Int, 4) => ReadElements<int>(stream, count, dtype.NeedsSwap),
                (NpyKind.Int, 2) => ReadElements<short>(stream, count, dtype.NeedsSwap),
                (NpyKind.Int, 1) => ReadElements<sbyte>(stream, count, swap: false),
                (NpyKind.UInt, 8) => ReadElements<ulong>(stream, count, dtype.NeedsSwap),
                (NpyKind.UInt, 4) => ReadElements<uint>(stream, count, dtype.NeedsSwap),
                (NpyKind.UInt, 2) => ReadElements<ushort>(stream, count, dtype.NeedsSwap),
                // Booleans stay as their bytes; NpyArray maps any non-zero byte to true.
                (NpyKind.UInt or NpyKind.Bool, 1) => ReadElements<byte>(stream, count, swap: false),
                (NpyKind.Unicode or NpyKind.Bytes, _) => ReadStrings(stream, count, dtype),
                _ => throw new DataFileException(path, $"{label} has unsupported dtype '{dtype.Descr}'."),
            };
            return new NpyArray(path, name, label, header, values);
        }
        catch (EndOfStreamException e)
        {
            throw new DataFileException(path, $"{label} ends before its {header.ElementCount} values ({dtype.Descr}, shape {NpyHeader.FormatShape(header.Shape)}); the file is truncated or damaged.", e);
        }
    }

    private static T[] ReadElements<T>(Stream stream, int count, bool swap)
        where T : unmanaged
    {
        T[] values = GC.AllocateUninitializedArray<T>(count);
        stream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        if (swap)
        {
            ArrayConversions.ReverseEndianness<T>(values);
        }
        return values;
    }

    private static string[] ReadStrings(Stream stream, int count, NpyDtype dtype)
    {
        int itemSize = dtype.ItemSize;
        int byteCount = checked(count * itemSize);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(byteCount, 1));
        try
        {
            stream.ReadExactly(buffer.AsSpan(0, byteCount));
            var strings = new string[count];
            bool unicode = dtype.Kind == NpyKind.Unicode;
            Encoding encoding = !unicode ? Encoding.Latin1 : dtype.BigEndian ? Utf32BigEndian : Encoding.UTF32;
            // NumPy pads shorter strings with NUL characters and drops them again on reading; so do we.
            int unit = unicode ? 4 : 1;
            for (int i = 0; i < count; i++)
            {
                ReadOnlySpan<byte> item = buffer.AsSpan(i * itemSize, itemSize);
                int length = item.Length;
                while (length >= unit && item.Slice(length - unit, unit).IndexOfAnyExcept((byte)0) < 0)
                {
                    length -= unit;
                }
                strings[i] = length == 0 ? "" : encoding.GetString(item[..length]);
            }
            return strings;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
