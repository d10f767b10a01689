using System.Numerics.Tensors;
using TabularOd.Data;

namespace TabularOd.Stacking;

/// <summary>
/// A fitted linear model ŷ = x·w + b: what every linear meta-model (Ridge, Lasso, ElasticNet) produces, kept apart
/// from the estimator so that predicting cannot refit or mutate anything.
/// </summary>
public sealed class LinearModel : IRegressionModel
{
    private readonly double[] _coefficients;

    /// <summary>A model with the given weights (copied) and intercept.</summary>
    public LinearModel(ReadOnlySpan<double> coefficients, double intercept)
    {
        if (coefficients.IsEmpty)
        {
            throw new ArgumentException("A linear model needs at least one coefficient.", nameof(coefficients));
        }
        _coefficients = coefficients.ToArray();
        Intercept = intercept;
    }

    /// <summary>The weights w, one per column (scikit-learn's <c>coef_</c>).</summary>
    public IReadOnlyList<double> Coefficients => _coefficients;

    /// <summary>The unpenalised offset b (scikit-learn's <c>intercept_</c>).</summary>
    public double Intercept { get; }

    /// <inheritdoc />
    public int Columns => _coefficients.Length;

    /// <summary>The prediction for one row.</summary>
    public double Predict(ReadOnlySpan<double> row)
    {
        if (row.Length != _coefficients.Length)
        {
            throw new ArgumentException($"The model was fitted on {_coefficients.Length} columns. Got a row of {row.Length}.", nameof(row));
        }
        return TensorPrimitives.Dot(row, _coefficients) + Intercept;
    }

    /// <inheritdoc />
    public double[] Predict(DataMatrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Columns != _coefficients.Length)
        {
            throw new ArgumentException($"The model was fitted on {_coefficients.Length} columns. Got {x.Columns}.", nameof(x));
        }
        // Row by row rather than one GEMV: a row's prediction must not depend on which other rows share the call.
        var result = new double[x.Rows];
        for (int i = 0; i < x.Rows; i++)
        {
            result[i] = TensorPrimitives.Dot(x.Row(i), _coefficients) + Intercept;
        }
        return result;
    }
}
