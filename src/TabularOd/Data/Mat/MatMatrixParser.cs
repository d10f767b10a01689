using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;

namespace TabularOd.Data;

/// <summary>
/// Decodes the body of one <c>miMATRIX</c> element (array flags, dimensions, name, then the class's data)
/// into a <see cref="MatVariable"/>.
/// </summary>
internal static class MatMatrixParser
{
    private const uint ComplexFlag = 0x0800;
    private const uint LogicalFlag = 0x0200;

    /// <summary>
    /// Parses <paramref name="body"/>; <paramref name="storageSuffix"/> is appended to the stored-type summary
    /// (", compressed" for variables that came out of an <c>miCOMPRESSED</c> element).
    /// </summary>
    public static MatVariable Parse(string path, ReadOnlySpan<byte> body, bool bigEndian, string storageSuffix)
    {
        var cursor = new MatCursor(path, body, bigEndian);
        ReadOnlySpan<byte> flagBytes = cursor.Expect("array flags", out MatDataType flagType);
        if (flagType != MatDataType.UInt32 || flagBytes.Length < 8)
        {
            throw new DataFileException(path, $"is damaged: a variable starts with a {MatTypeNames.Name(flagType)} element of {flagBytes.Length} bytes instead of its array flags.");
        }
        uint flags = MatV5Reader.ReadUInt32(flagBytes, bigEndian);
        var matClass = (MatClass)(flags & 0xFF);
        bool complex = (flags & ComplexFlag) != 0, logical = (flags & LogicalFlag) != 0;

        // Opaque objects (MATLAB strings, tables, ...) carry no dimensions before their name.
        int[] dimensions = matClass == MatClass.Opaque ? [] : ReadDimensions(path, cursor.Expect("dimensions", out _), bigEndian);
        string name = Encoding.UTF8.GetString(cursor.Expect("name", out _)).TrimEnd('\0');
        string label = $"variable '{name}'";
        var variable = new MatVariable(name, matClass, logical, dimensions, null, null, storageSuffix);
        if (complex && matClass is not (MatClass.Cell or MatClass.Struct or MatClass.Object or MatClass.Function or MatClass.Opaque))
        {
            return variable with { NotRead = "complex values are not supported" };
        }
        switch (matClass)
        {
            case >= MatClass.Double and <= MatClass.UInt64:
            {
                ReadOnlySpan<byte> data = cursor.Expect("values", out MatDataType stored);
                double[] values = Widen(path, label, stored, data, bigEndian);
                if (values.Length != variable.ElementCount)
                {
                    throw new DataFileException(path, $"is damaged: {label} holds {values.Length} values but its dimensions ({string.Join(" × ", dimensions)}) need {variable.ElementCount}.");
                }
                string storage = stored == NaturalType(matClass) ? "" : $", stored as {MatTypeNames.Name(stored)}";
                return variable with { Values = values, Storage = storage + storageSuffix };
            }
            case MatClass.Char:
            {
                ReadOnlySpan<byte> data = cursor.Expect("characters", out MatDataType stored);
                return variable with { Text = DecodeCharRows(Decode(stored, data, bigEndian), dimensions) };
            }
            case MatClass.Sparse:
                return variable with { Values = Densify(path, label, ref cursor, dimensions, bigEndian, logical), Storage = ", sparse" + storageSuffix };
            default:
                return variable with { NotRead = $"{variable.ClassName} variables are not read" };
        }
    }

    private static int[] ReadDimensions(string path, ReadOnlySpan<byte> bytes, bool bigEndian)
    {
        var dimensions = new int[bytes.Length / 4];
        for (int i = 0; i < dimensions.Length; i++)
        {
            dimensions[i] = MatV5Reader.ReadInt32(bytes[(i * 4)..], bigEndian);
            if (dimensions[i] < 0)
            {
                throw new DataFileException(path, $"is damaged: a variable has the negative dimension {dimensions[i]}.");
            }
        }
        return dimensions;
    }

    /// <summary>Widens numbers stored as <paramref name="stored"/> (whatever the array's class) to float64.</summary>
    private static double[] Widen(string path, string label, MatDataType stored, ReadOnlySpan<byte> data, bool bigEndian) => stored switch
    {
        MatDataType.Double => Widen<double>(data, bigEndian),
        MatDataType.Single => Widen<float>(data, bigEndian),
        MatDataType.Int8 => Widen<sbyte>(data, bigEndian),
        MatDataType.UInt8 => Widen<byte>(data, bigEndian),
        MatDataType.Int16 => Widen<short>(data, bigEndian),
        MatDataType.UInt16 => Widen<ushort>(data, bigEndian),
        MatDataType.Int32 => Widen<int>(data, bigEndian),
        MatDataType.UInt32 => Widen<uint>(data, bigEndian),
        MatDataType.Int64 => Widen<long>(data, bigEndian),
        MatDataType.UInt64 => Widen<ulong>(data, bigEndian),
        _ => throw new DataFileException(path, $"is damaged: {label} stores its values as data type {(int)stored}, which is not numeric."),
    };

    private static double[] Widen<T>(ReadOnlySpan<byte> data, bool bigEndian)
        where T : unmanaged, INumberBase<T>
    {
        // The copy also aligns the values, which the element's place in the file does not promise.
        T[] values = MemoryMarshal.Cast<byte, T>(data).ToArray();
        if (bigEndian == BitConverter.IsLittleEndian)
        {
            ArrayConversions.ReverseEndianness<T>(values);
        }
        return values is double[] doubles ? doubles : ArrayConversions.ToDoubles<T>(values);
    }

    private static MatDataType NaturalType(MatClass matClass) => matClass switch
    {
        MatClass.Double => MatDataType.Double,
        MatClass.Single => MatDataType.Single,
        MatClass.Int8 => MatDataType.Int8,
        MatClass.UInt8 => MatDataType.UInt8,
        MatClass.Int16 => MatDataType.Int16,
        MatClass.UInt16 => MatDataType.UInt16,
        MatClass.Int32 => MatDataType.Int32,
        MatClass.UInt32 => MatDataType.UInt32,
        MatClass.Int64 => MatDataType.Int64,
        _ => MatDataType.UInt64,
    };

    private static string Decode(MatDataType stored, ReadOnlySpan<byte> data, bool bigEndian) => stored switch
    {
        MatDataType.Utf8 => Encoding.UTF8.GetString(data),
        MatDataType.UInt16 or MatDataType.Utf16 => (bigEndian ? Encoding.BigEndianUnicode : Encoding.Unicode).GetString(data),
        MatDataType.Utf32 or MatDataType.UInt32 => new UTF32Encoding(bigEndian, byteOrderMark: false).GetString(data),
        _ => Encoding.Latin1.GetString(data),
    };

    // A char array is column-major like any other: row r is the characters at r, r + rows, r + 2·rows, ...
    private static string[] DecodeCharRows(string characters, int[] dimensions)
    {
        if (dimensions.Length != 2 || (long)dimensions[0] * dimensions[1] != characters.Length)
        {
            return [characters]; // multi-byte UTF-8 makes the count differ; the text is still right as one string
        }
        int rows = dimensions[0], columns = dimensions[1];
        if (rows == 1)
        {
            return [characters];
        }
        var result = new string[rows];
        var row = new char[columns];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                row[c] = characters[(c * rows) + r];
            }
            // MATLAB pads the shorter rows of a char matrix with spaces.
            result[r] = new string(row).TrimEnd(' ');
        }
        return result;
    }

    private static double[] Densify(string path, string label, ref MatCursor cursor, int[] dimensions, bool bigEndian, bool logical)
    {
        double[] rowIndex = Widen(path, label, Peek(ref cursor, "row indices", out ReadOnlySpan<byte> irBytes), irBytes, bigEndian);
        double[] columnStart = Widen(path, label, Peek(ref cursor, "column starts", out ReadOnlySpan<byte> jcBytes), jcBytes, bigEndian);
        double[]? values = cursor.Next(out MatDataType stored, out ReadOnlySpan<byte> prBytes) ? Widen(path, label, stored, prBytes, bigEndian) : null;
        if (values is null && !logical)
        {
            throw new DataFileException(path, $"is damaged: sparse {label} has no values.");
        }
        if (dimensions.Length != 2 || columnStart.Length != dimensions[1] + 1)
        {
            throw new DataFileException(path, $"is damaged: sparse {label} has inconsistent dimensions.");
        }
        int rows = dimensions[0], columns = dimensions[1];
        long size = (long)rows * columns;
        if (size > Array.MaxLength)
        {
            throw new DataFileException(path, $"sparse {label} is {rows} × {columns}, too large to hold as a dense matrix.");
        }
        var dense = new double[size];
        for (int j = 0; j < columns; j++)
        {
            int start = (int)columnStart[j], end = (int)columnStart[j + 1];
            if (start < 0 || end < start || end > rowIndex.Length || (values is not null && end > values.Length))
            {
                throw new DataFileException(path, $"is damaged: sparse {label} has inconsistent column starts.");
            }
            for (int k = start; k < end; k++)
            {
                int i = (int)rowIndex[k];
                if ((uint)i >= (uint)rows)
                {
                    throw new DataFileException(path, $"is damaged: sparse {label} has row index {i} outside its {rows} rows.");
                }
                // A logical sparse matrix may omit its values: every stored entry is then true.
                dense[((long)j * rows) + i] = values is null ? 1.0 : values[k];
            }
        }
        return dense;
    }

    private static MatDataType Peek(ref MatCursor cursor, string what, out ReadOnlySpan<byte> body)
    {
        body = cursor.Expect(what, out MatDataType type);
        return type;
    }
}
