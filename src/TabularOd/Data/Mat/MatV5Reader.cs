using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace TabularOd.Data;

/// <summary>
/// Reads the top-level variables of a MATLAB v5 (and v6/v7) <c>.mat</c> file: the 128-byte header, then
/// <c>miMATRIX</c> elements, plain or inside zlib-compressed <c>miCOMPRESSED</c> elements, in either byte order.
/// </summary>
/// <remarks>
/// MATLAB stores a value in the narrowest type that holds it exactly (a double array of small integers as
/// <c>miUINT8</c>, say), so the element's stored type and the array's class are independent: values are read
/// in the stored type and widened. Cell, struct, object and function-handle variables are returned unread.
/// </remarks>
internal static class MatV5Reader
{
    private const int HeaderLength = 128;
    private const string V73Problem = "MATLAB v7.3 (HDF5) files are not supported; re-save it as v5 (save -v7 or scipy.io.savemat)";

    private static ReadOnlySpan<byte> Hdf5Signature => [0x89, (byte)'H', (byte)'D', (byte)'F', (byte)'\r', (byte)'\n', 0x1A, (byte)'\n'];

    /// <summary>Reads every variable of <paramref name="path"/> in file order.</summary>
    public static List<MatVariable> ReadAll(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        Span<byte> header = stackalloc byte[HeaderLength];
        int headerBytes = stream.ReadAtLeast(header, HeaderLength, throwOnEndOfStream: false);
        bool bigEndian = CheckHeader(path, header[..headerBytes], stream);

        var variables = new List<MatVariable>();
        Span<byte> tag = stackalloc byte[8];
        while (true)
        {
            int tagBytes = stream.ReadAtLeast(tag, tag.Length, throwOnEndOfStream: false);
            if (tagBytes == 0)
            {
                return variables;
            }
            if (tagBytes < tag.Length)
            {
                throw new DataFileException(path, "ends inside a data element tag; the file is truncated.");
            }
            uint first = ReadUInt32(tag, bigEndian);
            if (first >> 16 != 0)
            {
                continue; // a small (≤ 4 byte) element cannot be a variable; MATLAB never writes one here
            }
            var type = (MatDataType)first;
            uint length = ReadUInt32(tag[4..], bigEndian);
            // Checked before allocating, so that a damaged length cannot ask for gigabytes.
            if (length > stream.Length - stream.Position)
            {
                throw new DataFileException(path, $"ends inside variable {variables.Count + 1}: the element claims {length} bytes but {stream.Length - stream.Position} remain; the file is truncated.");
            }
            if (length > Array.MaxLength)
            {
                throw new DataFileException(path, $"holds a data element of {length} bytes, more than this reader can hold in memory.");
            }
            var payload = new byte[length];
            stream.ReadExactly(payload);
            if (type == MatDataType.Matrix && length > 0)
            {
                variables.Add(MatMatrixParser.Parse(path, payload, bigEndian, ""));
            }
            else if (type == MatDataType.Compressed)
            {
                byte[] inflated = Inflate(path, payload, variables.Count + 1);
                var cursor = new MatCursor(path, inflated, bigEndian);
                if (cursor.Next(out MatDataType innerType, out ReadOnlySpan<byte> body) && innerType == MatDataType.Matrix && body.Length > 0)
                {
                    variables.Add(MatMatrixParser.Parse(path, body, bigEndian, ", compressed"));
                }
            }
            // Any other top-level element (MATLAB writes none) carries no variable and is passed over.
        }
    }

    // Returns whether the file is big-endian, or throws for anything that is not a v5-family MAT file.
    private static bool CheckHeader(string path, ReadOnlySpan<byte> header, Stream stream)
    {
        string text = Encoding.Latin1.GetString(header[..Math.Min(header.Length, 116)]);
        if (text.Contains("MATLAB 7.3", StringComparison.Ordinal) || header.StartsWith(Hdf5Signature) || HasHdf5SignatureAt512(stream))
        {
            throw new DataFileException(path, V73Problem);
        }
        if (header.Length < HeaderLength)
        {
            throw new DataFileException(path, $"is too short for a MATLAB .mat file ({header.Length} bytes; the v5 header alone is {HeaderLength}).");
        }
        if (header[126] == 'I' && header[127] == 'M')
        {
            return false;
        }
        if (header[126] == 'M' && header[127] == 'I')
        {
            return true;
        }
        throw new DataFileException(path, "is not a MATLAB v5 .mat file (its header lacks the endian indicator); MATLAB v4 files are not supported, re-save it with save -v7 or scipy.io.savemat.");
    }

    // A v7.3 file is an HDF5 file with a 512-byte user block; the text may have been edited, the signature not.
    private static bool HasHdf5SignatureAt512(Stream stream)
    {
        if (stream.Length < 512 + Hdf5Signature.Length)
        {
            return false;
        }
        long position = stream.Position;
        Span<byte> signature = stackalloc byte[8];
        stream.Position = 512;
        stream.ReadExactly(signature);
        stream.Position = position;
        return signature.SequenceEqual(Hdf5Signature);
    }

    private static byte[] Inflate(string path, byte[] payload, int index)
    {
        try
        {
            using var zlib = new ZLibStream(new MemoryStream(payload, writable: false), CompressionMode.Decompress);
            using var inflated = new MemoryStream(payload.Length * 4);
            zlib.CopyTo(inflated);
            return inflated.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new DataFileException(path, $"variable {index} is compressed but its zlib data is damaged ({ReadGuard.OneLine(e.Message)}).", e);
        }
    }

    /// <summary>Reads a 32-bit unsigned integer in the file's byte order.</summary>
    public static uint ReadUInt32(ReadOnlySpan<byte> bytes, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes);

    /// <summary>Reads a 32-bit signed integer in the file's byte order.</summary>
    public static int ReadInt32(ReadOnlySpan<byte> bytes, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadInt32BigEndian(bytes) : BinaryPrimitives.ReadInt32LittleEndian(bytes);
}
