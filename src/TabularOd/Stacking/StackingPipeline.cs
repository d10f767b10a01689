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
/// is the kept columns followed by <see cref="MetaFeatures"/>. (3) Each meta-model is a
/// <see cref="StandardizedRegressor"/> around its CV regressor, run through <see cref="OutOfFold"/> on the outer
/// folds (<see cref="KFold.Split"/>, shuffled, seed 42, 10 folds by default): each outer fold's scaler and α search see
/// that fold's training rows only. Ridge chooses α ∈ logspace(−3, 5, 50) by efficient leave-one-out
/// (<see cref="RidgeCvRegressor"/>, scikit-learn's <c>RidgeCV</c> default), not by 3-fold CV — the exact LOO error
/// from one eigen-decomposition, far cheaper than refitting per fold and α. Lasso and ElasticNet choose α (and ρ) by
/// 3-fold inner CV on the outer fold's training rows (<see cref="ElasticNetCvRegressor"/>, unshuffled inner folds as
/// scikit-learn's <c>cv=3</c>). (4) Each meta-model is refitted on all rows; the blend weights are
/// (1/RMSEₘ)/Σ(1/RMSE) over the meta-models' OOF RMSEs.
/// </para>
/// <para>
/// With <see cref="StackingPipelineOptions.ClipQuantile"/> &gt; 0 (the default), each meta-model is further wrapped
/// in a <see cref="ClippedRegressor"/>: the design columns are winsorised to quantile bounds fitted on each outer
/// fold's training rows (and, for the refit, on all rows), before standardisation. The refit's bounds are stored in
/// the <see cref="FittedStack"/> so that it clips new rows the same way.
/// </para>
/// <para>
/// Sample weights, when given, weight the scalers, every meta-model's loss and the reported RMSEs. Outer folds run
/// one after another and the inner CV's parallel paths are combined in a fixed order, so the result is the same bits
/// whatever <see cref="StackingPipelineOptions.MaxDegreeOfParallelism"/> is.
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

        var design = FittedStack.Design(predictions, kept, options.UseMetaFeatures);
        string[] designColumns = [.. kept.Select(j => $"model_{j}"), .. options.UseMetaFeatures ? MetaFeatures.Names : []];
        var folds = OuterFolds(n);

        var kinds = options.MetaModels.ToArray();
        var oof = new double[kinds.Length][];
        var rmse = new double[kinds.Length];
        var refits = new StandardizedModel[kinds.Length];
        double[]? clipLower = null, clipUpper = null;
        var alphas = new double[kinds.Length];
        var ratios = new double[kinds.Length];
        var names = new string[kinds.Length];
        for (int k = 0; k < kinds.Length; k++)
        {
            var standardized = new StandardizedRegressor(MetaRegressor(kinds[k], compute));
            IRegressor regressor = options.ClipQuantile > 0 ? new ClippedRegressor(standardized, options.ClipQuantile) : standardized;
            names[k] = regressor.Name;
            oof[k] = OutOfFold.Predict(regressor, design, target, sampleWeight, folds);
            rmse[k] = StackingMetrics.Rmse(target, oof[k], sampleWeight);
            StandardizedModel refit;
            if (regressor is ClippedRegressor clipped)
            {
                // The bounds depend on the design rows only, so every meta-model's refit has the same ones.
                var clippedRefit = clipped.Fit(design, target, sampleWeight);
                clipLower = [.. clippedRefit.Lower];
                clipUpper = [.. clippedRefit.Upper];
                refit = (StandardizedModel)clippedRefit.Model;
            }
            else
            {
                refit = standardized.Fit(design, target, sampleWeight);
            }
            (alphas[k], ratios[k]) = refit.Model switch
            {
                RidgeCvFit ridge => (ridge.Alpha, 0.0),
                ElasticNetCvFit net => (net.Alpha, net.L1Ratio),
                _ => (double.NaN, double.NaN),
            };
            refits[k] = new StandardizedModel([.. refit.Mean], [.. refit.Scale], StackingMetrics.Linear(refit.Model));
        }

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

    private IRegressor MetaRegressor(MetaModelKind kind, IComputeBackend compute) => kind switch
    {
        MetaModelKind.Ridge => new RidgeCvRegressor(new RidgeCvOptions(), compute),
        MetaModelKind.Lasso => new ElasticNetCvRegressor(
            new ElasticNetCvOptions { Folds = options.InnerFolds, MaxDegreeOfParallelism = options.MaxDegreeOfParallelism }, compute),
        MetaModelKind.ElasticNet => new ElasticNetCvRegressor(
            new ElasticNetCvOptions { Folds = options.InnerFolds, L1Ratios = AlphaGrid.L1Ratios(), MaxDegreeOfParallelism = options.MaxDegreeOfParallelism }, compute),
        _ => throw StackingArguments.Invalid(nameof(StackingPipelineOptions.MetaModels), nameof(StackingPipeline), "a defined meta-model kind", kind),
    };
}
