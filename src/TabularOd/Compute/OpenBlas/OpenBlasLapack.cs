using System.Buffers;

namespace TabularOd.Compute.OpenBlas;

/// <summary>
/// The factorizations of <see cref="OpenBlasBackend"/> on LAPACK's Fortran entry points.
/// </summary>
/// <remarks>
/// LAPACK reads a row-major buffer as the column-major transpose. A symmetric matrix is its own transpose, and
/// the row-major lower triangle is the column-major upper one, so Cholesky and the eigen-solver run with
/// uplo = 'U' on the caller's buffer as it is. The SVD of the transpose gives the SVD of the matrix with U and V
/// swapped, which are the caller's row-major U and Vᵀ as they stand (when that transpose is not wide). LU needs A itself, so it factorises a
/// transposed copy (it needs a copy anyway). The solvers' right-hand sides are transposed only when there is more
/// than one: a single column reads the same in both orders.
/// </remarks>
internal static unsafe class OpenBlasLapack
{
    private const byte Upper = (byte)'U';

    /// <summary>
    /// The largest diagonal block the recursive Cholesky hands to dpotrf whole, and the height of its parallel row
    /// blocks: large enough for the native kernels to run near their peak, small enough that the sequential
    /// dpotrf calls stay a small share of the work and that there are row blocks for every core.
    /// </summary>
    internal const int CholeskyBlock = 256;

    /// <summary>Right-hand sides per dpotrs call; blocks of them are solved in parallel.</summary>
    internal const int RhsBlock = 64;

    internal static void CholeskyFactor(OpenBlasNative native, Span<double> a, int n)
    {
        const string Method = nameof(CholeskyFactor);
        ComputeArguments.CheckNonNegative(n, nameof(n), Method);
        ComputeArguments.CheckDenseMatrix<double>(a, n, n, nameof(a), Method);
        if (n == 0)
        {
            return;
        }
        native.EnsureSingleThreaded();
        fixed (double* pa = a)
        {
            FactorRecursive(native, pa, n, n, 0);
        }
        // OpenBLAS's own dpotrf stops only on a pivot ≤ 0, so a NaN pivot would come back as a "factor", and
        // an infinite one would leave an infinite L that hides the problem (the managed backend rejects both).
        for (int j = 0; j < n; j++)
        {
            if (!(a[j * n + j] > 0 && a[j * n + j] < double.PositiveInfinity))
            {
                throw new MatrixNotPositiveDefiniteException(j, n);
            }
        }
        for (int i = 0; i < n - 1; i++)
        {
            a.Slice(i * n + i + 1, n - i - 1).Clear();
        }
    }

    /// <summary>
    /// Recursive Cholesky of the size×size block at <paramref name="a"/> (row stride <paramref name="n"/>, first
    /// column <paramref name="offset"/> of the whole matrix): factor the leading half, solve the panel below it
    /// (cblas_dtrsm), subtract its outer product from the trailing lower triangle (GEMM), factor the trailing half.
    /// Blocks of at most <see cref="CholeskyBlock"/> go to dpotrf.
    /// </summary>
    /// <remarks>
    /// The panel solve and the trailing update run as single-threaded calls on fixed row blocks in parallel, so the
    /// result does not depend on the core count. Halving (rather than stepping by a fixed width) keeps k large in
    /// the updates and passes over the trailing matrix O(log n) times instead of n/width times; at n = 5000 that
    /// took the gap to OpenBLAS's own threaded dpotrf from about 1.8× to about 1.25× here. The strict upper
    /// triangle of the diagonal row blocks serves as scratch.
    /// </remarks>
    private static void FactorRecursive(OpenBlasNative native, double* a, int size, int n, int offset)
    {
        if (size <= CholeskyBlock)
        {
            int info = FactorDiagonalBlock(native, a, size, n);
            if (info > 0)
            {
                throw new MatrixNotPositiveDefiniteException(offset + info - 1, n);
            }
            return;
        }
        int n1 = (size / 2 + CholeskyBlock - 1) / CholeskyBlock * CholeskyBlock, n2 = size - n1;
        FactorRecursive(native, a, n1, n, offset);
        nint l11 = (nint)a, l21 = (nint)(a + (nint)n1 * n), a22 = (nint)(a + (nint)n1 * n + n1);
        int blocks = (n2 + CholeskyBlock - 1) / CholeskyBlock, threads = ComputeParallelism.DefaultDegree;
        // L21 = A21·L11⁻ᵀ, rows independent of each other.
        ComputeParallelism.For(blocks, threads, t =>
        {
            int i0 = t * CholeskyBlock, rows = Math.Min(CholeskyBlock, n2 - i0);
            native.Dtrsm(OpenBlasNative.RowMajor, OpenBlasNative.Right, OpenBlasNative.Lower, OpenBlasNative.Trans,
                OpenBlasNative.NonUnit, rows, n1, 1.0, (double*)l11, n, (double*)l21 + (nint)i0 * n, n);
        });
        // A22 −= L21·L21ᵀ on the lower triangle: each row block up to and including its diagonal square. The
        // widest (last) blocks are handed out first, so that the cores finish together.
        ComputeParallelism.For(blocks, threads, task =>
        {
            int t = blocks - 1 - task, i0 = t * CholeskyBlock, rows = Math.Min(CholeskyBlock, n2 - i0);
            native.Dgemm(OpenBlasNative.RowMajor, OpenBlasNative.NoTrans, OpenBlasNative.Trans, rows, i0 + rows, n1,
                -1.0, (double*)l21 + (nint)i0 * n, n, (double*)l21, n, 1.0, (double*)a22 + (nint)i0 * n, n);
        });
        FactorRecursive(native, (double*)a22, n2, n, offset + n1);
    }

    /// <summary>dpotrf on a kb×kb diagonal block with row stride n; returns info (> 0: the block's failing pivot, 1-based).</summary>
    /// <remarks>The block is factored in an aligned copy (see <see cref="AlignedBuffer{T}"/>) and copied back.</remarks>
    private static int FactorDiagonalBlock(OpenBlasNative native, double* block, int kb, int n)
    {
        using var copy = new AlignedBuffer<double>(kb * kb);
        for (int i = 0; i < kb; i++)
        {
            new ReadOnlySpan<double>(block + (nint)i * n, kb).CopyTo(copy.Span.Slice(i * kb, kb));
        }
        int info;
        byte uplo = Upper;
        native.Dpotrf(&uplo, &kb, copy.Pointer, &kb, &info, 1);
        Check(info, "dpotrf");
        for (int i = 0; i < kb; i++)
        {
            copy.Span.Slice(i * kb, kb).CopyTo(new Span<double>(block + (nint)i * n, kb));
        }
        return info;
    }

    internal static void CholeskySolve(OpenBlasNative native, ReadOnlySpan<double> factor, int n, Span<double> b, int nrhs)
    {
        const string Method = nameof(CholeskySolve);
        ComputeArguments.CheckNonNegative(n, nameof(n), Method);
        ComputeArguments.CheckNonNegative(nrhs, nameof(nrhs), Method);
        ComputeArguments.CheckDenseMatrix(factor, n, n, nameof(factor), Method);
        ComputeArguments.CheckDenseMatrix<double>(b, n, nrhs, nameof(b), Method);
        if (n == 0 || nrhs == 0)
        {
            return;
        }
        native.EnsureSingleThreaded();
        using var columns = new ColumnMajor(b, n, nrhs);
        using var alignedFactor = new AlignedBuffer<double>(factor);
        {
            nint f = (nint)alignedFactor.Pointer, rhs = (nint)columns.Pointer;
            int blocks = (nrhs + RhsBlock - 1) / RhsBlock;
            ComputeParallelism.For(blocks, ComputeParallelism.DefaultDegree, t =>
            {
                int count = Math.Min(RhsBlock, nrhs - t * RhsBlock), size = n, info;
                byte uplo = Upper;
                native.Dpotrs(&uplo, &size, &count, (double*)f, &size, (double*)rhs + (nint)t * RhsBlock * n, &size, &info, 1);
                Check(info, "dpotrs");
            });
        }
        columns.CopyBack(b);
    }

    internal static void CholeskyInverse(OpenBlasNative native, ReadOnlySpan<double> factor, int n, Span<double> inverse)
    {
        const string Method = nameof(CholeskyInverse);
        ComputeArguments.CheckNonNegative(n, nameof(n), Method);
        ComputeArguments.CheckDenseMatrix(factor, n, n, nameof(factor), Method);
        ComputeArguments.CheckDenseMatrix<double>(inverse, n, n, nameof(inverse), Method);
        if (n == 0)
        {
            return;
        }
        native.EnsureSingleThreaded();
        int info;
        using (var work = new AlignedBuffer<double>(factor))
        {
            byte uplo = Upper;
            native.Dpotri(&uplo, &n, work.Pointer, &n, &info, 1);
            work.Span.CopyTo(inverse);
        }
        Check(info, "dpotri");
        if (info > 0)
        {
            // A zero on the factor's diagonal: the matrix it came from was not positive definite.
            throw new MatrixNotPositiveDefiniteException(info - 1, n);
        }
        // dpotri fills the column-major upper triangle, which is the row-major lower one: mirror it upwards.
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                inverse[i * n + j] = inverse[j * n + i];
            }
        }
    }

    internal static void SymmetricEigen(OpenBlasNative native, ReadOnlySpan<double> a, int n, Span<double> eigenvalues, Span<double> eigenvectors)
    {
        const string Method = nameof(SymmetricEigen);
        ComputeArguments.CheckNonNegative(n, nameof(n), Method);
        ComputeArguments.CheckDenseMatrix(a, n, n, nameof(a), Method);
        ComputeArguments.CheckDenseMatrix<double>(eigenvalues, n, 1, nameof(eigenvalues), Method);
        ComputeArguments.CheckDenseMatrix<double>(eigenvectors, n, n, nameof(eigenvectors), Method);
        if (n == 0)
        {
            return;
        }
        for (int i = 0; i < n; i++)
        {
            // Only the lower triangle is read, so only it has to be finite.
            RequireFinite(a.Slice(i * n, i + 1), i, n, nameof(a), Method);
        }
        native.EnsureSingleThreaded();
        int info;
        using (var vectors = new AlignedBuffer<double>(a))
        using (var values = new AlignedBuffer<double>(n))
        {
            byte jobz = (byte)'V', uplo = Upper;
            int lwork = -1, liwork = -1, iworkSize;
            double workSize;
            native.Dsyevd(&jobz, &uplo, &n, vectors.Pointer, &n, values.Pointer, &workSize, &lwork, &iworkSize, &liwork, &info, 1, 1);
            Check(info, "dsyevd");
            lwork = (int)workSize;
            liwork = iworkSize;
            using var work = new AlignedBuffer<double>(lwork);
            using var iwork = new AlignedBuffer<int>(liwork);
            native.Dsyevd(&jobz, &uplo, &n, vectors.Pointer, &n, values.Pointer, work.Pointer, &lwork, iwork.Pointer, &liwork, &info, 1, 1);
            vectors.Span.CopyTo(eigenvectors);
            values.Span.CopyTo(eigenvalues);
        }
        Check(info, "dsyevd");
        if (info > 0)
        {
            throw new ArithmeticException($"The symmetric eigen-decomposition of the {n}×{n} matrix did not converge (dsyevd info {info}).");
        }
        // LAPACK's eigenvector j is column-major column j, i.e. row j of the row-major buffer.
        TransposeSquare(eigenvectors, n);
        FixColumnSigns(eigenvectors, n, n, default, 0);
    }

    internal static void Svd(OpenBlasNative native, ReadOnlySpan<double> a, int m, int n, Span<double> singularValues, Span<double> u, Span<double> vt)
    {
        const string Method = nameof(Svd);
        ComputeArguments.CheckNonNegative(m, nameof(m), Method);
        ComputeArguments.CheckNonNegative(n, nameof(n), Method);
        int r = Math.Min(m, n);
        ComputeArguments.CheckDenseMatrix(a, m, n, nameof(a), Method);
        ComputeArguments.CheckDenseMatrix<double>(singularValues, r, 1, nameof(singularValues), Method);
        ComputeArguments.CheckDenseMatrix<double>(u, m, r, nameof(u), Method);
        ComputeArguments.CheckDenseMatrix<double>(vt, r, n, nameof(vt), Method);
        if (r == 0)
        {
            return;
        }
        RequireFinite(a, 0, n, nameof(a), Method);
        native.EnsureSingleThreaded();
        int info;
        using var copy = new AlignedBuffer<double>(a.Length);
        using var values = new AlignedBuffer<double>(r);
        using var uColumns = new AlignedBuffer<double>(m * r);
        using var vtColumns = new AlignedBuffer<double>(r * n);
        if (m <= n)
        {
            // LAPACK sees Aᵀ (n×m column-major, tall) = U'·S·V'ᵀ, so A = V'·S·U'ᵀ: the caller's row-major U
            // (m×r) is V'ᵀ stored column-major with leading dimension r, and the caller's row-major Vᵀ (r×n) is
            // U' stored column-major with leading dimension n. dgesdd writes both without transposes.
            a.CopyTo(copy.Span);
            info = Gesdd(native, copy.Pointer, n, m, values.Pointer, vtColumns.Pointer, n, uColumns.Pointer, r);
            uColumns.Span.CopyTo(u);
            vtColumns.Span.CopyTo(vt);
        }
        else
        {
            // A tall A would reach LAPACK as a wide Aᵀ, whose LQ-based path measured two to three times slower
            // than the QR-based one here (5000×200). Transposing A, U and Vᵀ costs only O(m·n).
            Transpose(a, m, n, copy.Span);
            info = Gesdd(native, copy.Pointer, m, n, values.Pointer, uColumns.Pointer, m, vtColumns.Pointer, r);
            if (info == 0)
            {
                Transpose(uColumns.Span, r, m, u);
                Transpose(vtColumns.Span, n, r, vt);
            }
        }
        values.Span.CopyTo(singularValues);
        if (info > 0)
        {
            throw new ArithmeticException($"The SVD of the {m}×{n} matrix did not converge (dgesdd info {info}).");
        }
        FixColumnSigns(u, m, r, vt, n);
    }

    /// <summary>
    /// dgesdd with jobz = 'S' on a column-major rows×cols matrix (destroyed), workspace sized by a query first.
    /// Returns LAPACK's info after rejecting a negative one.
    /// </summary>
    private static int Gesdd(OpenBlasNative native, double* a, int rows, int cols, double* s, double* u, int ldu, double* vt, int ldvt)
    {
        byte jobz = (byte)'S';
        int info, lwork = -1;
        using var iwork = new AlignedBuffer<int>(8 * Math.Min(rows, cols));
        double workSize;
        native.Dgesdd(&jobz, &rows, &cols, a, &rows, s, u, &ldu, vt, &ldvt, &workSize, &lwork, iwork.Pointer, &info, 1);
        Check(info, "dgesdd");
        lwork = (int)workSize;
        using var work = new AlignedBuffer<double>(lwork);
        native.Dgesdd(&jobz, &rows, &cols, a, &rows, s, u, &ldu, vt, &ldvt, work.Pointer, &lwork, iwork.Pointer, &info, 1);
        Check(info, "dgesdd");
        return info;
    }

    internal static void LuSolve(OpenBlasNative native, ReadOnlySpan<double> a, int n, Span<double> b, int nrhs)
    {
        const string Method = nameof(LuSolve);
        ComputeArguments.CheckNonNegative(n, nameof(n), Method);
        ComputeArguments.CheckNonNegative(nrhs, nameof(nrhs), Method);
        ComputeArguments.CheckDenseMatrix(a, n, n, nameof(a), Method);
        ComputeArguments.CheckDenseMatrix<double>(b, n, nrhs, nameof(b), Method);
        if (n == 0)
        {
            return;
        }
        RequireFinite(a, 0, n, nameof(a), Method);
        native.EnsureSingleThreaded();
        using var lu = new AlignedBuffer<double>(a.Length);
        using var pivots = new AlignedBuffer<int>(n);
        // A itself, not the Aᵀ the row-major buffer would be: partial pivoting on A turns a repeated row into
        // an exactly zero pivot (identical rows get identical updates), which a factorisation of Aᵀ would
        // blur into a tiny one; and the column reported then agrees with the managed backend's.
        Transpose(a, n, n, lu.Span);
        int info;
        native.Dgetrf(&n, &n, lu.Pointer, &n, pivots.Pointer, &info);
        Check(info, "dgetrf");
        if (info > 0)
        {
            throw new SingularMatrixException(info - 1, n);
        }
        if (nrhs == 0)
        {
            return;
        }
        using var columns = new ColumnMajor(b, n, nrhs);
        byte trans = (byte)'N';
        native.Dgetrs(&trans, &n, &nrhs, lu.Pointer, &n, pivots.Pointer, columns.Pointer, &n, &info, 1);
        Check(info, "dgetrs");
        columns.CopyBack(b);
    }

    /// <summary>A negative info is an argument LAPACK rejected: the checks above should make that impossible.</summary>
    private static void Check(int info, string routine)
    {
        if (info < 0)
        {
            throw new InvalidOperationException($"OpenBLAS {routine} rejected argument {-info}; this is a defect in the openblas backend.");
        }
    }

    /// <summary>Rejects NaN and ∞ in <paramref name="values"/>, the row-major rows of width <paramref name="width"/> from <paramref name="firstRow"/> on.</summary>
    private static void RequireFinite(ReadOnlySpan<double> values, int firstRow, int width, string name, string method)
    {
        // LAPACK's iterative solvers have no defined outcome on NaN or ∞ (some versions iterate to their limit),
        // and the managed backend rejects them with the same message.
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException(
                    $"The '{name}' parameter of {method} must be finite. Got {values[i]} at row {firstRow + i / width}, column {i % width}.", name);
            }
        }
    }

    private static void TransposeSquare(Span<double> matrix, int n)
    {
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                (matrix[i * n + j], matrix[j * n + i]) = (matrix[j * n + i], matrix[i * n + j]);
            }
        }
    }

    /// <summary>
    /// Makes the largest-magnitude component of each column of the row-major rows×columns matrix positive (the
    /// first such component on a tie), and flips the matching row of <paramref name="partner"/> (columns×partnerWidth) with it.
    /// Scans row by row, so large matrices are walked in memory order.
    /// </summary>
    private static void FixColumnSigns(Span<double> matrix, int rows, int columns, Span<double> partner, int partnerWidth)
    {
        double[] largest = ArrayPool<double>.Shared.Rent(columns);
        double[] sign = ArrayPool<double>.Shared.Rent(columns);
        try
        {
            Array.Fill(largest, -1.0, 0, columns);
            for (int i = 0; i < rows; i++)
            {
                var row = matrix.Slice(i * columns, columns);
                for (int j = 0; j < columns; j++)
                {
                    double magnitude = Math.Abs(row[j]);
                    if (magnitude > largest[j])
                    {
                        largest[j] = magnitude;
                        sign[j] = row[j] < 0 ? -1.0 : 1.0;
                    }
                }
            }
            for (int i = 0; i < rows; i++)
            {
                System.Numerics.Tensors.TensorPrimitives.Multiply(matrix.Slice(i * columns, columns), sign.AsSpan(0, columns),
                    matrix.Slice(i * columns, columns));
            }
            for (int j = 0; j < columns && partnerWidth > 0; j++)
            {
                if (sign[j] < 0)
                {
                    var row = partner.Slice(j * partnerWidth, partnerWidth);
                    System.Numerics.Tensors.TensorPrimitives.Negate(row, row);
                }
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(largest);
            ArrayPool<double>.Shared.Return(sign);
        }
    }

    /// <summary>Writes the transpose of the row-major rows×columns source, in cache-sized blocks.</summary>
    private static void Transpose(ReadOnlySpan<double> source, int rows, int columns, Span<double> destination)
    {
        const int Block = 32;
        for (int i0 = 0; i0 < rows; i0 += Block)
        {
            int i1 = Math.Min(rows, i0 + Block);
            for (int j0 = 0; j0 < columns; j0 += Block)
            {
                int j1 = Math.Min(columns, j0 + Block);
                for (int i = i0; i < i1; i++)
                {
                    for (int j = j0; j < j1; j++)
                    {
                        destination[j * rows + i] = source[i * columns + j];
                    }
                }
            }
        }
    }

    /// <summary>
    /// A row-major n×nrhs right-hand side as LAPACK wants it: an aligned column-major copy (see
    /// <see cref="AlignedBuffer{T}"/>), transposed back afterwards. A single column reads the same in both layouts.
    /// </summary>
    private readonly ref struct ColumnMajor
    {
        private readonly AlignedBuffer<double> buffer;
        private readonly int rows;
        private readonly int columns;

        internal ColumnMajor(Span<double> rowMajor, int rows, int columns)
        {
            this.rows = rows;
            this.columns = columns;
            buffer = new AlignedBuffer<double>(rows * columns);
            if (columns == 1)
            {
                rowMajor.CopyTo(buffer.Span);
            }
            else
            {
                Transpose(rowMajor, rows, columns, buffer.Span);
            }
        }

        internal double* Pointer => buffer.Pointer;

        internal void CopyBack(Span<double> rowMajor)
        {
            if (columns == 1)
            {
                buffer.Span.CopyTo(rowMajor);
            }
            else
            {
                Transpose(buffer.Span, columns, rows, rowMajor);
            }
        }

        public void Dispose() => buffer.Dispose();
    }
}
