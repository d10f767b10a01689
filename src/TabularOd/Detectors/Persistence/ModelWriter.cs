using System.Runtime.InteropServices;
using System.Text;
using TabularOd.Data;

namespace TabularOd.Detectors.Persistence;

/// <summary>Little-endian primitives of the model format: scalars, length-prefixed strings and arrays, matrices.</summary>
public sealed class ModelWriter(BinaryWriter writer)
{
    /// <summary>Writes an int.</summary>
    public void Write(int value) => writer.Write(value);

    /// <summary>Writes a long.</summary>
    public void Write(long value) => writer.Write(value);

    /// <summary>Writes a double.</summary>
    public void Write(double value) => writer.Write(value);

    /// <summary>Writes a bool.</summary>
    public void Write(bool value) => writer.Write(value);

    /// <summary>Writes a UTF-8 string with its byte length.</summary>
    public void Write(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }

    /// <summary>Writes a double array with its length.</summary>
    public void Write(ReadOnlySpan<double> values)
    {
        writer.Write(values.Length);
        writer.Write(MemoryMarshal.AsBytes(values));
    }

    /// <summary>Writes an int array with its length.</summary>
    public void Write(ReadOnlySpan<int> values)
    {
        writer.Write(values.Length);
        writer.Write(MemoryMarshal.AsBytes(values));
    }

    /// <summary>Writes a matrix: rows, columns, values row by row.</summary>
    public void Write(DataMatrix matrix)
    {
        writer.Write(matrix.Rows);
        writer.Write(matrix.Columns);
        writer.Write(MemoryMarshal.AsBytes((ReadOnlySpan<double>)matrix.AsSpan()));
    }
}
