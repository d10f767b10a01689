using TabularOd.Data;

namespace TabularOd.Stacking;

/// <summary>A model fitted on winsorised columns: each row is clipped to the fitted bounds, then predicted.</summary>
public sealed class ClippedModel : IRegressionModel
{
    private readonly double[] _lower;
    private readonly double[] _upper;

    /// <summary>A model that clips column j to [<paramref name="lower"/>[j], <paramref name="upper"/>[j]] before <paramref name="model"/>.</summary>
    public ClippedModel(ReadOnlySpan<double> lower, ReadOnlySpan<double> upper, IRegressionModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        CheckBounds(lower, upper, model.Columns);
        _lower = lower.ToArray();
        _upper = upper.ToArray();
        Model = model;
    }

    /// <summary>The per-column lower bounds.</summary>
    public IReadOnlyList<double> Lower => _lower;

    /// <summary>The per-column upper bounds.</summary>
    public IReadOnlyList<double> Upper => _upper;

    /// <summary>The model on the clipped columns.</summary>
    public IRegressionModel Model { get; }

    /// <inheritdoc />
    public int Columns => _lower.Length;

    /// <inheritdoc />
    public double[] Predict(DataMatrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Columns != _lower.Length)
        {
            throw new ArgumentException($"The model was fitted on {_lower.Length} columns. Got {x.Columns}.", nameof(x));
        }
        return Model.Predict(Transform(x, _lower, _upper));
    }

    internal static void CheckBounds(ReadOnlySpan<double> lower, ReadOnlySpan<double> upper, int columns)
    {
        if (lower.Length != columns || upper.Length != columns)
        {
            throw new ArgumentException(
                $"Lower bounds, upper bounds and model must agree on the column count. Got {lower.Length}, {upper.Length} and {columns}.", nameof(upper));
        }
        for (int j = 0; j < lower.Length; j++)
        {
            if (!(double.IsFinite(lower[j]) && double.IsFinite(upper[j]) && lower[j] <= upper[j]))
            {
                throw new ArgumentException(
                    $"Clipping bounds must be finite with lower ≤ upper. Got [{StackingArguments.Format(lower[j])}, {StackingArguments.Format(upper[j])}] for column {j}.",
                    nameof(lower));
            }
        }
    }

    internal static DataMatrix Transform(DataMatrix x, IReadOnlyList<double> lower, IReadOnlyList<double> upper)
    {
        var result = new DataMatrix(x.Rows, x.Columns);
        for (int i = 0; i < x.Rows; i++)
        {
            var source = x.Row(i);
            var target = result.Row(i);
            for (int j = 0; j < source.Length; j++)
            {
                target[j] = Math.Clamp(source[j], lower[j], upper[j]);
            }
        }
        return result;
    }
}
