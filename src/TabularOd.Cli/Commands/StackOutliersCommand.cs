using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using TabularOd.Benchmarking.Stacking;
using TabularOd.Stacking;

namespace TabularOd.Cli.Commands;

/// <summary>
/// <c>tabod stack outliers --store results.db</c>: outlier-score stacking across datasets. The detector
/// configurations' kept test scores (<c>tabod bench run --keep-scores</c>) become rank-normalised columns; the
/// datasets are split into a training and an evaluation half (whole datasets per side); the best single
/// configuration, the mean of ranks, hill climbing and the regularised stack are fitted on the training datasets and
/// compared by their per-dataset AUROC on the evaluation datasets.
/// </summary>
public static class StackOutliersCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console)
    {
        var store = new Option<string>("--store") { Description = "A results store with kept scores (tabod bench run --keep-scores).", Required = true, HelpName = "DB" };
        var splitSeed = new Option<long>("--split-seed") { Description = "Seed of the split of the datasets into training and evaluation halves.", DefaultValueFactory = _ => 0 };
        var fraction = new Option<double>("--train-fraction") { Description = "Share of the datasets (per suite) fitted on; the rest evaluate.", DefaultValueFactory = _ => 0.5 };
        var models = new Option<string>("--models")
        {
            Description = "The stack's candidate meta-models, comma-separated: ridge, lasso, elasticnet; the best by grouped CV is the stack.",
            DefaultValueFactory = _ => "ridge,lasso,elasticnet",
        };
        var folds = new Option<int>("--folds") { Description = "Folds of whole training datasets that choose each meta-model's penalty.", DefaultValueFactory = _ => OutlierStackingOptions.DefaultFolds };
        var metric = new Option<string>("--cv-metric") { Description = "What the grouped CV compares penalties and meta-models by: auroc (mean per-dataset) or rmse.", DefaultValueFactory = _ => "auroc" };
        var weighting = new Option<string>("--weighting")
        {
            Description = "Row weights of the meta-models: balanced (each dataset and, within it, each class weighs the same), dataset (1/n per row) or none.",
            DefaultValueFactory = _ => "balanced",
        };
        var coverage = new Option<double>("--min-coverage")
        {
            Description = "Keep a configuration only if it has usable scores on at least this share of the datasets; datasets missing a kept one are dropped.",
            DefaultValueFactory = _ => OutlierScoreLoadOptions.DefaultMinCoverage,
        };
        var seeds = new Option<string>("--seeds") { Description = "Several seeds of a configuration: mean (average their ranks, then rank again) or first (lowest seed).", DefaultValueFactory = _ => "mean" };
        var iterations = new Option<int>("--hill-iterations") { Description = "Greedy steps of hill climbing after its sorted initialisation.", DefaultValueFactory = _ => HillClimbingOptions.DefaultIterations };
        var noDedup = new Option<bool>("--no-dedup") { Description = "Give the meta-models every configuration (skip de-duplication)." };
        var dedupOrder = new Option<string>("--dedup-order")
        {
            Description = "Which of two near-duplicate configurations de-duplication keeps: auroc (the better mean training AUROC) or rmse (SPEC §8's lower RMSE against the label).",
            DefaultValueFactory = _ => "auroc",
        };
        var metaFeatures = new Option<bool>("--meta-features") { Description = "Append the per-row meta-features (mean, std, median, range, …) to the stack's design." };
        var perDataset = new Option<string?>("--per-dataset")
        {
            Description = "CSV to write every evaluation dataset's AUROC under each method to (for paired comparisons).",
            HelpName = "CSV",
        };
        var threads = new Option<int>("--threads") { Description = "Threads for hill climbing and the penalty grid (0: one per processor).", DefaultValueFactory = _ => 0 };
        var command = new Command("outliers", "Stack detector configurations' kept scores across datasets; compare with the best single configuration, the mean of ranks and hill climbing on held-out datasets.")
        {
            store, splitSeed, fraction, models, folds, metric, weighting, coverage, seeds, iterations, noDedup, dedupOrder, metaFeatures, perDataset, threads,
        };
        command.SetAction(parsed =>
        {
            double trainFraction = parsed.GetValue(fraction);
            if (!(trainFraction > 0 && trainFraction < 1))
            {
                throw new UsageException($"--train-fraction must be in (0, 1). Got {F(trainFraction, "G")}.");
            }
            if (parsed.GetValue(folds) < 2)
            {
                throw new UsageException($"--folds must be ≥ 2. Got {parsed.GetValue(folds)}.");
            }
            double minCoverage = parsed.GetValue(coverage);
            if (!(minCoverage > 0 && minCoverage <= 1))
            {
                throw new UsageException($"--min-coverage must be in (0, 1]. Got {F(minCoverage, "G")}.");
            }
            if (parsed.GetValue(iterations) < 0)
            {
                throw new UsageException($"--hill-iterations must be ≥ 0. Got {parsed.GetValue(iterations)}.");
            }
            if (parsed.GetValue(threads) < 0)
            {
                throw new UsageException($"--threads must be ≥ 0. Got {parsed.GetValue(threads)}.");
            }
            var options = new OutlierStackingOptions
            {
                SplitSeed = parsed.GetValue(splitSeed),
                TrainFraction = trainFraction,
                Models = StackCommand.ParseModels(parsed.GetValue(models)!),
                Folds = parsed.GetValue(folds),
                Criterion = Choice(parsed.GetValue(metric)!, "--cv-metric", ("auroc", MetaModelCriterion.Auroc), ("rmse", MetaModelCriterion.Rmse)),
                Weighting = Choice(parsed.GetValue(weighting)!, "--weighting",
                    ("balanced", RowWeighting.Balanced), ("dataset", RowWeighting.Dataset), ("none", RowWeighting.None)),
                Deduplicate = !parsed.GetValue(noDedup),
                DeduplicateByAuroc = Choice(parsed.GetValue(dedupOrder)!, "--dedup-order", ("auroc", true), ("rmse", false)),
                UseMetaFeatures = parsed.GetValue(metaFeatures),
                HillClimbingIterations = parsed.GetValue(iterations),
                MaxDegreeOfParallelism = parsed.GetValue(threads),
            };
            var loadOptions = new OutlierScoreLoadOptions
            {
                MinCoverage = minCoverage,
                Seeds = Choice(parsed.GetValue(seeds)!, "--seeds", ("mean", SeedPolicy.Mean), ("first", SeedPolicy.First)),
            };

            string path = parsed.GetValue(store)!;
            var clock = Stopwatch.StartNew();
            var matrix = StackCommand.Run(console, $"reading kept scores from {path}", () => OutlierScoreLoader.Load(path, loadOptions));
            double loadSeconds = clock.Elapsed.TotalSeconds;
            var result = StackCommand.Run(console, $"fitting on {F(100 * trainFraction, "0")}% of {matrix.Datasets.Count} datasets", () => StackCommand.Guard(() => OutlierStackingExperiment.Run(matrix, options)));
            if (parsed.GetValue(perDataset) is { } csv)
            {
                WritePerDataset(csv, matrix, result);
            }
            Report(console, path, matrix, result, loadSeconds);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Report(CliConsole console, string path, OutlierScoreMatrix matrix, OutlierStackingResult result, double loadSeconds)
    {
        var summary = matrix.Summary;
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        grid.AddRow("store", Markup.Escape($"{path}: {matrix.Datasets.Count} datasets × {matrix.Configurations.Count} configurations "
            + $"({summary.CellsWithScores} cells with kept scores, read in {F(loadSeconds, "F1")} s)"));
        var dropped = new List<string>();
        if (summary.DatasetsWithoutLabels > 0)
        {
            dropped.Add($"{summary.DatasetsWithoutLabels} without labels");
        }
        if (summary.DatasetsOneClass > 0)
        {
            dropped.Add($"{summary.DatasetsOneClass} with one class");
        }
        if (summary.DatasetsMissingConfiguration > 0)
        {
            dropped.Add($"{summary.DatasetsMissingConfiguration} missing a configuration");
        }
        if (summary.DatasetsWithBadScores > 0)
        {
            dropped.Add($"{summary.DatasetsWithBadScores} with unusable scores");
        }
        grid.AddRow("datasets dropped", Markup.Escape(dropped.Count == 0 ? $"none of {summary.DatasetsWithScores}"
            : $"{string.Join(", ", dropped)} (of {summary.DatasetsWithScores})"));
        if (summary.ConfigurationsDropped.Count > 0)
        {
            grid.AddRow("configurations dropped", Markup.Escape(string.Join(", ", summary.ConfigurationsDropped.Select(c => $"{c.Configuration} ({F(100 * c.Coverage, "0")}% of datasets)"))
                + $" — below --min-coverage {F(100 * summary.MinCoverage, "0")}%"));
        }
        if (summary.ConfigurationsWithSeveralSeeds > 0)
        {
            grid.AddRow("seeds", Markup.Escape($"{summary.ConfigurationsWithSeveralSeeds} configurations with several seeds: "
                + (summary.Seeds == SeedPolicy.Mean ? "ranks averaged over seeds, then ranked again" : "lowest seed only")));
        }
        grid.AddRow("split", Markup.Escape($"seed {result.Split.Seed}: train {result.Split.Train.Count} datasets ({result.TrainRows} rows), "
            + $"evaluation {result.Split.Evaluation.Count} datasets ({result.EvaluationRows} rows); no dataset on both sides"));
        var options = result.Options;
        string dedup = "off";
        if (result.Deduplication is { } d)
        {
            var removed = matrix.Configurations.Except(result.KeptColumns).ToList();
            dedup = $"kept {result.KeptColumns.Count} of {matrix.Configurations.Count} configurations"
                + (removed.Count > 0 ? $", dropped {string.Join(", ", removed)}" : "")
                + (options.DeduplicateByAuroc ? "; of near-duplicates the best training AUROC stays" : "; of near-duplicates the lowest RMSE stays")
                + $" (condition number {F(d.ConditionNumberBefore, "G4")} → {F(d.ConditionNumberAfter, "G4")})";
        }
        grid.AddRow("de-duplication", Markup.Escape(dedup));
        grid.AddRow("stack", Markup.Escape($"{OutlierStackingExperiment.ModelName(result.Chosen)}, chosen by grouped {options.Folds}-fold CV on the training datasets "
            + $"({(options.Criterion == MetaModelCriterion.Auroc ? "mean per-dataset AUROC" : "RMSE")}); rows weighted {Weighting(options.Weighting)}"
            + (options.UseMetaFeatures ? "; meta-features appended" : "")));
        console.Out.Write(grid);

        var table = new Table().AddColumns("method", "eval mean AUROC", "eval median", "wins vs best single", "losses", "train mean AUROC", "columns", "fit s");
        foreach (var method in result.Methods)
        {
            string name = method.Name == OutlierStackingExperiment.Stack ? $"stack ({OutlierStackingExperiment.ModelName(result.Chosen)})" : method.Name;
            AddRow(table, name, method, method.Name == OutlierStackingExperiment.BestSingle);
        }
        foreach (var candidate in result.MetaModels)
        {
            AddRow(table, $"  {candidate.Name}", candidate.Method, single: false);
        }
        console.Out.Write(table);

        var details = new Table().AddColumns("method", "chosen on the training datasets");
        foreach (var method in result.Methods.Concat(result.MetaModels.Select(c => c.Method with { Name = $"  {c.Name}" })))
        {
            details.AddRow(Markup.Escape(method.Name), Markup.Escape(method.Detail));
        }
        console.Out.Write(details);
    }

    /// <summary>One row per evaluation dataset: its id, size, outliers and the AUROC of every method and candidate meta-model.</summary>
    private static void WritePerDataset(string path, OutlierScoreMatrix matrix, OutlierStackingResult result)
    {
        var columns = result.Methods.Select(m => (Name: m.Name.Replace(' ', '_'), m.EvaluationAuroc))
            .Concat(result.MetaModels.Select(c => (Name: c.Name, c.Method.EvaluationAuroc))).ToList();
        try
        {
            using var writer = new StreamWriter(path);
            writer.WriteLine("dataset,rows,outliers," + string.Join(',', columns.Select(c => c.Name)));
            for (int i = 0; i < result.Split.Evaluation.Count; i++)
            {
                var dataset = matrix.Datasets[result.Split.Evaluation[i]];
                string id = dataset.Id.Contains(',', StringComparison.Ordinal) || dataset.Id.Contains('"', StringComparison.Ordinal)
                    ? $"\"{dataset.Id.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
                    : dataset.Id;
                writer.WriteLine(string.Join(',', [id, dataset.Rows.ToString(CultureInfo.InvariantCulture), dataset.Outliers.ToString(CultureInfo.InvariantCulture),
                    .. columns.Select(c => c.EvaluationAuroc[i].ToString("R", CultureInfo.InvariantCulture))]));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TabularOd.Data.DataFileException(path, $"could not be written: {e.Message.ReplaceLineEndings(" ").Trim()}", e);
        }
    }

    private static void AddRow(Table table, string name, OutlierMethodResult method, bool single) =>
        table.AddRow(Markup.Escape(name), F(method.EvaluationMean), F(method.EvaluationMedian), single ? "—" : $"{method.Wins}",
            single ? "—" : $"{method.Losses}", F(method.TrainMeanAuroc), $"{method.ColumnsUsed}", F(method.FitSeconds, "F2"));

    private static string Weighting(RowWeighting weighting) => weighting switch
    {
        RowWeighting.Balanced => "so each dataset and each class within it weighs the same",
        RowWeighting.Dataset => "1/n per dataset",
        _ => "equally",
    };

    private static T Choice<T>(string text, string option, params (string Name, T Value)[] choices)
    {
        foreach (var (name, value) in choices)
        {
            if (string.Equals(text.Trim(), name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }
        throw new UsageException($"{option}: unknown value '{text}'; use {string.Join(", ", choices.Select(c => c.Name))}.");
    }

    private static string F(double value, string format = "F4") => value.ToString(format, CultureInfo.InvariantCulture);
}
