using System.Numerics.Tensors;
using TabularOd.Compute;
using TabularOd.Detectors.Persistence;

namespace TabularOd.Detectors.Linear;

/// <summary>
/// A squared Mahalanobis distance ‖W·(x − c)‖² with W = L⁻¹ lower-triangular (L·Lᵀ the covariance), or W diagonal
/// (1/σ per column) for a diagonal covariance.
/// </summary>
/// <remarks>
/// Scoring evaluates one row at a time with fixed-order dot products, so a row's value never depends on the
/// other rows in its batch (the backend's GEMM promises the same bits for any thread count, not for any batch
/// shape). Fitting loops, which always see the same rows, use the GEMM path <see cref="EvaluateMany"/>.
/// </remarks>
internal sealed class WhitenedDistance
{
    private readonly double[] _centre;
    private readonly double[] _whitener;

    private WhitenedDistance(double[] centre, double[] whitener, bool diagonal)
    {
        _centre = centre;
        _whitener = whitener;
        Diagonal = diagonal;
    }

    /// <summary>Number of features.</summary>
    public int Features => _centre.Length;

    /// <summary>Whether the covariance is diagonal (W stored as its d diagonal entries).</summary>
    public bool Diagonal { get; }

    /// <summary>The centre c.</summary>
    public ReadOnlySpan<double> Centre => _centre;

    /// <summary>log det of the covariance: −2·Σ log Wⱼⱼ.</summary>
    public double LogDeterminant
    {
        get
        {
            int d = Features;
            double sum = 0;
            for (int j = 0; j < d; j++)
            {
                sum += Math.Log(Diagonal ? _whitener[j] : _whitener[(j * d) + j]);
            }
            return -2 * sum;
        }
    }

    /// <summary>The distance for a full covariance (factorised through the backend, jittered if singular).</summary>
    public static WhitenedDistance FromCovariance(IComputeBackend backend, double[] centre, ReadOnlySpan<double> covariance)
    {
        int d = centre.Length;
        var factor = CovarianceAlgebra.Factor(backend, covariance, d);
        return new WhitenedDistance(centre, CovarianceAlgebra.LowerInverse(factor, d), diagonal: false);
    }

    /// <summary>The distance for a diagonal covariance given its (positive) variances.</summary>
    public static WhitenedDistance FromVariances(double[] centre, ReadOnlySpan<double> variances)
    {
        var inverseScale = new double[variances.Length];
        for (int j = 0; j < variances.Length; j++)
        {
            inverseScale[j] = 1.0 / Math.Sqrt(variances[j]);
        }
        return new WhitenedDistance(centre, inverseScale, diagonal: true);
    }

    /// <summary>‖W·(x − c)‖² for one row; <paramref name="scratch"/> holds at least d values.</summary>
    public double Evaluate(ReadOnlySpan<double> x, Span<double> scratch)
    {
        int d = Features;
        var diff = scratch[..d];
        TensorPrimitives.Subtract(x, _centre, diff);
        if (Diagonal)
        {
            TensorPrimitives.Multiply(diff, _whitener, diff);
            return TensorPrimitives.SumOfSquares<double>(diff);
        }
        double sum = 0;
        for (int i = 0; i < d; i++)
        {
            double y = TensorPrimitives.Dot(_whitener.AsSpan(i * d, i + 1), diff[..(i + 1)]);
            sum += y * y;
        }
        return sum;
    }

    /// <summary>‖W·(xᵢ − c)‖² for the n rows of x, through one backend GEMM (full) or a direct loop (diagonal).</summary>
    public void EvaluateMany(IComputeBackend backend, ReadOnlySpan<double> x, int n, Span<double> result)
    {
        int d = Features;
        var centred = new double[n * d];
        for (int i = 0; i < n; i++)
        {
            TensorPrimitives.Subtract(x.Slice(i * d, d), _centre, centred.AsSpan(i * d, d));
        }
        if (Diagonal)
        {
            for (int i = 0; i < n; i++)
            {
                var row = centred.AsSpan(i * d, d);
                TensorPrimitives.Multiply(row, _whitener, row);
                result[i] = TensorPrimitives.SumOfSquares<double>(row);
            }
            return;
        }
        var whitened = new double[n * d];
        backend.Gemm(MatrixTranspose.None, MatrixTranspose.Transpose, n, d, d, 1.0, centred, d, _whitener, d, 0.0, whitened, d);
        for (int i = 0; i < n; i++)
        {
            result[i] = TensorPrimitives.SumOfSquares<double>(whitened.AsSpan(i * d, d));
        }
    }

    /// <summary>Writes the centre, the kind and W.</summary>
    public void Write(ModelWriter writer)
    {
        writer.Write(Diagonal);
        writer.Write(_centre);
        writer.Write(_whitener);
    }

    /// <summary>Reads what <see cref="Write"/> wrote, checking the sizes against <paramref name="features"/>.</summary>
    public static WhitenedDistance Read(ModelReader reader, int features)
    {
        bool diagonal = reader.ReadBoolean();
        var centre = reader.ReadDoubles();
        var whitener = reader.ReadDoubles();
        if (centre.Length != features || whitener.Length != (diagonal ? features : features * features))
        {
            throw new InvalidDataException($"A stored Gaussian component does not have {features} features.");
        }
        return new WhitenedDistance(centre, whitener, diagonal);
    }
}
