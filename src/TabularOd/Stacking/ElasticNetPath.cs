using TabularOd.Compute;
using TabularOd.Data;

namespace TabularOd.Stacking;

/// <summary>
/// Elastic-net fits along a decreasing α grid, each started from the previous solution (scikit-learn's
/// <c>enet_path</c>): with a large α most weights are zero and the descent is quick, and each smaller α starts
/// close to its own optimum, so the whole grid costs a few single fits rather than one per α.
/// </summary>
public sealed class ElasticNetPath
{
    private readonly double[][] _coefficients;
    private readonly double[] _intercepts;
    private readonly int[] _iterations;

    private ElasticNetPath(double[] alphas, double l1Ratio, double[][] coefficients, double[] intercepts, int[] iterations)
    {
        Alphas = alphas;
        L1Ratio = l1Ratio;
        _coefficients = coefficients;
        _intercepts = intercepts;
        _iterations = iterations;
    }

    /// <summary>The α values, largest first.</summary>
    public IReadOnlyList<double> Alphas { get; }

    /// <summary>The mixing ρ used along the path.</summary>
    public double L1Ratio { get; }

    /// <summary>The model at the <paramref name="index"/>-th α of <see cref="Alphas"/>.</summary>
    public LinearModel Model(int index) => new(_coefficients[index], _intercepts[index]);

    /// <summary>The weights at the <paramref name="index"/>-th α, without a copy.</summary>
    internal ReadOnlySpan<double> Coefficients(int index) => _coefficients[index];

    /// <summary>Coordinate sweeps each α took.</summary>
    public IReadOnlyList<int> Iterations => _iterations;

    /// <summary>
    /// Fits the path. <paramref name="alphas"/> may come in any order; it is sorted largest first, as scikit-learn
    /// does. Only <see cref="ElasticNetOptions.L1Ratio"/>, <see cref="ElasticNetOptions.MaxIterations"/>,
    /// <see cref="ElasticNetOptions.Tolerance"/>, <see cref="ElasticNetOptions.Precompute"/> and
    /// <see cref="ElasticNetOptions.ActiveSetSolve"/> of <paramref name="options"/> are used; the Gram matrix, if
    /// wanted, is formed once on <paramref name="backend"/> (<see cref="ComputeBackends.Default"/> when null) and shared
    /// by every α.
    /// </summary>
    public static ElasticNetPath Compute(DataMatrix x, ReadOnlySpan<double> y, ReadOnlySpan<double> sampleWeight,
        IReadOnlyList<double> alphas, ElasticNetOptions options, IComputeBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var grid = StackingArguments.PositiveGrid(alphas, nameof(alphas), nameof(ElasticNetPath));
        (options with { Alpha = grid[0] }).Check(nameof(ElasticNetPath));
        StackingArguments.Regression(x, y, sampleWeight, nameof(ElasticNetPath));
        var design = CenteredDesign.Create(x, y, sampleWeight, weightsSumToRows: true);
        var gram = GramSystem.Wanted(options.Precompute, design) ? GramSystem.Create(backend ?? ComputeBackends.Default, design) : null;
        return Compute(design, gram, grid, options.L1Ratio, options.MaxIterations, options.Tolerance, options.ActiveSetSolve);
    }

    internal static ElasticNetPath Compute(CenteredDesign design, GramSystem? gram, double[] alphas, double l1Ratio, int maxIterations, double tolerance,
        bool activeSet = false)
    {
        var descending = (double[])alphas.Clone();
        Array.Sort(descending);
        Array.Reverse(descending);
        var coefficients = new double[descending.Length][];
        var intercepts = new double[descending.Length];
        var iterations = new int[descending.Length];
        var w = new double[design.Columns];
        var step = activeSet && gram is not null ? new ActiveSetStep(gram) : null;
        for (int a = 0; a < descending.Length; a++)
        {
            iterations[a] = ElasticNetRegressor.Solve(design, gram, w, descending[a], l1Ratio, maxIterations, tolerance, step).Iterations;
            coefficients[a] = (double[])w.Clone();
            intercepts[a] = design.Intercept(w);
        }
        return new ElasticNetPath(descending, l1Ratio, coefficients, intercepts, iterations);
    }
}
