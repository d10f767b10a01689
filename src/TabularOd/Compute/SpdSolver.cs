namespace TabularOd.Compute;

/// <summary>
/// Solves and inverts symmetric positive (semi)definite systems through any backend's Cholesky kernels, adding a
/// small multiple of the identity when the matrix is singular or slightly indefinite in floating point, as the
/// kernel matrices of the weighting vector and of kernel mean matching often are (duplicate rows, points
/// closer than the kernel width resolves).
/// </summary>
/// <remarks>
/// Every method leaves the caller's matrix untouched, reads only its lower triangle, and returns the jitter
/// actually added (0 when the plain factorisation succeeded) so that a caller can report that it solved a
/// regularised system. The retry schedule is <see cref="SpdSolverOptions"/>.
/// </remarks>
public static class SpdSolver
{
    /// <summary>
    /// Writes the Cholesky factor L of A (+ jitter·I when needed) into <paramref name="factor"/> (n×n, lower
    /// triangle L, strict upper zero) and returns the jitter used.
    /// </summary>
    /// <param name="backend">The backend whose Cholesky factorisation is used.</param>
    /// <param name="a">The symmetric n×n matrix, row-major; only its lower triangle is read. Must be finite.</param>
    /// <param name="n">The order of A.</param>
    /// <param name="factor">Receives L (n×n).</param>
    /// <param name="options">The retry schedule; <see cref="SpdSolverOptions.Default"/> when null.</param>
    /// <exception cref="MatrixNotPositiveDefiniteException">The last retry failed too; the message names its jitter.</exception>
    public static double Factor(IComputeBackend backend, ReadOnlySpan<double> a, int n, Span<double> factor,
        SpdSolverOptions? options = null)
    {
        const string method = "SpdSolver.Factor";
        ArgumentNullException.ThrowIfNull(backend);
        options = CheckOptions(options, method);
        ComputeArguments.CheckNonNegative(n, nameof(n), method);
        ComputeArguments.CheckDenseMatrix(a, n, n, nameof(a), method);
        ComputeArguments.CheckDenseMatrix<double>(factor, n, n, nameof(factor), method);
        CheckFiniteLowerTriangle(a, n, method);
        return FactorWithRetry(backend, a, n, factor, options);
    }

    /// <summary>
    /// Solves A·X = B in place of B (n×<paramref name="nrhs"/>, row-major) and returns the jitter added to A's
    /// diagonal (0 when none), i.e. X solves (A + jitter·I)·X = B.
    /// </summary>
    /// <param name="backend">The backend whose Cholesky factorisation and solve are used.</param>
    /// <param name="a">The symmetric n×n matrix, row-major; only its lower triangle is read. Must be finite.</param>
    /// <param name="n">The order of A.</param>
    /// <param name="b">The right-hand sides on entry, the solutions on return.</param>
    /// <param name="nrhs">The number of right-hand sides (columns of B).</param>
    /// <param name="options">The retry schedule; <see cref="SpdSolverOptions.Default"/> when null.</param>
    /// <exception cref="MatrixNotPositiveDefiniteException">The last retry failed too; the message names its jitter.</exception>
    public static double Solve(IComputeBackend backend, ReadOnlySpan<double> a, int n, Span<double> b, int nrhs,
        SpdSolverOptions? options = null)
    {
        const string method = "SpdSolver.Solve";
        ArgumentNullException.ThrowIfNull(backend);
        options = CheckOptions(options, method);
        ComputeArguments.CheckNonNegative(n, nameof(n), method);
        ComputeArguments.CheckNonNegative(nrhs, nameof(nrhs), method);
        ComputeArguments.CheckDenseMatrix(a, n, n, nameof(a), method);
        ComputeArguments.CheckDenseMatrix<double>(b, n, nrhs, nameof(b), method);
        CheckFiniteLowerTriangle(a, n, method);
        double[] factor = GC.AllocateUninitializedArray<double>(n * n);
        double jitter = FactorWithRetry(backend, a, n, factor, options);
        backend.CholeskySolve(factor, n, b, nrhs);
        return jitter;
    }

    /// <summary>
    /// Writes (A + jitter·I)⁻¹, full and exactly symmetric, into <paramref name="inverse"/> (n×n) and returns the
    /// jitter (0 when none was needed).
    /// </summary>
    /// <param name="backend">The backend whose Cholesky factorisation and inverse are used.</param>
    /// <param name="a">The symmetric n×n matrix, row-major; only its lower triangle is read. Must be finite.</param>
    /// <param name="n">The order of A.</param>
    /// <param name="inverse">Receives the inverse (n×n).</param>
    /// <param name="options">The retry schedule; <see cref="SpdSolverOptions.Default"/> when null.</param>
    /// <exception cref="MatrixNotPositiveDefiniteException">The last retry failed too; the message names its jitter.</exception>
    public static double Inverse(IComputeBackend backend, ReadOnlySpan<double> a, int n, Span<double> inverse,
        SpdSolverOptions? options = null)
    {
        const string method = "SpdSolver.Inverse";
        ArgumentNullException.ThrowIfNull(backend);
        options = CheckOptions(options, method);
        ComputeArguments.CheckNonNegative(n, nameof(n), method);
        ComputeArguments.CheckDenseMatrix(a, n, n, nameof(a), method);
        ComputeArguments.CheckDenseMatrix<double>(inverse, n, n, nameof(inverse), method);
        CheckFiniteLowerTriangle(a, n, method);
        // A separate factor: backends need not support factor and inverse sharing storage.
        double[] factor = GC.AllocateUninitializedArray<double>(n * n);
        double jitter = FactorWithRetry(backend, a, n, factor, options);
        backend.CholeskyInverse(factor, n, inverse);
        return jitter;
    }

    private static double FactorWithRetry(IComputeBackend backend, ReadOnlySpan<double> a, int n, Span<double> factor,
        SpdSolverOptions options)
    {
        a.CopyTo(factor);
        if (options.MaxRetries == 0)
        {
            backend.CholeskyFactor(factor, n);
            return 0.0;
        }
        MatrixNotPositiveDefiniteException failure;
        try
        {
            backend.CholeskyFactor(factor, n);
            return 0.0;
        }
        catch (MatrixNotPositiveDefiniteException e)
        {
            failure = e;
        }
        double jitter = options.InitialJitter;
        for (int retry = 1; retry <= options.MaxRetries; retry++)
        {
            a.CopyTo(factor);
            for (int i = 0; i < n; i++)
            {
                factor[i * n + i] += jitter;
            }
            try
            {
                backend.CholeskyFactor(factor, n);
                return jitter;
            }
            catch (MatrixNotPositiveDefiniteException e)
            {
                failure = e;
            }
            if (retry < options.MaxRetries)
            {
                jitter *= options.JitterGrowth;
            }
        }
        throw new MatrixNotPositiveDefiniteException(failure.Column, n, jitter, failure);
    }

    private static SpdSolverOptions CheckOptions(SpdSolverOptions? options, string method)
    {
        options ??= SpdSolverOptions.Default;
        if (!(options.InitialJitter > 0 && double.IsFinite(options.InitialJitter)))
        {
            throw new ArgumentOutOfRangeException(nameof(options),
                $"The 'InitialJitter' parameter of {method} must be positive and finite. Got {options.InitialJitter}.");
        }
        if (!(options.JitterGrowth >= 1 && double.IsFinite(options.JitterGrowth)))
        {
            throw new ArgumentOutOfRangeException(nameof(options),
                $"The 'JitterGrowth' parameter of {method} must be ≥ 1 and finite. Got {options.JitterGrowth}.");
        }
        if (options.MaxRetries < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options),
                $"The 'MaxRetries' parameter of {method} must be ≥ 0. Got {options.MaxRetries}.");
        }
        return options;
    }

    // Jitter cannot repair NaN or infinity, and a backend would report it as a failed pivot somewhere later
    // after several wasted factorisations; say what is wrong instead.
    private static void CheckFiniteLowerTriangle(ReadOnlySpan<double> a, int n, string method)
    {
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<double> row = a.Slice(i * n, i + 1);
            for (int j = 0; j <= i; j++)
            {
                if (!double.IsFinite(row[j]))
                {
                    throw new ArgumentException(
                        $"The 'a' parameter of {method} must be finite. Got {row[j]} at row {i}, column {j}.", nameof(a));
                }
            }
        }
    }
}
