using TabularOd.Compute;
using TabularOd.Data;

namespace TabularOd.Stacking;

/// <summary>
/// SPEC §8 step 3 for one set of training rows: Ridge (α ∈ logspace(−3, 5, 50)), Lasso and ElasticNet
/// (α ∈ logspace(−5, 1, 30), ρ ∈ {0.1, 0.5, 0.7, 0.9, 0.95, 0.99, 1}), each α (and ρ) chosen by the same K-fold inner
/// cross-validation on mean squared error, then refitted on all the rows.
/// </summary>
/// <remarks>
/// <para>
/// The meta-models share everything the rows determine. The rows are read once, into the <see cref="BlockMoments"/>
/// of each inner fold (contiguous, unshuffled folds, as scikit-learn's <c>cv=3</c>); a fold's training problem is the
/// sum of the other folds' moments, its held-out error a quadratic form in its own (<see cref="HeldOutError"/>), and
/// the refit uses the sum of all of them. Ridge solves each α from one eigen-decomposition per fold; the elastic net
/// walks each ρ's warm-started α path by coordinate descent on the fold's Gram system
/// (<see cref="CoordinateDescent.RunGram(GramSystem, Span{double}, double, double, int, double, ActiveSetStep?)"/>, with <see cref="ActiveSetStep"/>s unless turned off); the Lasso is the
/// ρ = 1 path, computed once when the ElasticNet grid holds it too.
/// </para>
/// <para>
/// Conventions are scikit-learn's: Ridge minimises Σv(y − b − x·w)² + α‖w‖² (weights as given), the elastic net its
/// per-row objective with the weights rescaled to sum to the row count. Ties go to the earlier α of the Ridge grid
/// (smaller) and to the larger α, then the earlier ρ, of the sparse models, as <see cref="RidgeCvRegressor"/> and
/// <see cref="ElasticNetCvRegressor"/> do. The target is centred on its weighted mean before the moments are taken,
/// which keeps Syy − W·ȳ² from cancelling; the inputs are the pipeline's standardised columns.
/// </para>
/// </remarks>
internal sealed class LinearMetaModelSearch(IReadOnlyList<MetaModelKind> kinds, int innerFolds, bool activeSet, IComputeBackend backend)
{
    /// <summary>One meta-model's choice and refit.</summary>
    public sealed record Choice(MetaModelKind Kind, string Name, LinearModel Model, double Alpha, double L1Ratio);

    private static readonly double[] RidgeAlphas = AlphaGrid.Ridge();
    private static readonly double[] SparseAlphas = [.. AlphaGrid.Sparse().OrderDescending()];

    /// <summary>The name a meta-model's results carry.</summary>
    public static string Name(MetaModelKind kind) => kind switch
    {
        MetaModelKind.Ridge => "ridge_cv",
        MetaModelKind.Lasso => "lasso_cv",
        MetaModelKind.ElasticNet => "elastic_net_cv",
        _ => throw StackingArguments.Invalid(nameof(StackingPipelineOptions.MetaModels), nameof(StackingPipeline), "a defined meta-model kind", kind),
    };

    /// <summary>Chooses and refits every meta-model on the rows of <paramref name="x"/>; <paramref name="weights"/> empty means equal.</summary>
    public Choice[] Fit(DataMatrix x, double[] y, double[] weights)
    {
        int n = x.Rows;
        double yShift = 0, total = 0;
        for (int i = 0; i < n; i++)
        {
            double v = weights.Length == 0 ? 1.0 : weights[i];
            yShift += v * y[i];
            total += v;
        }
        yShift /= total;
        var centred = new double[n];
        for (int i = 0; i < n; i++)
        {
            centred[i] = y[i] - yShift;
        }

        var folds = KFold.Split(n, innerFolds, shuffle: false, seed: 0);
        var blocks = new BlockMoments[folds.Count];
        for (int f = 0; f < folds.Count; f++)
        {
            blocks[f] = BlockMoments.Compute(backend, x, folds.Test(f), centred, weights);
        }
        var all = BlockMoments.Sum(blocks);
        var problems = new FoldProblem[folds.Count];
        for (int f = 0; f < folds.Count; f++)
        {
            var training = BlockMoments.Sum([.. blocks.Where((_, b) => b != f)]);
            problems[f] = new FoldProblem(training, blocks[f], weights.Length != 0, backend);
        }

        // Each ρ's errors once, shared by the Lasso and the ElasticNet.
        var sparseRatios = new List<double>();
        if (kinds.Contains(MetaModelKind.ElasticNet))
        {
            sparseRatios.AddRange(AlphaGrid.L1Ratios());
        }
        if (kinds.Contains(MetaModelKind.Lasso) && !sparseRatios.Contains(1.0))
        {
            sparseRatios.Add(1.0);
        }
        var sparseErrors = sparseRatios.Select(ratio => MeanErrors(problems, SparseAlphas.Length, f => problems[f].SparsePathErrors(SparseAlphas, ratio, activeSet))).ToArray();

        var choices = new Choice[kinds.Count];
        for (int k = 0; k < kinds.Count; k++)
        {
            var kind = kinds[k];
            if (kind == MetaModelKind.Ridge)
            {
                var errors = MeanErrors(problems, RidgeAlphas.Length, f => problems[f].RidgeErrors(RidgeAlphas));
                int best = 0;
                for (int a = 1; a < errors.Length; a++)
                {
                    if (errors[a] < errors[best])
                    {
                        best = a;
                    }
                }
                choices[k] = new Choice(kind, Name(kind), RidgeRefit(all, RidgeAlphas[best], yShift), RidgeAlphas[best], 0.0);
                continue;
            }
            var ratios = kind == MetaModelKind.Lasso ? [1.0] : AlphaGrid.L1Ratios();
            double bestError = double.PositiveInfinity;
            double alpha = SparseAlphas[0], l1Ratio = ratios[0];
            foreach (double ratio in ratios)
            {
                var errors = sparseErrors[sparseRatios.IndexOf(ratio)];
                for (int a = 0; a < errors.Length; a++)
                {
                    if (errors[a] < bestError)
                    {
                        (bestError, alpha, l1Ratio) = (errors[a], SparseAlphas[a], ratio);
                    }
                }
            }
            choices[k] = new Choice(kind, Name(kind), SparseRefit(all, alpha, l1Ratio, weights.Length != 0, yShift), alpha, l1Ratio);
        }
        return choices;
    }

    private static double[] MeanErrors(FoldProblem[] problems, int count, Func<int, double[]> foldErrors)
    {
        var mean = new double[count];
        for (int f = 0; f < problems.Length; f++)
        {
            var errors = foldErrors(f);
            for (int a = 0; a < count; a++)
            {
                mean[a] += errors[a];
            }
        }
        for (int a = 0; a < count; a++)
        {
            mean[a] /= problems.Length;
        }
        return mean;
    }

    private LinearModel RidgeRefit(BlockMoments all, double alpha, double yShift)
    {
        var (system, xMean, yMean) = all.Centered(backend, 1.0);
        var w = RidgeEigen.Create(backend, system).Coefficients(alpha);
        return new LinearModel(w, Intercept(w, xMean, yMean + yShift));
    }

    private LinearModel SparseRefit(BlockMoments all, double alpha, double l1Ratio, bool weighted, double yShift)
    {
        var (system, xMean, yMean) = all.Centered(backend, weighted ? all.Rows / all.Weight : 1.0);
        var w = new double[system.Columns];
        CoordinateDescent.RunGram(system, w, alpha * l1Ratio * all.Rows, alpha * (1 - l1Ratio) * all.Rows,
            ElasticNetOptions.StackingMaxIterations, ElasticNetOptions.DefaultTolerance, activeSet);
        return new LinearModel(w, Intercept(w, xMean, yMean + yShift));
    }

    private static double Intercept(ReadOnlySpan<double> w, double[] xMean, double yMean)
    {
        double dot = 0;
        for (int j = 0; j < w.Length; j++)
        {
            dot += xMean[j] * w[j];
        }
        return yMean - dot;
    }

    /// <summary>One inner fold: the training problem (for Ridge and, rescaled, for the elastic net) and the held-out error.</summary>
    private sealed class FoldProblem
    {
        private readonly GramSystem _ridge;
        private readonly GramSystem _sparse;
        private readonly int _rows;
        private readonly IComputeBackend _backend;
        private readonly HeldOutError _heldOut;

        public FoldProblem(BlockMoments training, BlockMoments heldOut, bool weighted, IComputeBackend backend)
        {
            var (system, xMean, yMean) = training.Centered(backend, 1.0);
            _ridge = system;
            // The elastic net takes the weights as summing to the row count; without weights that is the same system.
            _sparse = weighted ? training.Centered(backend, training.Rows / training.Weight).System : system;
            _rows = training.Rows;
            _backend = backend;
            _heldOut = heldOut.HeldOut(xMean, yMean);
        }

        public double[] RidgeErrors(double[] alphas)
        {
            var ridge = RidgeEigen.Create(_backend, _ridge);
            return [.. alphas.Select(alpha => _heldOut.Of(ridge.Coefficients(alpha)))];
        }

        public double[] SparsePathErrors(double[] descendingAlphas, double l1Ratio, bool activeSet)
        {
            var w = new double[_sparse.Columns];
            var errors = new double[descendingAlphas.Length];
            // One step for the whole path: a Lasso path (l2 = 0 at every α) keeps its factor from α to α.
            var step = activeSet ? new ActiveSetStep(_sparse) : null;
            for (int a = 0; a < descendingAlphas.Length; a++)
            {
                double alpha = descendingAlphas[a];
                CoordinateDescent.RunGram(_sparse, w, alpha * l1Ratio * _rows, alpha * (1 - l1Ratio) * _rows,
                    ElasticNetOptions.StackingMaxIterations, ElasticNetOptions.DefaultTolerance, step);
                errors[a] = _heldOut.Of(w);
            }
            return errors;
        }
    }
}
