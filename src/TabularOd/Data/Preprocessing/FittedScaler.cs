using System.Collections.ObjectModel;
using System.Numerics.Tensors;

namespace TabularOd.Data.Preprocessing;

/// <summary>
/// The learned state of an <see cref="IScaler"/>: a center and a nonzero scale per column. Transforming
/// maps each value x of column j to (x − <see cref="Center"/>[j]) / <see cref="Scale"/>[j].
/// </summary>
/// <remarks>Immutable: transforming never changes the scaler or its input.</remarks>
public sealed class FittedScaler
{
    private readonly double[] _center;
    private readonly double[] _scale;

    private FittedScaler(double[] center, double[] scale)
    {
        _center = center;
        _scale = scale;
        Center = Array.AsReadOnly(center);
        Scale = Array.AsReadOnly(scale);
    }

    /// <summary>
    /// A fitted scaler from explicit centers and scales, for <see cref="IScaler"/> implementations and
    /// for scalers restored from a saved model. The values are copied.
    /// </summary>
    /// <exception cref="ArgumentException">The lengths differ, a center is not finite, or a scale is zero or not finite.</exception>
    public static FittedScaler Create(ReadOnlySpan<double> center, ReadOnlySpan<double> scale)
    {
        if (center.Length != scale.Length)
        {
            throw new ArgumentException($"There are {center.Length} centers but {scale.Length} scales; they must match.", nameof(scale));
        }
        for (int j = 0; j < center.Length; j++)
        {
            if (!double.IsFinite(center[j]))
            {
                throw new ArgumentException($"The center of column {j} is {center[j]}; it must be finite.", nameof(center));
            }
            if (!double.IsFinite(scale[j]) || scale[j] == 0)
            {
                throw new ArgumentException($"The scale of column {j} is {scale[j]}; it must be finite and nonzero.", nameof(scale));
            }
        }
        return new FittedScaler(center.ToArray(), scale.ToArray());
    }

    /// <summary>Wraps arrays the caller has already checked and gives up.</summary>
    internal static FittedScaler Wrap(double[] center, double[] scale) => new(center, scale);

    /// <summary>The value subtracted from each column.</summary>
    public ReadOnlyCollection<double> Center { get; }

    /// <summary>The value each centered column is divided by; never zero.</summary>
    public ReadOnlyCollection<double> Scale { get; }

    /// <summary>The number of columns the scaler was fitted on.</summary>
    public int Columns => _center.Length;

    /// <summary>Returns a new, rescaled matrix; <paramref name="x"/> is left untouched.</summary>
    /// <exception cref="ArgumentException"><paramref name="x"/> does not have <see cref="Columns"/> columns.</exception>
    public DataMatrix Transform(DataMatrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Columns != Columns)
        {
            throw new ArgumentException($"The scaler was fitted on {Columns} columns but the matrix has {x.Columns}.", nameof(x));
        }
        var result = new DataMatrix(x.Rows, x.Columns);
        for (int i = 0; i < x.Rows; i++)
        {
            var target = result.Row(i);
            TensorPrimitives.Subtract(x.Row(i), _center, target);
            // Divide rather than multiply by a reciprocal, so results match scikit-learn's to the last bit.
            TensorPrimitives.Divide(target, _scale, target);
        }
        return result;
    }
}
