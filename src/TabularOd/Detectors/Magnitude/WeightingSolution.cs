using TabularOd.Data;
using TabularOd.Detectors.Persistence;

namespace TabularOd.Detectors.Magnitude;

/// <summary>
/// The weighting vector of a finite point set X ⊂ ℝᵈ at scale t — the w with Σⱼ exp(−t·‖xᵢ − xⱼ‖)·wⱼ = 1 for every
/// i — its magnitude Σᵢ wᵢ, and the weight it gives a new point: computed exactly (<see cref="WeightingVector"/>) or
/// from nearest-neighbour patches (<see cref="LocalWeightingVector"/>).
/// </summary>
/// <remarks>
/// <para>
/// Leinster, "The magnitude of metric spaces", Documenta Mathematica 18, 2013. Equal rows are merged first (Z would
/// be singular with two equal rows), so <see cref="Points"/> are distinct, in lexicographic order, and a row equal to
/// one of them has that point's weight.
/// </para>
/// <para>
/// Weights are large on the boundary of the set and near zero (possibly negative) inside it; an isolated point has
/// weight near 1.
/// </para>
/// </remarks>
public abstract class WeightingSolution
{
    private readonly DataMatrix _points;
    private readonly double[] _weights;

    private protected WeightingSolution(DataMatrix points, double scale, double[] weights, double jitter)
    {
        _points = points;
        _weights = weights;
        Scale = scale;
        Jitter = jitter;
        double magnitude = 0;
        foreach (double weight in weights)
        {
            magnitude += weight;
        }
        Magnitude = magnitude;
    }

    /// <summary>The scale t of the metric (distances are multiplied by it).</summary>
    public double Scale { get; }

    /// <summary>The number of distinct points.</summary>
    public int Count => _points.Rows;

    /// <summary>The dimension of the points.</summary>
    public int Features => _points.Columns;

    /// <summary>A copy of the distinct points, lexicographically sorted (the order of <see cref="Weights"/>).</summary>
    public DataMatrix Points => _points.Clone();

    /// <summary>The weight of each distinct point, in the order of <see cref="Points"/>.</summary>
    public ReadOnlySpan<double> Weights => _weights;

    /// <summary>The magnitude Σ wᵢ over the distinct points (for the approximation, Σ of the approximate weights).</summary>
    public double Magnitude { get; }

    /// <summary>
    /// The multiple of the identity added to Z before its Cholesky factorisation succeeded (0 when none was needed);
    /// for the approximation, the largest added to any neighbourhood. Non-zero means a regularised system was solved.
    /// </summary>
    public double Jitter { get; }

    /// <summary>The distinct points without a copy, for the types of this namespace.</summary>
    internal DataMatrix PointsView => _points;

    /// <summary>
    /// The weight of each row as a new point p: its weight in X ∪ {p} (exact) or in {p} ∪ its k nearest points of X
    /// (approximation). A row equal to a point of X has that point's weight, since X ∪ {p} = X after merging. Each
    /// row's weight depends only on the row, never on the others passed with it.
    /// </summary>
    public double[] WeightsOf(DataMatrix rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Columns != Features)
        {
            throw new ArgumentException($"The weighting vector is of points with {Features} features but the rows have {rows.Columns}.", nameof(rows));
        }
        if (rows.TryFindNonFinite(out int badRow, out int badColumn))
        {
            throw new ArgumentException($"Row {badRow}, column {badColumn} holds {rows[badRow, badColumn]}; weights need finite values.", nameof(rows));
        }
        var result = new double[rows.Rows];
        var pending = new List<int>();
        for (int i = 0; i < rows.Rows; i++)
        {
            int match = RowOrder.IndexOf(_points, rows.Row(i));
            if (match >= 0)
            {
                result[i] = _weights[match];
            }
            else
            {
                pending.Add(i);
            }
        }
        if (pending.Count > 0)
        {
            NewPointWeights(rows, pending.ToArray(), result);
        }
        return result;
    }

    /// <summary>Writes the weights of the rows listed in <paramref name="pending"/>, none of which is a point of X.</summary>
    private protected abstract void NewPointWeights(DataMatrix rows, int[] pending, double[] result);

    /// <summary>Writes what <see cref="WeightsOf"/> needs.</summary>
    internal abstract void Write(ModelWriter writer);

    /// <summary>Writes the part every solution shares: scale, jitter, points, weights.</summary>
    private protected void WriteCommon(ModelWriter writer)
    {
        writer.Write(Scale);
        writer.Write(Jitter);
        writer.Write(_points);
        writer.Write(_weights);
    }

    /// <summary>Reads what <see cref="WriteCommon"/> wrote and checks it against the expected width.</summary>
    private protected static (DataMatrix Points, double Scale, double[] Weights, double Jitter) ReadCommon(ModelReader reader, int features)
    {
        double scale = reader.ReadDouble();
        double jitter = reader.ReadDouble();
        var points = reader.ReadMatrix();
        var weights = reader.ReadDoubles();
        if (!(scale > 0 && double.IsFinite(scale)) || !(jitter >= 0 && double.IsFinite(jitter))
            || points.Columns != features || points.Rows == 0 || weights.Length != points.Rows)
        {
            throw new InvalidDataException(
                $"The stored weighting vector is inconsistent: {points.Rows}×{points.Columns} points for {features} features, {weights.Length} weights, t = {scale}, jitter = {jitter}.");
        }
        return (points, scale, weights, jitter);
    }

    /// <summary>The index of the largest value (the first on ties): the nearest point, given kernel values.</summary>
    private protected static int ArgMax(ReadOnlySpan<double> values)
    {
        int best = 0;
        for (int j = 1; j < values.Length; j++)
        {
            if (values[j] > values[best])
            {
                best = j;
            }
        }
        return best;
    }
}
