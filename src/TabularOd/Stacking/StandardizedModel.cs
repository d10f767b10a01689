using TabularOd.Data;

namespace TabularOd.Stacking;

/// <summary>A model fitted on standardised columns: each row is standardised with the fitted means and scales, then predicted.</summary>
public sealed class StandardizedModel : IRegressionModel
{
    private readonly double[] _mean;
    private readonly double[] _scale;

    /// <summary>A model from column means, scales (each &gt; 0) and the model fitted on (x − mean)/scale.</summary>
    public StandardizedModel(ReadOnlySpan<double> mean, ReadOnlySpan<double> scale, IRegressionModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (mean.Length != scale.Length || mean.Length != model.Columns)
        {
            throw new ArgumentException(
                $"Means, scales and model must agree on the column count. Got {mean.Length}, {scale.Length} and {model.Columns}.", nameof(scale));
        }
        foreach (double s in scale)
        {
            if (!(s > 0 && double.IsFinite(s)))
            {
                throw new ArgumentException($"Scales must be > 0 and finite. Got {StackingArguments.Format(s)}.", nameof(scale));
            }
        }
        _mean = mean.ToArray();
        _scale = scale.ToArray();
        Model = model;
    }

    /// <summary>The column means subtracted.</summary>
    public IReadOnlyList<double> Mean => _mean;

    /// <summary>The column scales divided by.</summary>
    public IReadOnlyList<double> Scale => _scale;

    /// <summary>The model on the standardised columns.</summary>
    public IRegressionModel Model { get; }

    /// <inheritdoc />
    public int Columns => _mean.Length;

    /// <inheritdoc />
    public double[] Predict(DataMatrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Columns != _mean.Length)
        {
            throw new ArgumentException($"The model was fitted on {_mean.Length} columns. Got {x.Columns}.", nameof(x));
        }
        return Model.Predict(Transform(x, _mean, _scale));
    }

    internal static DataMatrix Transform(DataMatrix x, double[] mean, double[] scale)
    {
        var result = new DataMatrix(x.Rows, x.Columns);
        for (int i = 0; i < x.Rows; i++)
        {
            var source = x.Row(i);
            var target = result.Row(i);
            for (int j = 0; j < source.Length; j++)
            {
                target[j] = (source[j] - mean[j]) / scale[j];
            }
        }
        return result;
    }
}
