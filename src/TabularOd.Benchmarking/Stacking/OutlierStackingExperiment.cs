using System.Diagnostics;
using System.Globalization;
using TabularOd.Data;
using TabularOd.Stacking;

namespace TabularOd.Benchmarking.Stacking;

/// <summary>
/// Outlier-score stacking judged across datasets: split the datasets of an <see cref="OutlierScoreMatrix"/> into a
/// training and an evaluation side (<see cref="DatasetSplit"/>), fit every method on the training datasets only, and
/// report each one's per-dataset AUROC on the evaluation datasets.
/// </summary>
/// <remarks>
/// <para>The methods (SPEC §8–9, with the mean per-dataset AUROC as the loss throughout):</para>
/// <list type="bullet">
/// <item><b>best single</b>: the configuration with the highest mean AUROC over the training datasets (ties: first column).</item>
/// <item><b>mean of ranks</b>: the unweighted mean of every column; nothing is fitted.</item>
/// <item><b>hill climbing</b>: <see cref="HillClimbingSelector"/> (sorted initialisation, repeats allowed, best
/// prefix) with loss 1 − mean per-dataset AUROC (<see cref="GroupedAuroc"/>) on the training rows.</item>
/// <item><b>stack</b>: <see cref="PredictionDeduplicator"/> on the pooled training rows against the 0/1 label (visiting
/// the configurations by training AUROC, best first, so that of two near-duplicates the better ranker stays), then
/// each candidate meta-model (<see cref="GroupedMetaModelCv"/>: Ridge, Lasso, ElasticNet) with its penalty chosen by
/// cross-validation over folds of whole training datasets (<see cref="GroupedKFold"/>); the candidate with the best
/// cross-validated score is the stack. Its prediction is the linear score: only the ranking within a dataset
/// matters for AUROC, so it is neither clipped nor calibrated.</item>
/// </list>
/// <para>
/// Rows are weighted by <see cref="OutlierStackingOptions.Weighting"/> in the meta-models (by default each dataset
/// and, within it, each class weighs the same, as in the mean per-dataset AUROC); de-duplication and hill climbing
/// take no weights (hill climbing's loss already counts each dataset once).
/// </para>
/// </remarks>
public static class OutlierStackingExperiment
{
    /// <summary>Name of the best-single-configuration method.</summary>
    public const string BestSingle = "best single";

    /// <summary>Name of the mean-of-ranks ensemble.</summary>
    public const string MeanOfRanks = "mean of ranks";

    /// <summary>Name of greedy hill climbing.</summary>
    public const string HillClimbing = "hill climbing";

    /// <summary>Name of the regularised stack.</summary>
    public const string Stack = "stack";

    /// <summary>The report name of a meta-model kind.</summary>
    public static string ModelName(MetaModelKind kind) => kind switch
    {
        MetaModelKind.Ridge => "ridge",
        MetaModelKind.Lasso => "lasso",
        MetaModelKind.ElasticNet => "elasticnet",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>Runs every method on <paramref name="matrix"/>.</summary>
    public static OutlierStackingResult Run(OutlierScoreMatrix matrix, OutlierStackingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        options ??= new OutlierStackingOptions();
        if (options.Models is null || options.Models.Count == 0)
        {
            throw new ArgumentException("The stack needs at least one meta-model.", nameof(options));
        }
        if (options.Models.Distinct().Count() != options.Models.Count)
        {
            throw new ArgumentException("The stack's meta-models must be distinct.", nameof(options));
        }
        var split = DatasetSplit.Create(matrix, options.TrainFraction, options.SplitSeed);
        if (split.Train.Count < options.Folds)
        {
            throw new ArgumentException(
                $"Grouped cross-validation with {options.Folds} folds needs at least {options.Folds} training datasets. Got {split.Train.Count}.", nameof(options));
        }
        var train = matrix.Pool(split.Train);
        var evaluation = matrix.Pool(split.Evaluation);
        var trainAuroc = new GroupedAuroc(train.Labels, train.GroupOfRow);
        var evaluationAuroc = new GroupedAuroc(evaluation.Labels, evaluation.GroupOfRow);
        int m = matrix.Configurations.Count;

        var methods = new List<OutlierMethodResult>();

        // (a) Best single configuration, chosen on the training datasets.
        var clock = Stopwatch.StartNew();
        int best = 0;
        var columnAuroc = new double[m];
        for (int j = 0; j < m; j++)
        {
            columnAuroc[j] = trainAuroc.Mean(Column(train.Design, j));
            if (columnAuroc[j] > columnAuroc[best])
            {
                best = j;
            }
        }
        double bestTrain = columnAuroc[best];
        var single = evaluationAuroc.PerGroup(Column(evaluation.Design, best));
        methods.Add(new OutlierMethodResult
        {
            Name = BestSingle, Detail = matrix.Configurations[best], EvaluationAuroc = single, TrainMeanAuroc = bestTrain,
            ColumnsUsed = 1, FitSeconds = clock.Elapsed.TotalSeconds,
        });

        // (b) Mean of ranks over every column: nothing to fit.
        var equal = new double[m];
        equal.AsSpan().Fill(1.0 / m);
        methods.Add(Evaluate(MeanOfRanks, "all configurations, equal weights", equal, train, evaluation, trainAuroc, evaluationAuroc, single, 0));

        // (c) Hill climbing with the grouped AUROC as its loss.
        clock.Restart();
        var selector = new HillClimbingSelector(new HillClimbingOptions
        {
            Loss = trainAuroc.Loss(),
            Iterations = options.HillClimbingIterations,
            MaxDegreeOfParallelism = options.MaxDegreeOfParallelism,
        });
        var climb = selector.Select(train.Design, train.Target);
        double climbSeconds = clock.Elapsed.TotalSeconds;
        string members = string.Join(", ", Enumerable.Range(0, m).Where(j => climb.Counts[j] > 0)
            .OrderByDescending(j => climb.Counts[j]).ThenBy(j => j).Select(j => $"{matrix.Configurations[j]}×{climb.Counts[j]}"));
        methods.Add(Evaluate(HillClimbing, $"{climb.BestPrefixLength} members (initial {climb.InitialModels}): {members}", [.. climb.Weights],
            train, evaluation, trainAuroc, evaluationAuroc, single, climbSeconds));

        // (d) The regularised stack.
        clock.Restart();
        DeduplicationResult? deduplication = null;
        int[] kept;
        if (options.Deduplicate)
        {
            double[] order = options.DeduplicateByAuroc ? [.. columnAuroc.Select(a => 1 - a)] : [];
            deduplication = new PredictionDeduplicator(options.Deduplication).Apply(train.Design, train.Target, order);
            kept = deduplication.Kept.Count > 0 ? [.. deduplication.Kept] : [deduplication.Ranking[0]];
        }
        else
        {
            kept = [.. Enumerable.Range(0, m)];
        }
        var trainDesign = Design(train.Design, kept, options.UseMetaFeatures);
        var evaluationDesign = Design(evaluation.Design, kept, options.UseMetaFeatures);
        var weights = train.Weights(options.Weighting);
        var folds = GroupedKFold.Split(train.GroupOfRow, options.Folds, options.CvSeed);
        double sharedSeconds = clock.Elapsed.TotalSeconds;
        var candidates = new List<OutlierMetaModelResult>();
        foreach (var kind in options.Models)
        {
            clock.Restart();
            var fit = new GroupedMetaModelCv(new GroupedMetaModelCvOptions
            {
                Kind = kind,
                Criterion = options.Criterion,
                MaxDegreeOfParallelism = options.MaxDegreeOfParallelism,
            }).Fit(trainDesign, train.Target, weights, train.GroupOfRow, folds);
            double seconds = sharedSeconds + clock.Elapsed.TotalSeconds;
            var evaluationScores = evaluationAuroc.PerGroup(fit.Predict(evaluationDesign));
            var (wins, losses) = Compare(evaluationScores, single);
            int used = UsedColumns(fit.Model, kept.Length, options.UseMetaFeatures);
            candidates.Add(new OutlierMetaModelResult(kind, fit, new OutlierMethodResult
            {
                Name = ModelName(kind),
                Detail = Describe(fit, kept.Length, options.UseMetaFeatures),
                EvaluationAuroc = evaluationScores,
                TrainMeanAuroc = trainAuroc.Mean(fit.Predict(trainDesign)),
                ColumnsUsed = used,
                FitSeconds = seconds,
                Wins = wins,
                Losses = losses,
            }));
        }
        bool higher = options.Criterion == MetaModelCriterion.Auroc;
        var chosen = candidates[0];
        foreach (var candidate in candidates.Skip(1))
        {
            if (higher ? candidate.Fit.BestScore > chosen.Fit.BestScore : candidate.Fit.BestScore < chosen.Fit.BestScore)
            {
                chosen = candidate;
            }
        }
        methods.Add(chosen.Method with
        {
            Name = Stack,
            Detail = $"{chosen.Name}, {chosen.Method.Detail}",
            FitSeconds = candidates.Sum(c => c.Method.FitSeconds) - ((candidates.Count - 1) * sharedSeconds),
        });

        return new OutlierStackingResult
        {
            Split = split,
            TrainRows = train.Labels.Length,
            EvaluationRows = evaluation.Labels.Length,
            EvaluationDatasets = [.. split.Evaluation.Select(d => matrix.Datasets[d].Id)],
            Methods = methods,
            MetaModels = candidates,
            Chosen = chosen.Kind,
            KeptColumns = [.. kept.Select(j => matrix.Configurations[j])],
            Deduplication = deduplication,
            Options = options,
        };
    }

    /// <summary>Scores a fixed blend of the columns (weights per column, summing to one) on both sides.</summary>
    private static OutlierMethodResult Evaluate(string name, string detail, double[] weights, PooledScores train, PooledScores evaluation,
        GroupedAuroc trainAuroc, GroupedAuroc evaluationAuroc, double[] single, double fitSeconds)
    {
        var blend = new LinearModel(weights, 0);
        var scores = evaluationAuroc.PerGroup(blend.Predict(evaluation.Design));
        var (wins, losses) = Compare(scores, single);
        return new OutlierMethodResult
        {
            Name = name, Detail = detail, EvaluationAuroc = scores, TrainMeanAuroc = trainAuroc.Mean(blend.Predict(train.Design)),
            ColumnsUsed = weights.Count(w => w != 0), FitSeconds = fitSeconds, Wins = wins, Losses = losses,
        };
    }

    /// <summary>The kept columns, followed by their per-row meta-features when asked for.</summary>
    private static DataMatrix Design(DataMatrix all, int[] kept, bool metaFeatures)
    {
        var columns = all.SelectColumns(kept);
        return metaFeatures ? MetaFeatures.Append(columns) : columns;
    }

    /// <summary>
    /// Configurations the fitted model reads: those with a non-zero weight, or every kept one when a meta-feature
    /// (a summary of all of them) has a non-zero weight.
    /// </summary>
    private static int UsedColumns(LinearModel model, int kept, bool metaFeatures)
    {
        var w = model.Coefficients;
        if (metaFeatures && Enumerable.Range(kept, w.Count - kept).Any(j => w[j] != 0))
        {
            return kept;
        }
        return Enumerable.Range(0, kept).Count(j => w[j] != 0);
    }

    private static string Describe(GroupedMetaModelCvFit fit, int kept, bool metaFeatures)
    {
        string penalty = fit.Kind switch
        {
            MetaModelKind.ElasticNet => $"α = {F(fit.Alpha)}, ρ = {F(fit.L1Ratio)}",
            _ => $"α = {F(fit.Alpha)}",
        };
        string criterion = fit.Criterion == MetaModelCriterion.Auroc ? "CV AUROC" : "CV RMSE";
        string weights = metaFeatures
            ? $"{fit.Columns - fit.ZeroCoefficients} of {fit.Columns} weights non-zero ({kept} columns + {MetaFeatures.Count} meta-features)"
            : $"{fit.Columns - fit.ZeroCoefficients} of {kept} columns non-zero";
        return $"{penalty}, {criterion} {fit.BestScore.ToString("F4", CultureInfo.InvariantCulture)}, {weights}";
    }

    private static string F(double value) => value.ToString("G3", CultureInfo.InvariantCulture);

    /// <summary>Datasets where <paramref name="scores"/> beats <paramref name="reference"/>, and where it loses (exact ties count neither).</summary>
    private static (int Wins, int Losses) Compare(double[] scores, double[] reference)
    {
        int wins = 0, losses = 0;
        for (int i = 0; i < scores.Length; i++)
        {
            wins += scores[i] > reference[i] ? 1 : 0;
            losses += scores[i] < reference[i] ? 1 : 0;
        }
        return (wins, losses);
    }

    private static double[] Column(DataMatrix x, int j) => x.Column(j).ToArray();
}
