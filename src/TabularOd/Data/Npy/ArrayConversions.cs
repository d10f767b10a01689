using System.Buffers.Binary;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TabularOd.Data;

/// <summary>
/// Conversions shared by the binary readers (.npy/.npz and .mat): widening typed arrays to float64,
/// column-major to row-major order, and the checks that turn numbers into labels or group ids.
/// </summary>
internal static class ArrayConversions
{
    /// <summary>Widens any numeric array to float64 (vectorised where the element type allows).</summary>
    public static double[] ToDoubles<T>(ReadOnlySpan<T> source)
        where T : INumberBase<T>
    {
        double[] result = GC.AllocateUninitializedArray<double>(source.Length);
        TensorPrimitives.ConvertTruncating<T, double>(source, result);
        return result;
    }

    /// <summary>Reverses the byte order of every element in place (for files written on the other endianness).</summary>
    public static void ReverseEndianness<T>(Span<T> values)
        where T : unmanaged
    {
        switch (Unsafe.SizeOf<T>())
        {
            case 2:
                var shorts = MemoryMarshal.Cast<T, ushort>(values);
                BinaryPrimitives.ReverseEndianness(shorts, shorts);
                break;
            case 4:
                var ints = MemoryMarshal.Cast<T, uint>(values);
                BinaryPrimitives.ReverseEndianness(ints, ints);
                break;
            case 8:
                var longs = MemoryMarshal.Cast<T, ulong>(values);
                BinaryPrimitives.ReverseEndianness(longs, longs);
                break;
        }
    }

    /// <summary>
    /// Reorders a column-major <paramref name="rows"/> × <paramref name="columns"/> buffer into a new row-major one.
    /// </summary>
    public static double[] ColumnMajorToRowMajor(ReadOnlySpan<double> source, int rows, int columns)
    {
        double[] result = GC.AllocateUninitializedArray<double>(source.Length);
        if (rows <= 1 || columns <= 1)
        {
            // A single row or column is laid out the same way in both orders.
            source.CopyTo(result);
            return result;
        }
        // Blocks keep both the reads and the strided writes inside the cache.
        const int Block = 32;
        for (int j0 = 0; j0 < columns; j0 += Block)
        {
            int j1 = Math.Min(j0 + Block, columns);
            for (int i0 = 0; i0 < rows; i0 += Block)
            {
                int i1 = Math.Min(i0 + Block, rows);
                for (int j = j0; j < j1; j++)
                {
                    ReadOnlySpan<double> column = source.Slice(j * rows, rows);
                    for (int i = i0; i < i1; i++)
                    {
                        result[(i * columns) + j] = column[i];
                    }
                }
            }
        }
        return result;
    }

    /// <summary>
    /// Turns 0/1 values into labels; any other value is a <see cref="DataFileException"/> naming the array,
    /// the position and the value.
    /// </summary>
    public static int[] ToLabels(ReadOnlySpan<double> values, string path, string label)
    {
        var labels = new int[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            double v = values[i];
            if (v == 0)
            {
                continue;
            }
            if (v != 1)
            {
                throw new DataFileException(path, $"{label} holds {v.ToString(System.Globalization.CultureInfo.InvariantCulture)} at position {i}; labels must be 0 (inlier) or 1 (outlier).");
            }
            labels[i] = 1;
        }
        return labels;
    }

    /// <summary>
    /// Turns integral float values into 64-bit integers (group ids are stored as float64 in OddBench);
    /// a fraction, NaN or an out-of-range value is a <see cref="DataFileException"/>.
    /// </summary>
    public static long[] ToIntegers(ReadOnlySpan<double> values, string path, string label)
    {
        var result = new long[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            double v = values[i];
            // 2^63 itself is not representable as a long, hence the strict upper bound.
            if (!double.IsInteger(v) || v < long.MinValue || v >= 9.2233720368547758e18)
            {
                throw new DataFileException(path, $"{label} holds {v.ToString(System.Globalization.CultureInfo.InvariantCulture)} at position {i}; it must hold whole numbers.");
            }
            result[i] = (long)v;
        }
        return result;
    }
}
