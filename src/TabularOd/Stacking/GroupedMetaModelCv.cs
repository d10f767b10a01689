using TabularOd.Compute;
using TabularOd.Data;

namespace TabularOd.Stacking;

/// <summary>
/// A Ridge, Lasso or ElasticNet meta-model whose penalty is chosen by cross-validation on folds that keep groups
/// whole (<see cref="GroupedKFold"/>), scored by the mean per-group AUROC or by RMSE: the meta-learner of
/// outlier-score stacking, where the rows are the test rows of many datasets and a penalty must be judged on datasets
/// the fit has not seen.
/// </summary>
/// <remarks>
/// <para>
/// Per fold, the columns are standardised on the training rows (weighted means and standard deviations, ddof 0; a
/// constant column is only centred, as in <see cref="StandardizedRegressor"/>), centred and rescaled by √w with the
/// weights scaled to sum to the row count (<see cref="CenteredDesign"/>), and the whole grid is fitted from one
/// factorisation: Ridge from one eigen-decomposition (<see cref="RidgeSpectrum"/>), Lasso and ElasticNet along a
/// warm-started path per ρ over one shared Gram matrix (<see cref="ElasticNetPath"/>). Every penalty's model then
/// predicts the held-out rows, and the criterion accumulates over folds: each held-out group's AUROC counts once in
/// the mean, or each held-out row's weighted squared error in the RMSE.
/// </para>
/// <para>
/// Penalties are per unit of sample weight: Ridge minimises (1/Σw)·Σ wᵢrᵢ² + α‖β‖² and ElasticNet
/// (1/(2Σw))·Σ wᵢrᵢ² + αρ‖β‖₁ + α(1 − ρ)/2·‖β‖² on the standardised columns. Weighting rows by 1/n of their dataset
/// makes Σw the number of datasets rather than of rows, and a sum-form penalty would change its meaning with the
/// weighting; a per-unit penalty does not.
/// </para>
/// <para>
/// The best score wins; a tie (within a relative 1e-12) goes to the earlier ρ and then the larger α, the more
/// regularised model. The chosen penalty is refitted on every row (ElasticNet warm-started down the grid to it), and
/// the standardisation folded into the weights. Folds run one after another; within a fold the penalties are scored
/// in parallel, each on one thread, and combined in grid order, so the result does not depend on the thread count.
/// </para>
/// </remarks>
public sealed class GroupedMetaModelCv(GroupedMetaModelCvOptions options, IComputeBackend? backend = null)
{
    private const double RelativeTieTolerance = 1e-12;

    /// <summary>A Ridge meta-model with AUROC as the criterion.</summary>
    public GroupedMetaModelCv()
        : this(new GroupedMetaModelCvOptions())
    {
    }

    /// <summary>The options as given.</summary>
    public GroupedMetaModelCvOptions Options => options;

    /// <summary>
    /// Fits on the rows of <paramref name="x"/> against <paramref name="y"/> (0/1 when the criterion is AUROC), with
    /// <paramref name="sampleWeight"/> (empty for equal weights), the group of every row, and folds that keep every
    /// group whole.
    /// </summary>
    public GroupedMetaModelCvFit Fit(DataMatrix x, ReadOnlySpan<double> y, ReadOnlySpan<double> sampleWeight, ReadOnlySpan<int> groupOfRow,
        FoldAssignment folds)
    {
        const string owner = nameof(GroupedMetaModelCv);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(folds);
        options.Check(owner);
        StackingArguments.Regression(x, y, sampleWeight, owner);
        if (groupOfRow.Length != x.Rows)
        {
            throw new ArgumentException($"{owner} needs one group id per row: {x.Rows} rows. Got {groupOfRow.Length}.", nameof(groupOfRow));
        }
        if (folds.Rows != x.Rows || folds.Count < 2)
        {
            throw new ArgumentException($"{owner} needs at least 2 folds over the {x.Rows} rows. Got {folds.Count} folds over {folds.Rows} rows.", nameof(folds));
        }
        if (!GroupedKFold.KeepsGroupsWhole(folds, groupOfRow))
        {
            throw new ArgumentException($"{owner} needs folds that keep every group whole; these split a group across folds.", nameof(folds));
        }
        var alphas = options.ResolvedAlphas(owner);
        Array.Sort(alphas);
        Array.Reverse(alphas);
        var ratios = options.ResolvedL1Ratios(owner);
        bool auroc = options.Criterion == MetaModelCriterion.Auroc;
        int[] labels = auroc ? Labels(y, owner) : [];

        int n = x.Rows;
        var weights = new double[n];
        if (sampleWeight.IsEmpty)
        {
            weights.AsSpan().Fill(1.0);
        }
        else
        {
            sampleWeight.CopyTo(weights);
        }
        var target = y.ToArray();
        var groups = groupOfRow.ToArray();
        var compute = backend ?? ComputeBackends.Default;
        int candidates = ratios.Length * alphas.Length;
        int degree = options.MaxDegreeOfParallelism == 0 ? ComputeParallelism.DefaultDegree : options.MaxDegreeOfParallelism;
        var sums = new double[candidates];
        double denominator = 0;

        for (int f = 0; f < folds.Count; f++)
        {
            var train = folds.Train(f);
            var test = folds.Test(f).ToArray();
            var models = FitGrid(x, target, weights, train, alphas, ratios, compute);
            var heldOut = auroc ? new GroupedAuroc(Pick(labels, test), Pick(groups, test)) : null;
            var foldScores = new double[candidates];
            ComputeParallelism.For(candidates, degree, c =>
            {
                var predictions = new double[test.Length];
                for (int i = 0; i < test.Length; i++)
                {
                    predictions[i] = models[c].Predict(x.Row(test[i]));
                }
                if (heldOut is not null)
                {
                    foldScores[c] = heldOut.Total(predictions).Sum;
                    return;
                }
                double sse = 0;
                for (int i = 0; i < test.Length; i++)
                {
                    double e = target[test[i]] - predictions[i];
                    sse += weights[test[i]] * e * e;
                }
                foldScores[c] = sse;
            });
            for (int c = 0; c < candidates; c++)
            {
                sums[c] += foldScores[c];
            }
            if (heldOut is not null)
            {
                denominator += heldOut.Groups;
            }
            else
            {
                foreach (int i in test)
                {
                    denominator += weights[i];
                }
            }
        }
        if (!(denominator > 0))
        {
            throw new ArgumentException(auroc
                ? $"{owner} needs held-out groups with both classes to compare penalties by AUROC; none has both."
                : $"{owner} needs held-out rows with positive weight.", nameof(y));
        }

        var scores = new double[ratios.Length][];
        int bestRatio = 0, bestAlpha = 0;
        for (int r = 0; r < ratios.Length; r++)
        {
            scores[r] = new double[alphas.Length];
            for (int a = 0; a < alphas.Length; a++)
            {
                double mean = sums[(r * alphas.Length) + a] / denominator;
                scores[r][a] = auroc ? mean : Math.Sqrt(mean);
                if ((r, a) != (0, 0) && IsBetter(scores[r][a], scores[bestRatio][bestAlpha], auroc))
                {
                    (bestRatio, bestAlpha) = (r, a);
                }
            }
        }

        // The refit walks the grid down to the chosen α so that the ElasticNet descent starts near its optimum.
        var all = Enumerable.Range(0, n).ToArray();
        var refit = FitGrid(x, target, weights, all, alphas[..(bestAlpha + 1)], [ratios[bestRatio]], compute)[bestAlpha];
        return new GroupedMetaModelCvFit(options.Kind, options.Criterion, refit, alphas[bestAlpha], ratios[bestRatio], alphas, ratios, scores, folds.Count);
    }

    /// <summary>
    /// Fits every (ρ, α) of the grid on <paramref name="rows"/>; models indexed r·|α| + a, on the original columns.
    /// </summary>
    private LinearModel[] FitGrid(DataMatrix x, double[] y, double[] weights, ReadOnlySpan<int> rows, double[] alphas, double[] ratios,
        IComputeBackend compute)
    {
        var (mean, scale) = Standardization(x, weights, rows);
        var z = new DataMatrix(rows.Length, x.Columns);
        for (int i = 0; i < rows.Length; i++)
        {
            var source = x.Row(rows[i]);
            var row = z.Row(i);
            for (int j = 0; j < row.Length; j++)
            {
                row[j] = (source[j] - mean[j]) / scale[j];
            }
        }
        var design = CenteredDesign.Create(z, Pick(y, rows), Pick(weights, rows), weightsSumToRows: true);
        var models = new LinearModel[ratios.Length * alphas.Length];
        if (options.Kind == MetaModelKind.Ridge)
        {
            var spectrum = RidgeSpectrum.Create(compute, design, withLeaveOneOut: false);
            for (int a = 0; a < alphas.Length; a++)
            {
                // Weights sum to the row count, so the per-unit penalty α is α·n in RidgeSpectrum's sum form.
                var w = spectrum.Coefficients(alphas[a] * design.Rows);
                models[a] = Unstandardize(w, design.Intercept(w), mean, scale);
            }
            return models;
        }
        var gram = GramSystem.Wanted(GramMode.Auto, design) ? GramSystem.Create(compute, design) : null;
        for (int r = 0; r < ratios.Length; r++)
        {
            var path = ElasticNetPath.Compute(design, gram, alphas, ratios[r], options.MaxIterations, options.Tolerance, options.ActiveSetSolve);
            for (int a = 0; a < alphas.Length; a++)
            {
                var model = path.Model(a);
                models[(r * alphas.Length) + a] = Unstandardize([.. model.Coefficients], model.Intercept, mean, scale);
            }
        }
        return models;
    }

    /// <summary>Weighted column means and standard deviations (ddof 0) of the given rows; a constant column gets scale 1.</summary>
    private static (double[] Mean, double[] Scale) Standardization(DataMatrix x, double[] weights, ReadOnlySpan<int> rows)
    {
        double total = 0;
        foreach (int i in rows)
        {
            total += weights[i];
        }
        if (!(total > 0))
        {
            throw new ArgumentException($"{nameof(GroupedMetaModelCv)} needs every fold's training rows to carry positive weight.", nameof(weights));
        }
        return StandardizedRegressor.Moments(x, rows.ToArray(), weights);
    }

    /// <summary>The model on the original columns: β/s as weights and b − Σ mβ/s as intercept (zeros stay exact zeros).</summary>
    private static LinearModel Unstandardize(double[] w, double intercept, double[] mean, double[] scale)
    {
        var coefficients = new double[w.Length];
        double shift = 0;
        for (int j = 0; j < w.Length; j++)
        {
            coefficients[j] = w[j] / scale[j];
            shift += mean[j] * coefficients[j];
        }
        return new LinearModel(coefficients, intercept - shift);
    }

    private static bool IsBetter(double candidate, double incumbent, bool higherIsBetter)
    {
        if (double.IsNaN(candidate))
        {
            return false;
        }
        if (double.IsNaN(incumbent))
        {
            return true;
        }
        double margin = RelativeTieTolerance * Math.Abs(incumbent);
        return higherIsBetter ? candidate > incumbent + margin : candidate < incumbent - margin;
    }

    private static int[] Labels(ReadOnlySpan<double> y, string owner)
    {
        var labels = new int[y.Length];
        for (int i = 0; i < y.Length; i++)
        {
            labels[i] = y[i] switch
            {
                0.0 => 0,
                1.0 => 1,
                _ => throw new ArgumentException($"{owner} with the AUROC criterion needs a 0/1 target. Row {i} holds {StackingArguments.Format(y[i])}.", nameof(y)),
            };
        }
        return labels;
    }

    private static T[] Pick<T>(T[] values, ReadOnlySpan<int> rows)
    {
        var result = new T[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            result[i] = values[rows[i]];
        }
        return result;
    }
}
