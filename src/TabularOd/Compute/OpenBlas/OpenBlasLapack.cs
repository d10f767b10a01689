using System.Buffers;

namespace TabularOd.Compute.OpenBlas;

/// <summary>
/// The factorizations of <see cref="OpenBlasBackend"/> on LAPACK's Fortran entry points.
/// </summary>
/// <remarks>
/// LAPACK reads a row-major buffer as the column-major transpose. A symmetric matrix is its own transpose, and
/// the row-major lower triangle is the column-major upper one, so Cholesky and the eigen-solver run with
/// uplo = 'U' on the caller's buffer as it is. The SVD of the transpose gives the SVD of the matrix with U and V
/// swapped, written straight into the caller's row-major U and Vᵀ (when that transpose is not wide). LU needs A itself, so it factorises a
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
    private static int FactorDiagonalBlock(OpenBlasNative native, double* block, int kb, int n)
    {
        int info;
        byte uplo = Upper;
        native.Dpotrf(&uplo, &kb, block, &n, &info, 1);
        Check(info, "dpotrf");
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
        fixed (double* pf = factor, pb = columns.Buffer)
        {
            // dpotrs only reads the factor; the pointer loses its readonly-ness at the boundary.
            nint f = (nint)pf, rhs = (nint)pb;
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
        factor.CopyTo(inverse);
        int info;
        fixed (double* pi = inverse)
        {
            byte uplo = Upper;
            native.Dpotri(&uplo, &n, pi, &n, &info, 1);
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
        a.CopyTo(eigenvectors);
        int info;
        fixed (double* pv = eigenvectors, pw = eigenvalues)
        {
            byte jobz = (byte)'V', uplo = Upper;
            int lwork = -1, liwork = -1, iworkSize;
            double workSize;
            native.Dsyevd(&jobz, &uplo, &n, pv, &n, pw, &workSize, &lwork, &iworkSize, &liwork, &info, 1, 1);
            Check(info, "dsyevd");
            lwork = (int)workSize;
            liwork = iworkSize;
            double[] work = ArrayPool<double>.Shared.Rent(lwork);
            int[] iwork = ArrayPool<int>.Shared.Rent(liwork);
            try
            {
                fixed (double* pwork = work)
                fixed (int* piwork = iwork)
                {
                    native.Dsyevd(&jobz, &uplo, &n, pv, &n, pw, pwork, &lwork, piwork, &liwork, &info, 1, 1);
                }
            }
            finally
            {
                ArrayPool<double>.Shared.Return(work);
                ArrayPool<int>.Shared.Return(iwork);
            }
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
        double[] copy = ArrayPool<double>.Shared.Rent(a.Length);
        int info;
        try
        {
            if (m <= n)
            {
                // LAPACK sees Aᵀ (n×m column-major, tall) = U'·S·V'ᵀ, so A = V'·S·U'ᵀ: the caller's row-major U
                // (m×r) is V'ᵀ stored column-major with leading dimension r, and the caller's row-major Vᵀ (r×n) is
                // U' stored column-major with leading dimension n. dgesdd writes both in place, no transposes.
                a.CopyTo(copy);
                fixed (double* pa = copy, ps = singularValues, pu = u, pvt = vt)
                {
                    info = Gesdd(native, pa, n, m, ps, pvt, n, pu, r);
                }
            }
            else
            {
                // A tall A would reach LAPACK as a wide Aᵀ, whose LQ-based path measured two to three times slower
                // than the QR-based one here (5000×200). Transposing A, U and Vᵀ costs only O(m·n).
                double[] uColumns = ArrayPool<double>.Shared.Rent(m * r);
                double[] vtColumns = ArrayPool<double>.Shared.Rent(r * n);
                try
                {
                    Transpose(a, m, n, copy);
                    fixed (double* pa = copy, ps = singularValues, pu = uColumns, pvt = vtColumns)
                    {
                        info = Gesdd(native, pa, m, n, ps, pu, m, pvt, r);
                    }
                    if (info == 0)
                    {
                        Transpose(uColumns.AsSpan(0, m * r), r, m, u);
                        Transpose(vtColumns.AsSpan(0, r * n), n, r, vt);
                    }
                }
                finally
                {
                    ArrayPool<double>.Shared.Return(uColumns);
                    ArrayPool<double>.Shared.Return(vtColumns);
                }
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(copy);
        }
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
        int[] iwork = ArrayPool<int>.Shared.Rent(8 * Math.Min(rows, cols));
        try
        {
            fixed (int* piwork = iwork)
            {
                double workSize;
                native.Dgesdd(&jobz, &rows, &cols, a, &rows, s, u, &ldu, vt, &ldvt, &workSize, &lwork, piwork, &info, 1);
                Check(info, "dgesdd");
                lwork = (int)workSize;
                double[] work = ArrayPool<double>.Shared.Rent(lwork);
                try
                {
                    fixed (double* pwork = work)
                    {
                        native.Dgesdd(&jobz, &rows, &cols, a, &rows, s, u, &ldu, vt, &ldvt, pwork, &lwork, piwork, &info, 1);
                    }
                }
                finally
                {
                    ArrayPool<double>.Shared.Return(work);
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(iwork);
        }
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
        double[] lu = ArrayPool<double>.Shared.Rent(a.Length);
        int[] pivots = ArrayPool<int>.Shared.Rent(n);
        try
        {
            // A itself, not the Aᵀ the row-major buffer would be: partial pivoting on A turns a repeated row into
            // an exactly zero pivot (identical rows get identical updates), which a factorisation of Aᵀ would
            // blur into a tiny one; and the column reported then agrees with the managed backend's.
            Transpose(a, n, n, lu);
            int info;
            fixed (double* plu = lu)
            fixed (int* ppiv = pivots)
            {
                native.Dgetrf(&n, &n, plu, &n, ppiv, &info);
            }
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
            fixed (double* plu = lu, pb = columns.Buffer)
            fixed (int* ppiv = pivots)
            {
                byte trans = (byte)'N';
                native.Dgetrs(&trans, &n, &nrhs, plu, &n, ppiv, pb, &n, &info, 1);
            }
            Check(info, "dgetrs");
            columns.CopyBack(b);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(lu);
            ArrayPool<int>.Shared.Return(pivots);
        }
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
    /// A row-major n×nrhs right-hand side as LAPACK wants it: the caller's own buffer when nrhs = 1 (the two
    /// layouts coincide), otherwise a pooled column-major copy that is transposed back afterwards.
    /// </summary>
    private readonly ref struct ColumnMajor
    {
        private readonly double[]? rented;
        private readonly int rows;
        private readonly int columns;

        internal ColumnMajor(Span<double> rowMajor, int rows, int columns)
        {
            this.rows = rows;
            this.columns = columns;
            if (columns == 1)
            {
                Buffer = rowMajor;
                return;
            }
            rented = ArrayPool<double>.Shared.Rent(rows * columns);
            Buffer = rented.AsSpan(0, rows * columns);
            Transpose(rowMajor, rows, columns, Buffer);
        }

        internal Span<double> Buffer { get; }

        internal void CopyBack(Span<double> rowMajor)
        {
            if (rented is not null)
            {
                Transpose(Buffer, columns, rows, rowMajor);
            }
        }

        public void Dispose()
        {
            if (rented is not null)
            {
                ArrayPool<double>.Shared.Return(rented);
            }
        }
    }
}
