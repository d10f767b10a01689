using System.Diagnostics.CodeAnalysis;

namespace TabularOd.Compute;

/// <summary>
/// Argument checks shared by the compute kernels, run once up front so the kernels themselves never meet a
/// size they cannot handle. Messages follow the project format:
/// "The 'k' parameter of KNearest must be ≥ 1. Got 0."
/// </summary>
internal static class ComputeArguments
{
    /// <summary>Checks that a dimension or count is zero or more.</summary>
    public static void CheckNonNegative(int value, string name, string method)
    {
        if (value < 0)
        {
            ThrowOutOfRange(name, method, "≥ 0", value);
        }
    }

    /// <summary>Checks that a count is one or more.</summary>
    public static void CheckPositive(int value, string name, string method)
    {
        if (value < 1)
        {
            ThrowOutOfRange(name, method, "≥ 1", value);
        }
    }

    /// <summary>Checks that a count does not exceed a limit; <paramref name="limitMeaning"/> says what the limit is.</summary>
    public static void CheckAtMost(int value, int limit, string limitMeaning, string name, string method)
    {
        if (value > limit)
        {
            ThrowOutOfRange(name, method, $"≤ {limit} ({limitMeaning})", value);
        }
    }

    /// <summary>
    /// Checks a strided row-major matrix: <paramref name="rows"/> and <paramref name="cols"/> are not negative,
    /// the leading dimension covers a stored row, and the span holds every element it addresses,
    /// (rows − 1)·leadingDim + cols of them. A longer span is fine: it may be a view into a wider matrix.
    /// </summary>
    /// <param name="values">The stored matrix.</param>
    /// <param name="rows">Stored rows.</param>
    /// <param name="cols">Stored columns.</param>
    /// <param name="leadingDim">Distance between the starts of consecutive stored rows.</param>
    /// <param name="name">The parameter name of the matrix, e.g. "a".</param>
    /// <param name="leadingDimName">The parameter name of the leading dimension, e.g. "lda".</param>
    /// <param name="method">The operation named in messages, e.g. "Gemm".</param>
    public static void CheckMatrix<T>(ReadOnlySpan<T> values, int rows, int cols, int leadingDim,
        string name, string leadingDimName, string method)
    {
        // BLAS asks for a leading dimension of at least 1 even for an empty matrix; so do we, so that a
        // zero stride never slips through from a caller's arithmetic.
        int minimumLeadingDim = Math.Max(1, cols);
        if (leadingDim < minimumLeadingDim)
        {
            ThrowOutOfRange(leadingDimName, method, $"≥ {minimumLeadingDim} (the stored columns of '{name}')", leadingDim);
        }
        long required = rows == 0 || cols == 0 ? 0 : ((long)rows - 1) * leadingDim + cols;
        if (values.Length < required)
        {
            ThrowTooShort(name, method, required, rows, cols, leadingDim, values.Length);
        }
    }

    /// <summary>
    /// Checks a dense row-major matrix (leading dimension equal to its columns): the span holds exactly
    /// rows·cols elements, so a row count or width passed wrongly cannot go unnoticed.
    /// </summary>
    public static void CheckDenseMatrix<T>(ReadOnlySpan<T> values, int rows, int cols, string name, string method)
    {
        long required = (long)rows * cols;
        if (values.Length != required)
        {
            ThrowWrongLength(name, method, required, rows, cols, values.Length);
        }
    }

    /// <summary>Throws unless <typeparamref name="T"/> is <see cref="float"/> or <see cref="double"/>.</summary>
    public static void CheckElementType<T>(string method)
    {
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double))
        {
            ThrowUnsupportedType(typeof(T), method);
        }
    }

    [DoesNotReturn]
    private static void ThrowOutOfRange(string name, string method, string constraint, int value) =>
        throw new ArgumentOutOfRangeException(name, $"The '{name}' parameter of {method} must be {constraint}. Got {value}.");

    [DoesNotReturn]
    private static void ThrowTooShort(string name, string method, long required, int rows, int cols, int leadingDim, int length) =>
        throw new ArgumentException(
            $"The '{name}' parameter of {method} must hold at least {required} elements (a {rows}×{cols} matrix with leading dimension {leadingDim}). Got {length}.",
            name);

    [DoesNotReturn]
    private static void ThrowWrongLength(string name, string method, long required, int rows, int cols, int length) =>
        throw new ArgumentException(
            $"The '{name}' parameter of {method} must hold exactly {required} elements (a {rows}×{cols} matrix). Got {length}.",
            name);

    [DoesNotReturn]
    private static void ThrowUnsupportedType(Type type, string method) =>
        throw new NotSupportedException($"{method} supports float and double elements. Got {type.Name}.");
}
