using TabularOd.Compute;
using TabularOd.Data;

namespace TabularOd.Stacking;

/// <summary>
/// Ridge with α chosen by efficient leave-one-out cross-validation, as scikit-learn's
/// <c>RidgeCV(alphas, fit_intercept=True)</c> with its default <c>cv=None</c>: the same chosen α and coefficients.
/// </summary>
/// <remarks>
/// Leave-one-out for a linear smoother needs no refits: the residual with row i left out is
/// (yᵢ − ŷᵢ)/(1 − hᵢᵢ). One eigen-decomposition of the centred design (<see cref="RidgeSpectrum"/>) gives ŷ and
/// the hat diagonal h for every α, so the whole grid costs one factorisation plus two GEMMs, far less than
/// K-fold over the grid (SPEC §8). The α with the lowest mean squared leave-one-out residual wins; ties go to the
/// first in the given order. The linear algebra runs on <paramref name="backend"/> (<see cref="ComputeBackends.Default"/>
/// when null).
/// </remarks>
public sealed class RidgeCvRegressor(RidgeCvOptions options, IComputeBackend? backend = null) : IRegressor
{
    /// <summary>A regressor over SPEC §8's α grid.</summary>
    public RidgeCvRegressor()
        : this(new RidgeCvOptions())
    {
    }

    /// <inheritdoc />
    public string Name => "ridge_cv";

    /// <summary>The options as given.</summary>
    public RidgeCvOptions Options => options;

    /// <summary>Fits with equal sample weights.</summary>
    public RidgeCvFit Fit(DataMatrix x, ReadOnlySpan<double> y) => Fit(x, y, default);

    /// <summary>Fits; <paramref name="sampleWeight"/> empty means equal weights.</summary>
    public RidgeCvFit Fit(DataMatrix x, ReadOnlySpan<double> y, ReadOnlySpan<double> sampleWeight)
    {
        ArgumentNullException.ThrowIfNull(options);
        var alphas = StackingArguments.PositiveGrid(options.Alphas, nameof(RidgeCvOptions.Alphas), nameof(RidgeCvRegressor));
        StackingArguments.Regression(x, y, sampleWeight, nameof(RidgeCvRegressor));
        var design = CenteredDesign.Create(x, y, sampleWeight, weightsSumToRows: false);
        var spectrum = RidgeSpectrum.Create(backend ?? ComputeBackends.Default, design, withLeaveOneOut: true);
        var errors = spectrum.LeaveOneOutMse(alphas);
        int best = 0;
        for (int a = 1; a < alphas.Length; a++)
        {
            if (errors[a] < errors[best])
            {
                best = a;
            }
        }
        var w = spectrum.Coefficients(alphas[best]);
        return new RidgeCvFit(new LinearModel(w, design.Intercept(w)), alphas[best], alphas, errors);
    }

    IRegressionModel IRegressor.Fit(DataMatrix x, ReadOnlySpan<double> y, ReadOnlySpan<double> sampleWeight) => Fit(x, y, sampleWeight);
}
