using System.Numerics.Tensors;

namespace TabularOd.Data;

/// <summary>
/// One array read from a <c>.npy</c> file or <c>.npz</c> entry, kept in its stored element type until a
/// caller asks for it as features, labels, group ids, names or a metadata value.
/// </summary>
/// <remarks>
/// <see cref="Values"/> is a <c>double[]</c>, <c>float[]</c>, <c>Half[]</c>, <c>long[]</c>, <c>int[]</c>,
/// <c>short[]</c>, <c>sbyte[]</c>, <c>ulong[]</c>, <c>uint[]</c>, <c>ushort[]</c>, <c>byte[]</c> (also for
/// booleans) or <c>string[]</c>, in the file's memory order; null for object arrays, which are never read.
/// Conversions throw <see cref="DataFileException"/> for <see cref="Path"/>, naming the array by <see cref="Label"/>.
/// </remarks>
internal sealed class NpyArray(string path, string name, string label, NpyHeader header, Array? values)
{
    /// <summary>The file the array came from.</summary>
    public string Path { get; } = path;

    /// <summary>The array's key in its archive (or the file name for a lone .npy).</summary>
    public string Name { get; } = name;

    /// <summary>How errors refer to the array, e.g. "array 'train'".</summary>
    public string Label { get; } = label;

    /// <summary>Element type, order and shape.</summary>
    public NpyHeader Header { get; } = header;

    /// <summary>The elements as stored (see remarks).</summary>
    public Array? Values { get; } = values;

    /// <summary>Whether this is a pickled object array that was skipped.</summary>
    public bool IsObject => Header.Dtype.Kind == NpyKind.Object;

    /// <summary>Number of dimensions.</summary>
    public int Rank => Header.Shape.Length;

    /// <summary>The array as an n × d feature matrix; it must be 2-D and numeric.</summary>
    public DataMatrix ToMatrix()
    {
        if (Rank != 2)
        {
            throw new DataFileException(Path, $"{Label} must be a 2-D array (rows × features), but its shape is {NpyHeader.FormatShape(Header.Shape)}.");
        }
        return DataMatrix.FromRowMajor(checked((int)Header.Shape[0]), checked((int)Header.Shape[1]), ToDoubles());
    }

    /// <summary>The elements widened to float64 in row-major (C) order.</summary>
    public double[] ToDoubles()
    {
        RequireNumeric();
        double[] flat = Values switch
        {
            // Already float64: hand the buffer over as is, the common case costs no copy.
            double[] d => d,
            float[] f => ArrayConversions.ToDoubles<float>(f),
            Half[] h => ArrayConversions.ToDoubles<Half>(h),
            long[] l => ArrayConversions.ToDoubles<long>(l),
            int[] i => ArrayConversions.ToDoubles<int>(i),
            short[] s => ArrayConversions.ToDoubles<short>(s),
            sbyte[] sb => ArrayConversions.ToDoubles<sbyte>(sb),
            ulong[] ul => ArrayConversions.ToDoubles<ulong>(ul),
            uint[] ui => ArrayConversions.ToDoubles<uint>(ui),
            ushort[] us => ArrayConversions.ToDoubles<ushort>(us),
            byte[] b when Header.Dtype.Kind == NpyKind.Bool => BooleansToDoubles(b),
            byte[] b => ArrayConversions.ToDoubles<byte>(b),
            _ => throw NotNumeric(),
        };
        if (Header.FortranOrder && Rank == 2)
        {
            return ArrayConversions.ColumnMajorToRowMajor(flat, (int)Header.Shape[0], (int)Header.Shape[1]);
        }
        return flat;
    }

    /// <summary>The array as 0/1 labels; it must be 1-D with <paramref name="rows"/> values.</summary>
    public int[] ToLabels(int rows, string rowsOf)
    {
        RequireVector(rows, rowsOf);
        return ArrayConversions.ToLabels(ToDoubles(), Path, Label);
    }

    /// <summary>The array as whole numbers (group ids); it must be 1-D with <paramref name="rows"/> values.</summary>
    public long[] ToIntegers(int rows, string rowsOf)
    {
        RequireVector(rows, rowsOf);
        return Values is long[] longs ? longs : ArrayConversions.ToIntegers(ToDoubles(), Path, Label);
    }

    /// <summary>The array as strings (feature names); it must be a 1-D string array of <paramref name="count"/> items.</summary>
    public string[] ToStrings(int count, string countOf)
    {
        if (Values is not string[] strings || Rank != 1)
        {
            throw new DataFileException(Path, $"{Label} must be a 1-D string array, but it is {Header.Describe()}.");
        }
        if (strings.Length != count)
        {
            throw new DataFileException(Path, $"{Label} holds {strings.Length} names but {countOf} has {count} columns.");
        }
        return strings;
    }

    /// <summary>
    /// The array as a <see cref="Dataset.Metadata"/> value: a scalar for 0-D arrays, an array for 1-D ones;
    /// null when it has no such form (2-D), for the caller to skip with a warning.
    /// </summary>
    public object? ToMetadataValue()
    {
        if (Rank > 1 || Values is null)
        {
            return null;
        }
        object array = Header.Dtype.Kind switch
        {
            NpyKind.Unicode or NpyKind.Bytes => Values,
            NpyKind.Bool => Array.ConvertAll((byte[])Values, b => b != 0),
            NpyKind.Float => ToDoubles(),
            _ => ToLongsOrDoubles(),
        };
        if (Rank == 1)
        {
            return array;
        }
        return ((Array)array).GetValue(0);
    }

    private object ToLongsOrDoubles() => Values switch
    {
        long[] l => l,
        // Unsigned 64-bit values above long.MaxValue would wrap, so such an array stays float64.
        ulong[] ul when ul.AsSpan().IndexOfAnyInRange((ulong)long.MaxValue + 1, ulong.MaxValue) >= 0 => ToDoubles(),
        ulong[] ul => Array.ConvertAll(ul, v => (long)v),
        int[] i => Widen<int>(i),
        short[] s => Widen<short>(s),
        sbyte[] sb => Widen<sbyte>(sb),
        uint[] ui => Widen<uint>(ui),
        ushort[] us => Widen<ushort>(us),
        byte[] b => Widen<byte>(b),
        _ => ToDoubles(),
    };

    private static long[] Widen<T>(T[] source)
        where T : System.Numerics.INumberBase<T>
    {
        var result = new long[source.Length];
        TensorPrimitives.ConvertTruncating<T, long>(source, result);
        return result;
    }

    private static double[] BooleansToDoubles(byte[] bytes)
    {
        var result = new double[bytes.Length];
        for (int i = 0; i < bytes.Length; i++)
        {
            result[i] = bytes[i] != 0 ? 1.0 : 0.0;
        }
        return result;
    }

    private void RequireVector(int rows, string rowsOf)
    {
        if (Rank != 1)
        {
            throw new DataFileException(Path, $"{Label} must be a 1-D array, but its shape is {NpyHeader.FormatShape(Header.Shape)}.");
        }
        if (Header.Shape[0] != rows)
        {
            throw new DataFileException(Path, $"{Label} holds {Header.Shape[0]} values but {rowsOf} has {rows} rows.");
        }
    }

    private void RequireNumeric()
    {
        if (!Header.Dtype.IsNumeric || Values is null)
        {
            throw NotNumeric();
        }
    }

    private DataFileException NotNumeric() =>
        IsObject
            ? new DataFileException(Path, $"{Label} is an object array (dtype '|O'); object arrays are never unpickled, so it cannot be read.")
            : new DataFileException(Path, $"{Label} must be numeric, but its dtype is '{Header.Dtype.Descr}'.");
}
