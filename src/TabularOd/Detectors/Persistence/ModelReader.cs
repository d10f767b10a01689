using System.Runtime.InteropServices;
using System.Text;
using TabularOd.Data;

namespace TabularOd.Detectors.Persistence;

/// <summary>Reads what <see cref="ModelWriter"/> wrote; lengths are checked against the bytes left.</summary>
public sealed class ModelReader(BinaryReader reader)
{
    /// <summary>Reads an int.</summary>
    public int ReadInt32() => reader.ReadInt32();

    /// <summary>Reads a long.</summary>
    public long ReadInt64() => reader.ReadInt64();

    /// <summary>Reads a double.</summary>
    public double ReadDouble() => reader.ReadDouble();

    /// <summary>Reads a bool.</summary>
    public bool ReadBoolean() => reader.ReadBoolean();

    /// <summary>Reads a string.</summary>
    public string ReadString() => Encoding.UTF8.GetString(ReadBytes(ReadLength(1)));

    /// <summary>Reads a double array.</summary>
    public double[] ReadDoubles()
    {
        var result = new double[ReadLength(sizeof(double))];
        FillFrom(MemoryMarshal.AsBytes(result.AsSpan()));
        return result;
    }

    /// <summary>Reads an int array.</summary>
    public int[] ReadInt32s()
    {
        var result = new int[ReadLength(sizeof(int))];
        FillFrom(MemoryMarshal.AsBytes(result.AsSpan()));
        return result;
    }

    /// <summary>Reads a matrix.</summary>
    public DataMatrix ReadMatrix()
    {
        int rows = reader.ReadInt32(), columns = reader.ReadInt32();
        if (rows < 0 || columns < 0 || (long)rows * columns * sizeof(double) > Remaining)
        {
            throw new InvalidDataException($"A stored {rows}×{columns} matrix does not fit in the bytes left.");
        }
        var values = new double[rows * columns];
        FillFrom(MemoryMarshal.AsBytes(values.AsSpan()));
        return DataMatrix.FromRowMajor(rows, columns, values);
    }

    private long Remaining => reader.BaseStream.CanSeek ? reader.BaseStream.Length - reader.BaseStream.Position : long.MaxValue;

    private int ReadLength(int elementSize)
    {
        int length = reader.ReadInt32();
        if (length < 0 || (long)length * elementSize > Remaining)
        {
            throw new InvalidDataException($"A stored length of {length} does not fit in the bytes left.");
        }
        return length;
    }

    private byte[] ReadBytes(int count)
    {
        var bytes = reader.ReadBytes(count);
        return bytes.Length == count ? bytes : throw new EndOfStreamException("The model file ends early.");
    }

    private void FillFrom(Span<byte> target)
    {
        if (reader.BaseStream.ReadAtLeast(target, target.Length, throwOnEndOfStream: false) != target.Length)
        {
            throw new EndOfStreamException("The model file ends early.");
        }
    }
}
