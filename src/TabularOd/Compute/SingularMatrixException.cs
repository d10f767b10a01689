namespace TabularOd.Compute;

/// <summary>An LU factorisation met an exactly zero pivot: the matrix is singular.</summary>
public sealed class SingularMatrixException(int column, int n)
    : ArithmeticException($"The {n}×{n} matrix is singular: the LU pivot of column {column} is zero.")
{
    /// <summary>The column whose pivot was zero.</summary>
    public int Column { get; } = column;
}
