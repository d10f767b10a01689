using System.Globalization;

namespace TabularOd.Compute;

/// <summary>A Cholesky factorisation met a non-positive pivot: the matrix is not (numerically) positive definite.</summary>
public sealed class MatrixNotPositiveDefiniteException : ArithmeticException
{
    /// <summary>The pivot of <paramref name="column"/> in an <paramref name="n"/>×<paramref name="n"/> factorisation was not positive.</summary>
    public MatrixNotPositiveDefiniteException(int column, int n)
        : base($"The {n}×{n} matrix is not positive definite: the Cholesky pivot of column {column} is not positive.")
    {
        Column = column;
    }

    /// <summary>
    /// The factorisation still failed, at <paramref name="column"/>, after <paramref name="largestJitter"/>·I was
    /// added to the diagonal (the last of a series of retries, see <see cref="SpdSolver"/>).
    /// </summary>
    public MatrixNotPositiveDefiniteException(int column, int n, double largestJitter, Exception? innerException)
        : base(
            $"The {n}×{n} matrix is not positive definite even with {largestJitter.ToString("G6", CultureInfo.InvariantCulture)}·I added " +
            $"(the largest jitter tried): the Cholesky pivot of column {column} is not positive.",
            innerException)
    {
        Column = column;
        LargestJitter = largestJitter;
    }

    /// <summary>The column whose pivot failed.</summary>
    public int Column { get; }

    /// <summary>The largest multiple of the identity that was added before giving up; 0 when none was tried.</summary>
    public double LargestJitter { get; }
}
