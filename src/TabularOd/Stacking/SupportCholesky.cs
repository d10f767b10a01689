using System.Numerics.Tensors;
using TabularOd.Compute;

namespace TabularOd.Stacking;

/// <summary>
/// The Cholesky factor L·Lᵀ = G_AA + shift·I of a Gram matrix restricted to a changing set A of its columns, kept up
/// to date as columns join and leave A instead of being factorised again: appending a column costs one triangular
/// solve, O(k²), and removing one a sweep of Givens rotations over the rows below it, O(k²), against O(k³) for a
/// fresh factorisation. <see cref="ActiveSetStep"/> changes its support one or two columns at a time within a descent,
/// so on 60-column designs this is what keeps its solves cheap; a support that changes wholesale is factorised afresh
/// on the compute backend (<see cref="TryFactor"/>), whose blocked kernel is faster per flop than k appends.
/// </summary>
/// <remarks>
/// Column removal: deleting row r of L leaves rows r+1… with one entry above the diagonal; rotating each adjacent
/// column pair (c, c+1), c = r…k−2, to zero that entry restores a lower-triangular factor and leaves L·Lᵀ unchanged,
/// since the rotations are orthogonal (Golub and Van Loan, Matrix Computations, §6.5.4).
/// </remarks>
internal sealed class SupportCholesky
{
    private readonly IComputeBackend _backend;
    private readonly double[] _gram;
    private readonly int _p;
    private double _shift;
    // Row-major lower factor with leading dimension p; only the leading Count×Count block is meaningful.
    private readonly double[] _factor;
    private readonly int[] _columns;
    // Scratch for fresh factorisations.
    private readonly double[] _block;

    /// <param name="backend">Runs the fresh factorisations.</param>
    /// <param name="gram">G, p×p row-major.</param>
    /// <param name="p">The number of columns of G.</param>
    /// <param name="shift">The ridge term added to the diagonal, ≥ 0.</param>
    public SupportCholesky(IComputeBackend backend, double[] gram, int p, double shift)
    {
        _backend = backend;
        _gram = gram;
        _p = p;
        _shift = shift;
        _factor = new double[p * p];
        _columns = new int[p];
        _block = new double[p * p];
    }

    /// <summary>The number of columns in the factor.</summary>
    public int Count { get; private set; }

    /// <summary>The Gram column at position <paramref name="position"/> of the factor's order.</summary>
    public int ColumnAt(int position) => _columns[position];

    /// <summary>The position of Gram column <paramref name="column"/> in the factor, or −1.</summary>
    public int PositionOf(int column) => Array.IndexOf(_columns, column, 0, Count);

    /// <summary>Empties the factor.</summary>
    public void Clear() => Count = 0;

    /// <summary>Empties the factor and sets the ridge term for the next ones.</summary>
    public void Reset(double shift)
    {
        _shift = shift;
        Count = 0;
    }

    /// <summary>
    /// Replaces the factor by a fresh one of <paramref name="columns"/> (in that order). Returns false, leaving the
    /// factor empty, when that block is not positive definite.
    /// </summary>
    public bool TryFactor(ReadOnlySpan<int> columns)
    {
        int k = columns.Length;
        var block = _block.AsSpan(0, k * k);
        for (int a = 0; a < k; a++)
        {
            var row = _gram.AsSpan(columns[a] * _p, _p);
            for (int b = 0; b < k; b++)
            {
                block[(a * k) + b] = row[columns[b]];
            }
            block[(a * k) + a] += _shift;
        }
        Count = 0;
        try
        {
            _backend.CholeskyFactor(block, k);
        }
        catch (MatrixNotPositiveDefiniteException)
        {
            return false;
        }
        for (int a = 0; a < k; a++)
        {
            block.Slice(a * k, a + 1).CopyTo(_factor.AsSpan(a * _p, a + 1));
            _columns[a] = columns[a];
        }
        Count = k;
        return true;
    }

    /// <summary>
    /// Appends Gram column <paramref name="column"/> as the last position. Returns false, leaving the factor as it
    /// was, when the column is numerically a combination of those already in (its pivot is not positive at the
    /// working precision).
    /// </summary>
    public bool TryAppend(int column)
    {
        int k = Count;
        var row = _factor.AsSpan(k * _p, k + 1);
        // Solve L·c = G[A, column] by forward substitution: c becomes the new row of L.
        for (int a = 0; a < k; a++)
        {
            double sum = _gram[(_columns[a] * _p) + column];
            sum -= TensorPrimitives.Dot(_factor.AsSpan(a * _p, a), row[..a]);
            row[a] = sum / _factor[(a * _p) + a];
        }
        double diagonal = _gram[(column * _p) + column] + _shift;
        double pivot = diagonal - TensorPrimitives.Dot(row[..k], row[..k]);
        // A pivot at rounding level of the diagonal means the column adds no direction the factor can resolve.
        if (!(pivot > 1e-12 * diagonal))
        {
            return false;
        }
        row[k] = Math.Sqrt(pivot);
        _columns[k] = column;
        Count = k + 1;
        return true;
    }

    /// <summary>Removes the column at <paramref name="position"/> of the factor's order; later ones move up by one.</summary>
    public void RemoveAt(int position)
    {
        int k = Count;
        for (int i = position + 1; i < k; i++)
        {
            _factor.AsSpan(i * _p, i + 1).CopyTo(_factor.AsSpan((i - 1) * _p, i + 1));
            _columns[i - 1] = _columns[i];
        }
        k--;
        // Rows position…k−1 now reach one column past the diagonal; rotate each column pair back into shape.
        for (int c = position; c < k; c++)
        {
            double a = _factor[(c * _p) + c], b = _factor[(c * _p) + c + 1];
            double radius = Math.Sqrt((a * a) + (b * b));
            double cos = a / radius, sin = b / radius;
            _factor[(c * _p) + c] = radius;
            _factor[(c * _p) + c + 1] = 0.0;
            for (int i = c + 1; i < k; i++)
            {
                double left = _factor[(i * _p) + c], right = _factor[(i * _p) + c + 1];
                _factor[(i * _p) + c] = (cos * left) + (sin * right);
                _factor[(i * _p) + c + 1] = (cos * right) - (sin * left);
            }
        }
        Count = k;
    }

    /// <summary>Solves (G_AA + shift·I)·x = b in place, b and x in the factor's column order.</summary>
    public void Solve(Span<double> b)
    {
        int k = Count;
        for (int a = 0; a < k; a++)
        {
            b[a] = (b[a] - TensorPrimitives.Dot(_factor.AsSpan(a * _p, a), b[..a])) / _factor[(a * _p) + a];
        }
        // Lᵀ·x = z: Lᵀ's rows are L's columns, so run over L's rows from the bottom, subtracting as each x settles.
        for (int a = k - 1; a >= 0; a--)
        {
            b[a] /= _factor[(a * _p) + a];
            double settled = b[a];
            var row = _factor.AsSpan(a * _p, a);
            TensorPrimitives.MultiplyAdd(row, -settled, b[..a], b[..a]);
        }
    }
}
