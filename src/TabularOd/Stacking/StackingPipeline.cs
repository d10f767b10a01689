using System.Diagnostics;
using TabularOd.Compute;
using TabularOd.Data;

namespace TabularOd.Stacking;

/// <summary>
/// Regularised meta-learning over an out-of-fold prediction matrix (SPEC §8): de-duplicate the base models, append
/// per-row meta-features, fit Ridge, Lasso and ElasticNet meta-models with standardisation inside each fold, get
/// their honest errors from an outer K-fold CV, refit on all rows, and blend them by inverse OOF RMSE.
/// </summary>
/// <remarks>
/// <para>
/// Stages: (1) <see cref="PredictionDeduplicator"/> on all rows (off: every column is kept; should every column be
/// dropped as near-constant, the one with the lowest RMSE is kept so that a stack still exists). (2) The meta-design
/// is the kept columns followed by <see cref="MetaFeatures"/>. (3) On each outer fold (<see cref="KFold.Split"/>,
/// shuffled, seed 42, 10 folds by default) the design is scaled on that fold's training rows only
/// (<see cref="MetaDesignScaling"/>: winsorising bounds, then standardisation) and the meta-models are chosen on them
/// by <see cref="LinearMetaModelSearch"/>: Ridge (α ∈ logspace(−3, 5, 50)), Lasso and ElasticNet (α ∈ logspace(−5, 1,
/// 30), ρ ∈ {0.1, …, 1}), every α and ρ by the same 3-fold inner CV (unshuffled, as scikit-learn's <c>cv=3</c>) on
/// mean squared error. The search reads each row once per fold and shares the inner folds among the three
/// meta-models, and its coordinate descent takes active-set steps (<see cref="StackingPipelineOptions.ActiveSetSolve"/>);
/// it makes the choices <see cref="ElasticNetCvRegressor"/> makes (and, for Ridge, a 3-fold
/// <see cref="RidgeRegressor"/> search would), at a fraction of the cost. (4) Each meta-model is refitted on all
/// rows the same way; the blend weights are (1/RMSEₘ)/Σ(1/RMSE) over the meta-models' OOF RMSEs.
/// </para>
/// <para>
/// With <see cref="StackingPipelineOptions.ClipQuantile"/> &gt; 0 (the default) the design columns are winsorised to
/// quantile bounds fitted on each outer fold's training rows (and, for the refit, on all rows) before
/// standardisation — what wrapping each meta-model in a <see cref="ClippedRegressor"/> around a
/// <see cref="StandardizedRegressor"/> does. The refit's bounds are stored in the <see cref="FittedStack"/> so that it
/// clips new rows the same way.
/// </para>
/// <para>
/// Sample weights, when given, weight the scalers, every meta-model's loss and the reported RMSEs. The outer folds
/// and the refit run in parallel, each sequentially inside and writing only its own rows, so the result is the same
/// bits whatever <see cref="StackingPipelineOptions.MaxDegreeOfParallelism"/> is.
/// </para>
/// </remarks>
public sealed class StackingPipeline(StackingPipelineOptions options, IComputeBackend? backend = null)
{
    /// <summary>A pipeline with SPEC §8's settings.</summary>
    public StackingPipeline()
        : this(new StackingPipelineOptions())
    {
    }

    /// <summary>The options as given.</summary>
    public StackingPipelineOptions Options => options;

    /// <summary>The outer folds the pipeline uses on <paramref name="rows"/> rows (shared with the baselines).</summary>
    public FoldAssignment OuterFolds(int rows)
    {
        ArgumentNullException.ThrowIfNull(options);
        return KFold.Split(rows, options.OuterFolds, shuffle: true, options.Seed);
    }

    /// <summary>Fits with equal sample weights.</summary>
    public StackingResult Fit(DataMatrix predictions, ReadOnlySpan<double> target) => Fit(predictions, target, default);

    /// <summary>
    /// Fits the stack on the out-of-fold prediction matrix <paramref name="predictions"/> (rows = samples, columns =
    /// base models) against <paramref name="target"/>; <paramref name="sampleWeight"/> is empty or one weight per row.
    /// </summary>
    public StackingResult Fit(DataMatrix predictions, ReadOnlySpan<double> target, ReadOnlySpan<double> sampleWeight)
    {
        const string owner = nameof(StackingPipeline);
        ArgumentNullException.ThrowIfNull(options);
        options.Check(owner);
        StackArguments.Problem(predictions, target, sampleWeight, owner);
        // Each outer training set must still split into the inner folds.
        int rows = predictions.Rows, outer = options.OuterFolds;
        if (rows < outer || rows - ((rows + outer - 1) / outer) < options.InnerFolds)
        {
            throw new ArgumentException(
                $"{owner} with {outer} outer and {options.InnerFolds} inner folds needs more rows. Got {rows}.", nameof(predictions));
        }
        var clock = Stopwatch.StartNew();
        var compute = backend ?? ComputeBackends.Default;
        int n = predictions.Rows, m = predictions.Columns;

        DeduplicationResult? deduplication = null;
        int[] kept;
        double before, after;
        if (options.Deduplicate)
        {
            deduplication = new PredictionDeduplicator(options.Deduplication, compute).Apply(predictions, target);
            kept = deduplication.Kept.Count > 0 ? [.. deduplication.Kept] : [deduplication.Ranking[0]];
            before = deduplication.ConditionNumberBefore;
            after = deduplication.Kept.Count > 0 ? deduplication.ConditionNumberAfter
                : ColumnCorrelations.Create(compute, predictions).ConditionNumber(kept);
        }
        else
        {
            kept = [.. Enumerable.Range(0, m)];
            before = after = ColumnCorrelations.Create(compute, predictions).ConditionNumber(kept);
        }

        int degree = options.MaxDegreeOfParallelism == 0 ? ComputeParallelism.DefaultDegree : options.MaxDegreeOfParallelism;
        var design = FittedStack.Design(predictions, kept, options.UseMetaFeatures, degree);
        string[] designColumns = [.. kept.Select(j => $"model_{j}"), .. options.UseMetaFeatures ? MetaFeatures.Names : []];
        var folds = OuterFolds(n);

        var kinds = options.MetaModels.ToArray();
        var search = new LinearMetaModelSearch(kinds, options.InnerFolds, options.ActiveSetSolve, compute);
        var names = kinds.Select(LinearMetaModelSearch.Name).ToArray();
        var (oof, refitChoices, scaling) = FitFolds(search, kinds.Length, design, target.ToArray(), sampleWeight.ToArray(), folds, degree);
        var rmse = new double[kinds.Length];
        var refits = new StandardizedModel[kinds.Length];
        var alphas = new double[kinds.Length];
        var ratios = new double[kinds.Length];
        for (int k = 0; k < kinds.Length; k++)
        {
            rmse[k] = StackingMetrics.Rmse(target, oof[k], sampleWeight);
            (alphas[k], ratios[k]) = (refitChoices[k].Alpha, refitChoices[k].L1Ratio);
            refits[k] = new StandardizedModel([.. scaling.Mean], [.. scaling.Scale], refitChoices[k].Model);
        }
        double[]? clipLower = scaling.Lower, clipUpper = scaling.Upper;

        double[] weights;
        if (options.Blend)
        {
            weights = StackingMetrics.InverseRmseWeights(rmse);
        }
        else
        {
            int best = 0;
            for (int k = 1; k < kinds.Length; k++)
            {
                if (rmse[k] < rmse[best])
                {
                    best = k;
                }
            }
            weights = new double[kinds.Length];
            weights[best] = 1.0;
        }

        // The stack keeps only the meta-models with weight, and blends in the same order as the OOF blend below.
        var members = Enumerable.Range(0, kinds.Length).Where(k => weights[k] != 0).ToArray();
        var blend = new double[n];
        foreach (int k in members)
        {
            FittedStack.Accumulate(blend, weights[k], oof[k]);
        }
        var stack = new FittedStack(m, kept, options.UseMetaFeatures, [.. members.Select(k => names[k])],
            [.. members.Select(k => weights[k])], [.. members.Select(k => refits[k])], clipLower, clipUpper);
        var results = new MetaModelResult[kinds.Length];
        for (int k = 0; k < kinds.Length; k++)
        {
            results[k] = new MetaModelResult(kinds[k], names[k], oof[k], rmse[k], weights[k], alphas[k], ratios[k], refits[k]);
        }
        double blendRmse = StackingMetrics.Rmse(target, blend, sampleWeight);
        return new StackingResult(deduplication, kept, before, after, designColumns, results, blend, blendRmse, folds, stack,
            clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Every meta-model's out-of-fold predictions and its refit on all rows. Each outer fold (and the refit) is one
    /// job: one <see cref="MetaDesignScaling"/> fitted on its training rows, then the <see cref="LinearMetaModelSearch"/>
    /// on the scaled rows, whose models predict the scaled held-out rows. Jobs run in parallel; each runs sequentially
    /// inside and writes only its own rows, so the result does not depend on the thread count.
    /// </summary>
    private (double[][] Oof, LinearMetaModelSearch.Choice[] Refits, MetaDesignScaling Scaling) FitFolds(LinearMetaModelSearch search,
        int models, DataMatrix design, double[] target, double[] sampleWeight, FoldAssignment folds, int degree)
    {
        var oof = new double[models][];
        for (int k = 0; k < models; k++)
        {
            oof[k] = new double[design.Rows];
        }
        LinearMetaModelSearch.Choice[]? refits = null;
        MetaDesignScaling? refitScaling = null;
        // The refit (job 0, all rows) is the costliest job, so it starts first.
        ComputeParallelism.For(folds.Count + 1, degree, job =>
        {
            if (job == 0)
            {
                refitScaling = MetaDesignScaling.Fit(design, null, sampleWeight, options.ClipQuantile);
                refits = search.Fit(refitScaling.Standardized, target, sampleWeight);
                return;
            }
            var train = folds.Train(job - 1).ToArray();
            var test = folds.Test(job - 1).ToArray();
            var trainY = new double[train.Length];
            var trainW = sampleWeight.Length == 0 ? [] : new double[train.Length];
            for (int i = 0; i < train.Length; i++)
            {
                trainY[i] = target[train[i]];
                if (sampleWeight.Length != 0)
                {
                    trainW[i] = sampleWeight[train[i]];
                }
            }
            var scaling = MetaDesignScaling.Fit(design, train, trainW, options.ClipQuantile);
            var held = scaling.Apply(design, test);
            var choices = search.Fit(scaling.Standardized, trainY, trainW);
            for (int k = 0; k < models; k++)
            {
                var predictions = choices[k].Model.Predict(held);
                for (int i = 0; i < test.Length; i++)
                {
                    oof[k][test[i]] = predictions[i];
                }
            }
        });
        return (oof, refits!, refitScaling!);
    }
}
