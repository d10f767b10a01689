using TabularOd.Compute;
using TabularOd.Data;

namespace TabularOd.Stacking;

/// <summary>
/// The weighted sums of one block of rows that every linear least-squares quantity of a cross-validation is made of:
/// W = Σv, Sx = Σv·x, Sy = Σv·y, Sxx = Σv·xxᵀ, Sxy = Σv·x·y, Syy = Σv·y² (v the sample weights, 1 when none).
/// </summary>
/// <remarks>
/// With the rows split into K blocks (the inner folds), a fold's training problem is the sum of the other blocks'
/// moments and its held-out error is a quadratic form in its own block's moments, so each row is read once per
/// cross-validation however many folds, α and ρ there are (<see cref="LinearMetaModelSearch"/>). The target should be
/// centred near zero first, so that Syy − W·ȳ² does not cancel.
/// </remarks>
internal sealed class BlockMoments
{
    private BlockMoments(int rows, double weight, double[] sx, double sy, double[] sxx, double[] sxy, double syy)
    {
        Rows = rows;
        Weight = weight;
        Sx = sx;
        Sy = sy;
        Sxx = sxx;
        Sxy = sxy;
        Syy = syy;
    }

    public int Rows { get; }

    public double Weight { get; }

    public double[] Sx { get; }

    public double Sy { get; }

    /// <summary>Σv·xxᵀ, row-major p×p.</summary>
    public double[] Sxx { get; }

    public double[] Sxy { get; }

    public double Syy { get; }

    /// <summary>
    /// The moments of <paramref name="rows"/> of <paramref name="x"/>; <paramref name="weights"/> empty means 1. With
    /// <paramref name="xCentre"/>, the moments of x − xCentre and y − <paramref name="yCentre"/>: taken about a model's
    /// training means, they are its held-out statistics directly (<see cref="HeldOut"/> with zero means), without the
    /// cancellation of re-centring raw sums when the columns sit far from zero.
    /// </summary>
    public static BlockMoments Compute(IComputeBackend backend, DataMatrix x, ReadOnlySpan<int> rows, double[] y, double[] weights,
        double[]? xCentre = null, double yCentre = 0.0)
    {
        int n = rows.Length, p = x.Columns;
        // Unweighted, uncentred contiguous rows (unshuffled folds) are read in place; otherwise a √v-scaled (centred)
        // copy is made, so that Sxx is one GEMM, (√v·X)ᵀ(√v·X), either way.
        bool inPlace = weights.Length == 0 && xCentre is null && n > 0 && rows[n - 1] - rows[0] == n - 1;
        var scaled = inPlace ? [] : new double[n * p];
        var sx = new double[p];
        var sxy = new double[p];
        double weight = 0, sy = 0, syy = 0;
        for (int i = 0; i < n; i++)
        {
            var source = x.Row(rows[i]);
            double v = weights.Length == 0 ? 1.0 : weights[rows[i]];
            double root = Math.Sqrt(v), target = y[rows[i]] - yCentre;
            var destination = inPlace ? default : scaled.AsSpan(i * p, p);
            for (int j = 0; j < p; j++)
            {
                double value = xCentre is null ? source[j] : source[j] - xCentre[j];
                if (!inPlace)
                {
                    destination[j] = root * value;
                }
                sx[j] += v * value;
                sxy[j] += v * value * target;
            }
            weight += v;
            sy += v * target;
            syy += v * target * target;
        }
        var sxx = new double[p * p];
        ReadOnlySpan<double> block = inPlace ? x.AsSpan().Slice(rows[0] * p, n * p) : scaled;
        backend.Gemm(MatrixTranspose.Transpose, MatrixTranspose.None, p, p, n, 1.0, block, p, block, p, 0.0, sxx, p);
        return new BlockMoments(n, weight, sx, sy, sxx, sxy, syy);
    }

    /// <summary>The moments of the union of <paramref name="blocks"/>, added in the order given.</summary>
    public static BlockMoments Sum(IReadOnlyList<BlockMoments> blocks)
    {
        var first = blocks[0];
        var sx = (double[])first.Sx.Clone();
        var sxx = (double[])first.Sxx.Clone();
        var sxy = (double[])first.Sxy.Clone();
        int rows = first.Rows;
        double weight = first.Weight, sy = first.Sy, syy = first.Syy;
        for (int b = 1; b < blocks.Count; b++)
        {
            var block = blocks[b];
            Add(sx, block.Sx);
            Add(sxx, block.Sxx);
            Add(sxy, block.Sxy);
            rows += block.Rows;
            weight += block.Weight;
            sy += block.Sy;
            syy += block.Syy;
        }
        return new BlockMoments(rows, weight, sx, sy, sxx, sxy, syy);
    }

    /// <summary>
    /// The centred least-squares problem of these rows: G = Σv(x − x̄)(x − x̄)ᵀ, q = Σv(x − x̄)(y − ȳ) and
    /// ‖y − ȳ‖²_v, each times <paramref name="scale"/> (n/W where the weights are taken to sum to the row count, as
    /// the elastic net does; 1 for ridge), with the weighted means x̄ and ȳ.
    /// </summary>
    public (GramSystem System, double[] XMean, double YMean) Centered(IComputeBackend backend, double scale)
    {
        int p = Sx.Length;
        var xMean = new double[p];
        for (int j = 0; j < p; j++)
        {
            xMean[j] = Sx[j] / Weight;
        }
        double yMean = Sy / Weight;
        var gram = new double[p * p];
        var xty = new double[p];
        for (int j = 0; j < p; j++)
        {
            for (int k = 0; k < p; k++)
            {
                gram[(j * p) + k] = scale * (Sxx[(j * p) + k] - (Weight * xMean[j] * xMean[k]));
            }
            xty[j] = scale * (Sxy[j] - (Weight * xMean[j] * yMean));
        }
        double norm2 = scale * Math.Max(0.0, Syy - (Weight * yMean * yMean));
        return (GramSystem.Of(backend, p, gram, xty, norm2), xMean, yMean);
    }

    /// <summary>
    /// This block's rows as held-out rows of a model fitted elsewhere with means <paramref name="xMean"/>,
    /// <paramref name="yMean"/>: with d = x − x̄ and c = y − ȳ, the weighted squared error of weights w is
    /// C − 2·w·Q + wᵀS·w, where S = Σv·ddᵀ, Q = Σv·d·c and C = Σv·c².
    /// </summary>
    public HeldOutError HeldOut(double[] xMean, double yMean)
    {
        int p = Sx.Length;
        var s = new double[p * p];
        var q = new double[p];
        for (int j = 0; j < p; j++)
        {
            for (int k = 0; k < p; k++)
            {
                s[(j * p) + k] = Sxx[(j * p) + k] - (xMean[j] * Sx[k]) - (Sx[j] * xMean[k]) + (Weight * xMean[j] * xMean[k]);
            }
            q[j] = Sxy[j] - (xMean[j] * Sy) - (Sx[j] * yMean) + (Weight * xMean[j] * yMean);
        }
        double c = Syy - (2 * yMean * Sy) + (Weight * yMean * yMean);
        return new HeldOutError(s, q, c, Weight);
    }

    private static void Add(double[] sum, double[] values)
    {
        for (int i = 0; i < sum.Length; i++)
        {
            sum[i] += values[i];
        }
    }
}
