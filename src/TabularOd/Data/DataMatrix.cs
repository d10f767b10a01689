namespace TabularOd.Data;

/// <summary>
/// A dense row-major matrix of float64 values: the one numeric container every reader produces and
/// every detector consumes. Rows are contiguous, so a row view is a plain span; a column view is strided.
/// </summary>
/// <remarks>
/// The matrix owns a flat buffer and hands out spans over it rather than copying; callers that keep a
/// matrix shared (for example inside a <see cref="Dataset"/>) treat it as read-only by convention.
/// </remarks>
public sealed class DataMatrix
{
    private readonly double[] _values;

    /// <summary>Creates a zero-filled matrix.</summary>
    public DataMatrix(int rows, int columns)
        : this(rows, columns, new double[checked(CheckDimension(rows, nameof(rows)) * CheckDimension(columns, nameof(columns)))])
    {
    }

    private DataMatrix(int rows, int columns, double[] values)
    {
        Rows = rows;
        Columns = columns;
        _values = values;
    }

    /// <summary>Wraps a row-major buffer without copying it.</summary>
    public static DataMatrix FromRowMajor(int rows, int columns, double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        CheckDimension(rows, nameof(rows));
        CheckDimension(columns, nameof(columns));
        if ((long)rows * columns != values.Length)
        {
            throw new ArgumentException($"A {rows}×{columns} matrix needs {(long)rows * columns} values. Got {values.Length}.", nameof(values));
        }
        return new DataMatrix(rows, columns, values);
    }

    /// <summary>Copies a rectangular array into a new matrix.</summary>
    public static DataMatrix FromArray(double[,] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        int rows = values.GetLength(0), columns = values.GetLength(1);
        var result = new DataMatrix(rows, columns);
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                result._values[(i * columns) + j] = values[i, j];
            }
        }
        return result;
    }

    /// <summary>Number of rows (samples).</summary>
    public int Rows { get; }

    /// <summary>Number of columns (features).</summary>
    public int Columns { get; }

    /// <summary>The element at row <paramref name="row"/>, column <paramref name="column"/>.</summary>
    public double this[int row, int column]
    {
        get => _values[Offset(row, column)];
        set => _values[Offset(row, column)] = value;
    }

    /// <summary>The whole buffer, row after row.</summary>
    public Span<double> AsSpan() => _values;

    /// <summary>A view of one row; writing through it writes the matrix.</summary>
    public Span<double> Row(int row)
    {
        if ((uint)row >= (uint)Rows)
        {
            throw new ArgumentOutOfRangeException(nameof(row), row, $"Row index must be in [0, {Rows}).");
        }
        return _values.AsSpan(row * Columns, Columns);
    }

    /// <summary>A strided view of one column.</summary>
    public ColumnView Column(int column)
    {
        if ((uint)column >= (uint)Columns)
        {
            throw new ArgumentOutOfRangeException(nameof(column), column, $"Column index must be in [0, {Columns}).");
        }
        return new ColumnView(_values, column, Columns, Rows);
    }

    /// <summary>A new matrix holding the given rows, in the given order.</summary>
    public DataMatrix SelectRows(ReadOnlySpan<int> rows)
    {
        var result = new DataMatrix(rows.Length, Columns);
        for (int i = 0; i < rows.Length; i++)
        {
            Row(rows[i]).CopyTo(result.Row(i));
        }
        return result;
    }

    /// <summary>A new matrix holding the given columns, in the given order.</summary>
    public DataMatrix SelectColumns(ReadOnlySpan<int> columns)
    {
        foreach (int c in columns)
        {
            if ((uint)c >= (uint)Columns)
            {
                throw new ArgumentOutOfRangeException(nameof(columns), c, $"Column index must be in [0, {Columns}).");
            }
        }
        var result = new DataMatrix(Rows, columns.Length);
        for (int i = 0; i < Rows; i++)
        {
            var source = Row(i);
            var target = result.Row(i);
            for (int j = 0; j < columns.Length; j++)
            {
                target[j] = source[columns[j]];
            }
        }
        return result;
    }

    /// <summary>A deep copy.</summary>
    public DataMatrix Clone() => new(Rows, Columns, (double[])_values.Clone());

    /// <summary>Copies the matrix into a rectangular array.</summary>
    public double[,] ToArray()
    {
        var result = new double[Rows, Columns];
        for (int i = 0; i < Rows; i++)
        {
            for (int j = 0; j < Columns; j++)
            {
                result[i, j] = _values[(i * Columns) + j];
            }
        }
        return result;
    }

    /// <summary>Finds the first NaN or infinite value, if any.</summary>
    public bool TryFindNonFinite(out int row, out int column)
    {
        var span = _values.AsSpan();
        for (int k = 0; k < span.Length; k++)
        {
            if (!double.IsFinite(span[k]))
            {
                row = k / Columns;
                column = k % Columns;
                return true;
            }
        }
        row = column = -1;
        return false;
    }

    private int Offset(int row, int column)
    {
        if ((uint)row >= (uint)Rows || (uint)column >= (uint)Columns)
        {
            throw new ArgumentOutOfRangeException(nameof(row), $"Index ({row}, {column}) is outside a {Rows}×{Columns} matrix.");
        }
        return (row * Columns) + column;
    }

    private static int CheckDimension(int value, string name)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value, name);
        return value;
    }
}

/// <summary>A strided, read-only view of one matrix column.</summary>
public readonly struct ColumnView
{
    private readonly double[] _values;
    private readonly int _offset;
    private readonly int _stride;

    internal ColumnView(double[] values, int offset, int stride, int count)
    {
        _values = values;
        _offset = offset;
        _stride = stride;
        Count = count;
    }

    /// <summary>Number of elements (the matrix's row count).</summary>
    public int Count { get; }

    /// <summary>The element in row <paramref name="row"/>.</summary>
    public double this[int row]
    {
        get
        {
            if ((uint)row >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(row), row, $"Row index must be in [0, {Count}).");
            }
            return _values[_offset + (row * _stride)];
        }
    }

    /// <summary>Copies the column into <paramref name="destination"/>.</summary>
    public void CopyTo(Span<double> destination)
    {
        if (destination.Length < Count)
        {
            throw new ArgumentException($"Destination holds {destination.Length} values; the column has {Count}.", nameof(destination));
        }
        for (int i = 0, k = _offset; i < Count; i++, k += _stride)
        {
            destination[i] = _values[k];
        }
    }

    /// <summary>Copies the column into a new array.</summary>
    public double[] ToArray()
    {
        var result = new double[Count];
        CopyTo(result);
        return result;
    }
}
