using TabularOd.Compute;

namespace TabularOd.Stacking;

/// <summary>
/// One eigen-decomposition of the centred design, from which the Ridge solution for any α, and the leave-one-out
/// error for a whole α grid (two GEMMs), follow: the reason a 50-value grid costs little more than a single fit.
/// </summary>
/// <remarks>
/// <para>
/// With at least as many rows as columns the p×p Gram matrix XᵀX = V·diag(λ)·Vᵀ is decomposed (primal form); with
/// more columns than rows the n×n kernel matrix XXᵀ = Q·diag(μ)·Qᵀ (dual form), as scikit-learn's
/// <c>_RidgeGCV</c> switches between its modes. Either way the factorisation costs O(n·p·min(n, p)), one GEMM the
/// backend runs at full speed, and memory stays O(min(n, p)²) beside the data.
/// </para>
/// <para>
/// Primal: with z = Vᵀ·Xᵀy, w(α) = V·diag(1/(λ + α))·z, ŷ = (XV)·diag(1/(λ + α))·z and the hat diagonal, the
/// unpenalised intercept included, hᵢᵢ = wᵢ/Σw + Σₖ (XV)ᵢₖ²/(λₖ + α). Dual: with t = diag(1/(μ + α))·Qᵀy,
/// w(α) = Xᵀ·Q·t, and the residual y − ŷ = α·Q·t and 1 − hᵢᵢ = Σₖ Qᵢₖ²·α/(μₖ + α) − wᵢ/Σw are formed directly,
/// without subtracting two nearly equal numbers when the fit nearly interpolates. The leave-one-out residual is
/// (yᵢ − ŷᵢ)/(1 − hᵢᵢ) on the rescaled problem, √wᵢ times the residual on the original scale, which is what
/// <c>RidgeCV</c> averages.
/// </para>
/// <para>
/// Accuracy: a small eigenvalue of a Gram matrix carries an absolute error of about ε·λ_max, harmless here because
/// every eigenvalue only appears as λ + α with α &gt; 0. Eigenvalues that rounding pushes below zero (exactly
/// collinear or constant columns) are set to zero: they are directions the data does not span.
/// </para>
/// </remarks>
internal sealed class RidgeSpectrum
{
    private readonly IComputeBackend _backend;
    private readonly CenteredDesign _design;
    private readonly bool _dual;
    private readonly double[] _eigenvalues;
    private readonly double[] _eigenvectors;
    private readonly double[] _rotatedTarget;
    private readonly double[] _scores;
    private readonly double[] _squaredScores;
    private readonly double _weightSum;

    private RidgeSpectrum(IComputeBackend backend, CenteredDesign design, bool dual, double[] eigenvalues, double[] eigenvectors,
        double[] rotatedTarget, double[] scores, double[] squaredScores)
    {
        _backend = backend;
        _design = design;
        _dual = dual;
        _eigenvalues = eigenvalues;
        _eigenvectors = eigenvectors;
        _rotatedTarget = rotatedTarget;
        _scores = scores;
        _squaredScores = squaredScores;
        foreach (double w in design.Weights)
        {
            _weightSum += w;
        }
    }

    /// <summary>Decomposes; <paramref name="withLeaveOneOut"/> also keeps what the leave-one-out error needs.</summary>
    public static RidgeSpectrum Create(IComputeBackend backend, CenteredDesign design, bool withLeaveOneOut)
    {
        int n = design.Rows, p = design.Columns;
        bool dual = p > n;
        int k = dual ? n : p;
        // The column-major design read row-major is A = Xᵀ (p×n): Gram XᵀX = A·Aᵀ, kernel XXᵀ = Aᵀ·A.
        var matrix = new double[k * k];
        if (dual)
        {
            backend.Gemm(MatrixTranspose.Transpose, MatrixTranspose.None, n, n, p, 1.0, design.Design, n, design.Design, n, 0.0, matrix, n);
        }
        else
        {
            backend.Gemm(MatrixTranspose.None, MatrixTranspose.Transpose, p, p, n, 1.0, design.Design, n, design.Design, n, 0.0, matrix, p);
        }
        var eigenvalues = new double[k];
        var eigenvectors = new double[k * k];
        backend.SymmetricEigen(matrix, k, eigenvalues, eigenvectors);
        for (int i = 0; i < k; i++)
        {
            eigenvalues[i] = Math.Max(eigenvalues[i], 0.0);
        }

        var rotated = new double[k];
        double[] scores = [], squared = [];
        if (dual)
        {
            // Qᵀy.
            backend.Gemm(MatrixTranspose.Transpose, MatrixTranspose.None, n, 1, n, 1.0, eigenvectors, n, design.Target, 1, 0.0, rotated, 1);
            if (withLeaveOneOut)
            {
                squared = Square(eigenvectors);
            }
        }
        else
        {
            // Vᵀ·Xᵀy.
            var xty = new double[p];
            backend.Gemm(MatrixTranspose.None, MatrixTranspose.None, p, 1, n, 1.0, design.Design, n, design.Target, 1, 0.0, xty, 1);
            backend.Gemm(MatrixTranspose.Transpose, MatrixTranspose.None, p, 1, p, 1.0, eigenvectors, p, xty, 1, 0.0, rotated, 1);
            if (withLeaveOneOut)
            {
                // XV = Aᵀ·V, n×p.
                scores = new double[n * p];
                backend.Gemm(MatrixTranspose.Transpose, MatrixTranspose.None, n, p, p, 1.0, design.Design, n, eigenvectors, p, 0.0, scores, p);
                squared = Square(scores);
            }
        }
        return new RidgeSpectrum(backend, design, dual, eigenvalues, eigenvectors, rotated, scores, squared);
    }

    /// <summary>The Ridge weights on the original columns for penalty <paramref name="alpha"/>.</summary>
    public double[] Coefficients(double alpha)
    {
        int n = _design.Rows, p = _design.Columns, k = _eigenvalues.Length;
        var shrunk = Shrink(alpha);
        var w = new double[p];
        if (_dual)
        {
            var dual = new double[n];
            _backend.Gemm(MatrixTranspose.None, MatrixTranspose.None, n, 1, n, 1.0, _eigenvectors, n, shrunk, 1, 0.0, dual, 1);
            _backend.Gemm(MatrixTranspose.None, MatrixTranspose.None, p, 1, n, 1.0, _design.Design, n, dual, 1, 0.0, w, 1);
        }
        else
        {
            _backend.Gemm(MatrixTranspose.None, MatrixTranspose.None, p, 1, k, 1.0, _eigenvectors, p, shrunk, 1, 0.0, w, 1);
        }
        return w;
    }

    /// <summary>
    /// Per α of <paramref name="alphas"/>, the mean over rows of the squared leave-one-out residual on the rescaled
    /// problem: scikit-learn's <c>RidgeCV</c> score (negated).
    /// </summary>
    /// <remarks>
    /// The whole grid is two GEMMs, not two matrix-vector products per α: the fitted values (or residuals) for every
    /// α are (XV)·S with S's column a the shrunk coefficients of α, and the leverages are (XV)²·F with F's column a
    /// the shrinkage factors. One pass over the n×k scores for the whole grid instead of one per α, which on a
    /// memory-bound machine is the difference between seconds and tens of milliseconds on 100 000 rows.
    /// </remarks>
    public double[] LeaveOneOutMse(IReadOnlyList<double> alphas)
    {
        if (_squaredScores.Length == 0)
        {
            throw new InvalidOperationException("The spectrum was built without leave-one-out support.");
        }
        int n = _design.Rows, k = _eigenvalues.Length, count = alphas.Count;
        var shrunk = new double[k * count];
        var factor = new double[k * count];
        for (int a = 0; a < count; a++)
        {
            double alpha = alphas[a];
            for (int i = 0; i < k; i++)
            {
                shrunk[(i * count) + a] = _rotatedTarget[i] / (_eigenvalues[i] + alpha) * (_dual ? alpha : 1.0);
                factor[(i * count) + a] = (_dual ? alpha : 1.0) / (_eigenvalues[i] + alpha);
            }
        }
        // Dual: Q·(α·t) is the residual and Q²·(α/(μ + α)) is 1 − h without the intercept's share.
        // Primal: (XV)·t is the fitted value and (XV)²·(1/(λ + α)) is h without the intercept's share.
        var first = new double[n * count];
        var second = new double[n * count];
        var left = _dual ? _eigenvectors : _scores;
        _backend.Gemm(MatrixTranspose.None, MatrixTranspose.None, n, count, k, 1.0, left, k, shrunk, count, 0.0, first, count);
        _backend.Gemm(MatrixTranspose.None, MatrixTranspose.None, n, count, k, 1.0, _squaredScores, k, factor, count, 0.0, second, count);

        var sums = new double[count];
        for (int i = 0; i < n; i++)
        {
            double intercept = _design.Weights[i] / _weightSum;
            for (int a = 0; a < count; a++)
            {
                double residual, complement;
                if (_dual)
                {
                    residual = first[(i * count) + a];
                    complement = second[(i * count) + a] - intercept;
                }
                else
                {
                    residual = _design.Target[i] - first[(i * count) + a];
                    complement = 1.0 - (intercept + second[(i * count) + a]);
                }
                double e = residual / complement;
                sums[a] += e * e;
            }
        }
        for (int a = 0; a < count; a++)
        {
            sums[a] /= n;
        }
        return sums;
    }

    private double[] Shrink(double alpha)
    {
        var shrunk = new double[_rotatedTarget.Length];
        for (int i = 0; i < shrunk.Length; i++)
        {
            shrunk[i] = _rotatedTarget[i] / (_eigenvalues[i] + alpha);
        }
        return shrunk;
    }

    private static double[] Square(double[] values)
    {
        var squared = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            squared[i] = values[i] * values[i];
        }
        return squared;
    }
}
