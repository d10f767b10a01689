using TabularOd.Compute;
using TabularOd.Data;

namespace TabularOd.Stacking;

/// <summary>
/// Lasso or elastic net with α (and ρ) chosen by K-fold cross-validation over a grid, as scikit-learn's
/// <c>LassoCV</c>/<c>ElasticNetCV</c> with explicit <c>alphas</c>: same folds in, same choice and same refitted
/// coefficients out.
/// </summary>
/// <remarks>
/// For every ρ and fold, a warm-started path (<see cref="ElasticNetPath"/>) is fitted on the training rows — each
/// fold centred on its own weighted means, with its weights scaled to sum to its row count — and scored by the
/// (weighted) mean squared error on the held-out rows. Errors are averaged over folds; the lowest wins, ties to the
/// larger α (the grid is walked largest first) and then to the earlier ρ. The final model is refitted on every row
/// from zero weights. The (ρ, fold) jobs are independent and each runs sequentially, so the result does not depend
/// on how many threads run them.
/// </remarks>
public sealed class ElasticNetCvRegressor(ElasticNetCvOptions options, IComputeBackend? backend = null) : IRegressor
{
    /// <summary>SPEC §8's Lasso meta-model.</summary>
    public ElasticNetCvRegressor()
        : this(new ElasticNetCvOptions())
    {
    }

    /// <inheritdoc />
    public string Name => options.L1Ratios is [1.0] ? "lasso_cv" : "elastic_net_cv";

    /// <summary>The options as given.</summary>
    public ElasticNetCvOptions Options => options;

    /// <summary>Fits with equal sample weights and the folds the options describe.</summary>
    public ElasticNetCvFit Fit(DataMatrix x, ReadOnlySpan<double> y) => Fit(x, y, default);

    /// <summary>Fits with the folds the options describe.</summary>
    public ElasticNetCvFit Fit(DataMatrix x, ReadOnlySpan<double> y, ReadOnlySpan<double> sampleWeight)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(x);
        StackingArguments.AtLeast(options.Folds, 2, nameof(ElasticNetCvOptions.Folds), nameof(ElasticNetCvRegressor));
        if (x.Rows < options.Folds)
        {
            throw new ArgumentException($"{nameof(ElasticNetCvRegressor)} with {options.Folds} folds needs at least {options.Folds} rows. Got {x.Rows}.", nameof(x));
        }
        return Fit(x, y, sampleWeight, KFold.Split(x.Rows, options.Folds, options.Shuffle, options.Seed));
    }

    /// <summary>Fits with the given folds (for instance the ones scikit-learn used).</summary>
    public ElasticNetCvFit Fit(DataMatrix x, ReadOnlySpan<double> y, ReadOnlySpan<double> sampleWeight, FoldAssignment folds)
    {
        const string owner = nameof(ElasticNetCvRegressor);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(folds);
        var alphas = StackingArguments.PositiveGrid(options.Alphas, nameof(ElasticNetCvOptions.Alphas), owner);
        if (options.L1Ratios is null || options.L1Ratios.Count == 0)
        {
            throw new ArgumentException($"The '{nameof(ElasticNetCvOptions.L1Ratios)}' parameter of {owner} must hold at least one value.", nameof(options));
        }
        double[] ratios = [.. options.L1Ratios];
        foreach (double r in ratios)
        {
            StackingArguments.InRange(r, 0, 1, nameof(ElasticNetCvOptions.L1Ratios), owner);
        }
        StackingArguments.AtLeast(options.MaxIterations, 1, nameof(ElasticNetCvOptions.MaxIterations), owner);
        StackingArguments.Positive(options.Tolerance, nameof(ElasticNetCvOptions.Tolerance), owner);
        if (!Enum.IsDefined(options.Precompute))
        {
            throw StackingArguments.Invalid(nameof(ElasticNetCvOptions.Precompute), owner, "a defined GramMode", options.Precompute);
        }
        StackingArguments.AtLeast(options.MaxDegreeOfParallelism, 0, nameof(ElasticNetCvOptions.MaxDegreeOfParallelism), owner);
        StackingArguments.Regression(x, y, sampleWeight, owner);
        if (folds.Rows != x.Rows || folds.Count < 2)
        {
            throw new ArgumentException($"{owner} needs at least 2 folds over the {x.Rows} rows. Got {folds.Count} folds over {folds.Rows} rows.", nameof(folds));
        }
        Array.Sort(alphas);
        Array.Reverse(alphas);

        var yArray = y.ToArray();
        var weights = sampleWeight.ToArray();
        var compute = backend ?? ComputeBackends.Default;
        int k = folds.Count;
        int degree = options.MaxDegreeOfParallelism == 0 ? ComputeParallelism.DefaultDegree : options.MaxDegreeOfParallelism;
        // Each fold's centred design and Gram matrix serve every ρ.
        var prepared = new FoldProblem[k];
        ComputeParallelism.For(k, degree, f => prepared[f] = FoldProblem.Create(x, yArray, weights, folds.Train(f), folds.Test(f), options.Precompute, compute));
        var foldMse = new double[ratios.Length * k][];
        ComputeParallelism.For(foldMse.Length, degree, job =>
        {
            int r = job / k, f = job % k;
            var path = ElasticNetPath.Compute(prepared[f].Design, prepared[f].Gram, alphas, ratios[r], options.MaxIterations, options.Tolerance,
                options.ActiveSetSolve);
            foldMse[job] = prepared[f].Errors(path);
        });

        var meanMse = new double[ratios.Length][];
        double bestMse = double.PositiveInfinity;
        int bestRatio = 0, bestAlpha = 0;
        for (int r = 0; r < ratios.Length; r++)
        {
            meanMse[r] = new double[alphas.Length];
            for (int a = 0; a < alphas.Length; a++)
            {
                double sum = 0;
                for (int f = 0; f < k; f++)
                {
                    sum += foldMse[(r * k) + f][a];
                }
                meanMse[r][a] = sum / k;
                if (meanMse[r][a] < bestMse)
                {
                    (bestMse, bestRatio, bestAlpha) = (meanMse[r][a], r, a);
                }
            }
        }

        var final = new ElasticNetRegressor(new ElasticNetOptions
        {
            Alpha = alphas[bestAlpha],
            L1Ratio = ratios[bestRatio],
            MaxIterations = options.MaxIterations,
            Tolerance = options.Tolerance,
            Precompute = options.Precompute,
            ActiveSetSolve = options.ActiveSetSolve,
        }, backend).Fit(x, y, sampleWeight);
        return new ElasticNetCvFit(final, alphas[bestAlpha], ratios[bestRatio], alphas, ratios, meanMse);
    }

    /// <summary>
    /// One fold's training problem, and its held-out rows reduced to the statistics their squared error needs: with
    /// d = x − x̄ and c = y − ȳ centred on the training rows' (weighted) means, a model's prediction is d·w + ȳ, so
    /// Σ vᵢ(cᵢ − dᵢ·w)² = C − 2·w·Q + wᵀS·w with S = DᵀVD, Q = DᵀVc, C = cᵀVc (V the held-out weights). Every α and ρ
    /// then costs O(p²) instead of a pass over the held-out rows.
    /// </summary>
    private sealed record FoldProblem(CenteredDesign Design, GramSystem? Gram, HeldOutError HeldOut)
    {
        public static FoldProblem Create(DataMatrix x, double[] y, double[] weights, ReadOnlySpan<int> train, ReadOnlySpan<int> test,
            GramMode precompute, IComputeBackend compute)
        {
            var design = CenteredDesign.Create(x.SelectRows(train), Pick(y, train), weights.Length == 0 ? [] : Pick(weights, train),
                weightsSumToRows: true);
            // The managed GEMM sees it runs inside the fold loop and stays on this thread; results do not depend on it.
            var gram = GramSystem.Wanted(precompute, design) ? GramSystem.Create(compute, design) : null;

            // The held-out rows' moments about the training means are their error statistics as they stand.
            var heldOut = BlockMoments.Compute(compute, x, test, y, weights, design.XOffset, design.YOffset)
                .HeldOut(new double[x.Columns], 0.0);
            return new FoldProblem(design, gram, heldOut);
        }

        /// <summary>The (weighted) mean squared error on the held-out rows of every model of the path.</summary>
        public double[] Errors(ElasticNetPath path)
        {
            var errors = new double[path.Alphas.Count];
            for (int a = 0; a < errors.Length; a++)
            {
                errors[a] = HeldOut.Of(path.Coefficients(a));
            }
            return errors;
        }
    }

    private static double[] Pick(double[] values, ReadOnlySpan<int> rows)
    {
        var result = new double[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            result[i] = values[rows[i]];
        }
        return result;
    }

    IRegressionModel IRegressor.Fit(DataMatrix x, ReadOnlySpan<double> y, ReadOnlySpan<double> sampleWeight) => Fit(x, y, sampleWeight);
}
