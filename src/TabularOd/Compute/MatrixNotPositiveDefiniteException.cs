namespace TabularOd.Compute;

/// <summary>A Cholesky factorisation met a non-positive pivot: the matrix is not (numerically) positive definite.</summary>
public sealed class MatrixNotPositiveDefiniteException(int column, int n)
    : ArithmeticException($"The {n}×{n} matrix is not positive definite: the Cholesky pivot of column {column} is not positive.")
{
    /// <summary>The column whose pivot failed.</summary>
    public int Column { get; } = column;
}
