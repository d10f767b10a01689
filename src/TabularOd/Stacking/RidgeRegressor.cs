using TabularOd.Compute;
using TabularOd.Data;

namespace TabularOd.Stacking;

/// <summary>
/// Ridge regression with an unpenalised intercept and optional sample weights, solved in closed form: the same
/// minimiser as scikit-learn's <c>Ridge(alpha, fit_intercept=True)</c>.
/// </summary>
/// <remarks>
/// Columns and target are centred on their weighted means and rows scaled by √w (<see cref="CenteredDesign"/>),
/// then w = (XᵀX + αI)⁻¹Xᵀy through one eigen-decomposition of XᵀX (<see cref="RidgeSpectrum"/>), which stays
/// well defined for more columns than rows, exactly collinear columns and constant columns (their weight is 0).
/// The GEMM and the eigen-solver run on <paramref name="backend"/> (<see cref="ComputeBackends.Default"/> when null).
/// </remarks>
public sealed class RidgeRegressor(RidgeOptions options, IComputeBackend? backend = null) : IRegressor
{
    /// <summary>A regressor with the default α.</summary>
    public RidgeRegressor()
        : this(new RidgeOptions())
    {
    }

    /// <inheritdoc />
    public string Name => "ridge";

    /// <summary>The options as given.</summary>
    public RidgeOptions Options => options;

    /// <summary>Fits with equal sample weights.</summary>
    public LinearModel Fit(DataMatrix x, ReadOnlySpan<double> y) => Fit(x, y, default);

    /// <summary>Fits; <paramref name="sampleWeight"/> empty means equal weights.</summary>
    public LinearModel Fit(DataMatrix x, ReadOnlySpan<double> y, ReadOnlySpan<double> sampleWeight)
    {
        ArgumentNullException.ThrowIfNull(options);
        StackingArguments.Positive(options.Alpha, nameof(RidgeOptions.Alpha), nameof(RidgeRegressor));
        StackingArguments.Regression(x, y, sampleWeight, nameof(RidgeRegressor));
        var design = CenteredDesign.Create(x, y, sampleWeight, weightsSumToRows: false);
        var spectrum = RidgeSpectrum.Create(backend ?? ComputeBackends.Default, design, withLeaveOneOut: false);
        var w = spectrum.Coefficients(options.Alpha);
        return new LinearModel(w, design.Intercept(w));
    }

    IRegressionModel IRegressor.Fit(DataMatrix x, ReadOnlySpan<double> y, ReadOnlySpan<double> sampleWeight) => Fit(x, y, sampleWeight);
}
