using TabularOd.Compute;
using TabularOd.Data;

namespace TabularOd.Stacking;

/// <summary>
/// Elastic net (and, with ρ = 1, the Lasso) with an unpenalised intercept and optional sample weights, by cyclic
/// coordinate descent: the same objective, stopping rule and iterate sequence as scikit-learn's
/// <c>ElasticNet</c>/<c>Lasso</c> (dense, <c>precompute=False</c>, <c>selection='cyclic'</c>).
/// </summary>
/// <remarks>
/// Sample weights are first scaled to sum to n, as scikit-learn does, so that α means the same with and without
/// them; then columns and target are centred on their weighted means and rows scaled by √w
/// (<see cref="CenteredDesign"/>), which turns the weighted problem into an unweighted one without intercept.
/// Constant columns keep weight 0; of exactly collinear columns the descent, in column order, settles on one
/// solution among the equally good ones, the same one scikit-learn settles on. With
/// <see cref="ElasticNetOptions.Precompute"/> the Gram matrix is formed on <paramref name="backend"/>
/// (<see cref="ComputeBackends.Default"/> when null).
/// </remarks>
public sealed class ElasticNetRegressor(ElasticNetOptions options, IComputeBackend? backend = null) : IRegressor
{
    /// <summary>A regressor with scikit-learn's defaults (α = 1, ρ = 0.5).</summary>
    public ElasticNetRegressor()
        : this(new ElasticNetOptions())
    {
    }

    /// <inheritdoc />
    public string Name => options.L1Ratio == 1.0 ? "lasso" : "elastic_net";

    /// <summary>The options as given.</summary>
    public ElasticNetOptions Options => options;

    /// <summary>Fits with equal sample weights, starting from zero weights.</summary>
    public ElasticNetFit Fit(DataMatrix x, ReadOnlySpan<double> y) => Fit(x, y, default, default);

    /// <summary>Fits from zero weights; <paramref name="sampleWeight"/> empty means equal weights.</summary>
    public ElasticNetFit Fit(DataMatrix x, ReadOnlySpan<double> y, ReadOnlySpan<double> sampleWeight) => Fit(x, y, sampleWeight, default);

    /// <summary>
    /// Fits starting from <paramref name="initialCoefficients"/> (empty: zeros), the warm start that makes a
    /// decreasing α path cheap; the result is the same optimum to within the tolerance.
    /// </summary>
    public ElasticNetFit Fit(DataMatrix x, ReadOnlySpan<double> y, ReadOnlySpan<double> sampleWeight, ReadOnlySpan<double> initialCoefficients)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Check(nameof(ElasticNetRegressor));
        StackingArguments.Regression(x, y, sampleWeight, nameof(ElasticNetRegressor));
        if (!initialCoefficients.IsEmpty && initialCoefficients.Length != x.Columns)
        {
            throw new ArgumentException(
                $"The warm start needs one coefficient per column: {x.Columns}. Got {initialCoefficients.Length}.", nameof(initialCoefficients));
        }
        var design = CenteredDesign.Create(x, y, sampleWeight, weightsSumToRows: true);
        var w = new double[x.Columns];
        initialCoefficients.CopyTo(w);
        var gram = GramSystem.Wanted(options.Precompute, design) ? GramSystem.Create(backend ?? ComputeBackends.Default, design) : null;
        var outcome = Solve(design, gram, w, options.Alpha, options.L1Ratio, options.MaxIterations, options.Tolerance,
            options.ActiveSetSolve && gram is not null ? new ActiveSetStep(gram) : null);
        return new ElasticNetFit(new LinearModel(w, design.Intercept(w)), outcome.Iterations, outcome.DualityGap,
            outcome.ScaledTolerance, outcome.Converged);
    }

    /// <summary>
    /// scikit-learn's α scaling (l1 = n·α·ρ, l2 = n·α·(1 − ρ)) around one descent; <paramref name="activeSet"/> (built
    /// on <paramref name="gram"/>, which a path shares between its α) adds active-set steps to the Gram form.
    /// </summary>
    internal static CoordinateDescent.Outcome Solve(CenteredDesign design, GramSystem? gram, Span<double> w, double alpha, double l1Ratio,
        int maxIterations, double tolerance, ActiveSetStep? activeSet = null)
    {
        double l1 = alpha * l1Ratio * design.Rows;
        double l2 = alpha * (1.0 - l1Ratio) * design.Rows;
        return gram is null
            ? CoordinateDescent.Run(design, w, l1, l2, maxIterations, tolerance)
            : CoordinateDescent.RunGram(gram, w, l1, l2, maxIterations, tolerance, activeSet);
    }

    IRegressionModel IRegressor.Fit(DataMatrix x, ReadOnlySpan<double> y, ReadOnlySpan<double> sampleWeight) => Fit(x, y, sampleWeight);
}
