using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using TabularOd.Data;
using TabularOd.Stacking;

namespace TabularOd.Cli.Commands;

/// <summary>
/// <c>tabod stack fit|apply|ablate</c>: regularised meta-learning over an out-of-fold prediction matrix (SPEC §8).
/// <c>fit</c> fits the stack and every baseline on the same outer folds and reports them side by side, optionally
/// predicting a test table and saving the stack; <c>apply</c> predicts a test table with a saved stack;
/// <c>ablate</c> switches each stage off in turn.
/// </summary>
/// <remarks>
/// The OOF table is a CSV with one numeric column per base model plus the target column. A test table has the same
/// base-model columns (any order; the target column may be present and then its RMSE is reported); a missing or an
/// extra column is a one-line error naming the file and the column.
/// </remarks>
public static class StackCommand
{
    /// <summary>The ablation variants, in report order: the full method, then one stage changed at a time.</summary>
    internal static IReadOnlyList<(string Name, Func<StackingPipelineOptions, StackingPipelineOptions> Change)> AblationVariants { get; } =
    [
        ("full", o => o),
        ("no dedup", o => o with { Deduplicate = false }),
        ("no meta-features", o => o with { UseMetaFeatures = false }),
        ("ridge only", o => o with { MetaModels = [MetaModelKind.Ridge] }),
        ("lasso only", o => o with { MetaModels = [MetaModelKind.Lasso] }),
        ("elasticnet only", o => o with { MetaModels = [MetaModelKind.ElasticNet] }),
        ("no blend", o => o with { Blend = false }),
    ];

    /// <summary>Builds the command group.</summary>
    public static Command Create(CliConsole console)
    {
        var command = new Command("stack", "Stack base models' out-of-fold predictions with regularised meta-learning (SPEC §8).")
        {
            CreateFit(console), CreateApply(console), CreateAblate(console),
        };
        command.Add(StackOutliersCommand.Create(console));
        return command;
    }

    private sealed class PipelineOptions
    {
        public Option<bool> NoDedup { get; } = new("--no-dedup") { Description = "Keep every base model (skip de-duplication)." };
        public Option<bool> NoMeta { get; } = new("--no-meta-features") { Description = "Do not append the per-row meta-features (mean, std, median, range, …)." };
        public Option<string> Models { get; } = new("--models")
        {
            Description = "Meta-models, comma-separated: ridge, lasso, elasticnet.",
            DefaultValueFactory = _ => "ridge,lasso,elasticnet",
        };
        public Option<bool> NoBlend { get; } = new("--no-blend") { Description = "Use the meta-model with the lowest OOF RMSE instead of the inverse-RMSE blend." };
        public Option<double> TauCorr { get; } = new("--tau-corr")
        {
            Description = "De-duplication: a model is a duplicate when its Pearson ρ with a kept model is ≥ this …",
            DefaultValueFactory = _ => DeduplicationOptions.DefaultCorrelationThreshold,
        };
        public Option<double> TauMse { get; } = new("--tau-mse")
        {
            Description = "… and their mean squared difference is ≤ this (target scale).",
            DefaultValueFactory = _ => DeduplicationOptions.DefaultMseThreshold,
        };
        public Option<double> TauVar { get; } = new("--tau-var")
        {
            Description = "De-duplication: drop kept models whose prediction variance is below this.",
            DefaultValueFactory = _ => DeduplicationOptions.DefaultVarianceThreshold,
        };
        public Option<double> ClipQuantile { get; } = new("--clip-quantile")
        {
            Description = "Clip every meta-design column to its q and 1 − q quantiles on each fold's training rows (0 = off).",
            DefaultValueFactory = _ => StackingPipelineOptions.DefaultClipQuantile,
        };
        public Option<long> Seed { get; } = new("--seed") { Description = "Seed of the shuffled outer folds.", DefaultValueFactory = _ => StackingPipelineOptions.DefaultSeed };
        public Option<int> Folds { get; } = new("--folds") { Description = "Outer CV folds.", DefaultValueFactory = _ => StackingPipelineOptions.DefaultOuterFolds };
        public Option<string> Loss { get; } = new("--loss")
        {
            Description = "Loss reported beside RMSE, by which best single and hill climbing choose: rmse, or logloss for a 0/1 target with probability columns (the meta-models stay linear probability models, SPEC §8).",
            DefaultValueFactory = _ => "rmse",
        };

        public void AddTo(Command command, bool stages)
        {
            command.Add(Loss);
            if (stages)
            {
                command.Add(NoDedup);
                command.Add(NoMeta);
                command.Add(Models);
                command.Add(NoBlend);
            }
            command.Add(TauCorr);
            command.Add(TauMse);
            command.Add(TauVar);
            command.Add(ClipQuantile);
            command.Add(Seed);
            command.Add(Folds);
        }

        /// <summary>Whether --loss asks for log-loss; the target must then hold only 0 and 1 (checked here, naming the file and column).</summary>
        public bool LogLoss(ParseResult parsed, StackInput.PredictionTable table, string target)
        {
            string loss = parsed.GetValue(Loss)!;
            if (loss is not ("rmse" or "logloss"))
            {
                throw new UsageException($"--loss must be rmse or logloss. Got '{loss}'.");
            }
            if (loss == "rmse")
            {
                return false;
            }
            var y = table.Target!;
            for (int i = 0; i < y.Length; i++)
            {
                if (y[i] is not (0.0 or 1.0))
                {
                    throw new DataFileException(table.Path,
                        $"--loss logloss needs a 0/1 target, but column '{target}' holds {y[i].ToString(CultureInfo.InvariantCulture)} on data row {i + 1}.");
                }
            }
            return true;
        }

        public StackingPipelineOptions Bind(ParseResult parsed, bool stages)
        {
            var options = new StackingPipelineOptions
            {
                Deduplication = new DeduplicationOptions
                {
                    CorrelationThreshold = parsed.GetValue(TauCorr),
                    MseThreshold = parsed.GetValue(TauMse),
                    VarianceThreshold = parsed.GetValue(TauVar),
                },
                Seed = parsed.GetValue(Seed),
                OuterFolds = parsed.GetValue(Folds),
            };
            if (parsed.GetValue(Folds) < 2)
            {
                throw new UsageException($"--folds must be ≥ 2. Got {parsed.GetValue(Folds)}.");
            }
            double clip = parsed.GetValue(ClipQuantile);
            if (!(clip >= 0 && clip < 0.5))
            {
                throw new UsageException($"--clip-quantile must be in [0, 0.5) (0 = off). Got {clip.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
            }
            options = options with { ClipQuantile = clip };
            if (!stages)
            {
                return options;
            }
            return options with
            {
                Deduplicate = !parsed.GetValue(NoDedup),
                UseMetaFeatures = !parsed.GetValue(NoMeta),
                MetaModels = ParseModels(parsed.GetValue(Models)!),
                Blend = !parsed.GetValue(NoBlend),
            };
        }
    }

    private static Command CreateFit(CliConsole console)
    {
        var oof = new Option<string>("--oof") { Description = "Out-of-fold predictions: a CSV with one column per base model and the target column.", Required = true };
        var target = new Option<string>("--target", "-t") { Description = "Name of the target column in the OOF table.", Required = true };
        var test = new Option<string?>("--test") { Description = "Test predictions to stack: a CSV with the same base-model columns." };
        var output = new Option<string?>("--out", "-o") { Description = "CSV to write the stacked test predictions to (row, prediction); needs --test." };
        var save = new Option<string?>("--save-stack") { Description = "Save the fitted stack to this file (for 'tabod stack apply')." };
        var noBaselines = new Option<bool>("--no-baselines") { Description = "Skip the baselines (best single, means, Ridge stack, hill climbing, convex weights)." };
        var oofOut = new Option<string?>("--oof-out") { Description = "CSV to write the out-of-fold predictions to: row, target, the stack, each meta-model and each baseline." };
        var pipeline = new PipelineOptions();
        var command = new Command("fit", "Fit the stack and every baseline on the same outer folds; optionally predict a test table and save the stack.")
        {
            oof, target, test, output, save, noBaselines, oofOut,
        };
        pipeline.AddTo(command, stages: true);
        command.SetAction(parsed =>
        {
            string? testPath = parsed.GetValue(test), outPath = parsed.GetValue(output);
            if ((testPath is null) != (outPath is null))
            {
                throw new UsageException(testPath is null ? "--out needs --test (the predictions to stack)." : "--test needs --out (where to write the stacked predictions).");
            }
            var options = pipeline.Bind(parsed, stages: true);
            string targetName = parsed.GetValue(target)!;
            var table = StackInput.ReadOof(parsed.GetValue(oof)!, targetName);
            bool logLoss = pipeline.LogLoss(parsed, table, targetName);
            // Read the test table before the long fit, so that a bad file fails at once.
            var testTable = testPath is null ? null : StackInput.ReadTest(testPath, table.Models, table.Models.Length, targetName);
            var baselineList = Baselines(logLoss);

            WarmUp(console, options, table.Predictions, table.Target!, parsed.GetValue(noBaselines) ? [] : baselineList);
            var stacking = new StackingPipeline(options);
            var result = Run(console, $"fitting the stack on {table.Predictions.Rows} rows × {table.Models.Length} base models",
                () => Guard(() => stacking.Fit(table.Predictions, table.Target!)));
            IReadOnlyList<BaselineResult> baselines = [];
            if (!parsed.GetValue(noBaselines))
            {
                var folds = result.OuterFolds;
                var list = new List<BaselineResult>();
                foreach (var (name, fit) in baselineList)
                {
                    list.Add(Run(console, $"baseline {name}", () => Guard(() => fit(table.Predictions, table.Target!, folds))));
                }
                baselines = list;
            }

            double[]? predictions = null;
            if (testTable is not null)
            {
                predictions = result.Stack.Predict(testTable.Predictions);
                StackInput.WritePredictions(outPath!, predictions);
            }
            if (parsed.GetValue(oofOut) is { } oofPath)
            {
                var columns = new List<(string, IReadOnlyList<double>)> { ("target", table.Target!), ("stack", result.BlendOofPredictions) };
                columns.AddRange(result.MetaModels.Select(m => (m.Name, m.OofPredictions)));
                columns.AddRange(baselines.Select(b => (b.Name, b.OofPredictions)));
                StackInput.WriteColumns(oofPath, columns);
            }
            if (parsed.GetValue(save) is { } savePath)
            {
                StackInput.Save(savePath, result.Stack, table.Models, targetName);
            }
            ReportFit(console, table, targetName, result, baselines, testTable, predictions, logLoss);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateApply(CliConsole console)
    {
        var stack = new Option<string>("--stack") { Description = "A stack saved by 'tabod stack fit --save-stack'.", Required = true };
        var test = new Option<string>("--test") { Description = "Test predictions: a CSV with the stack's base-model columns.", Required = true };
        var output = new Option<string>("--out", "-o") { Description = "CSV to write the stacked predictions to (row, prediction).", Required = true };
        var command = new Command("apply", "Predict a test table with a saved stack.") { stack, test, output };
        command.SetAction(parsed =>
        {
            var file = StackInput.Load(parsed.GetValue(stack)!);
            var table = StackInput.ReadTest(parsed.GetValue(test)!, file.Models, file.Stack.BaseModels, file.Target);
            var predictions = file.Stack.Predict(table.Predictions);
            StackInput.WritePredictions(parsed.GetValue(output)!, predictions);
            var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
            grid.AddRow("stack", Markup.Escape($"{parsed.GetValue(stack)}: {file.Stack.Kept.Count} of {file.Stack.BaseModels} base models kept, "
                + $"meta-models {string.Join(", ", file.Stack.MetaModelNames)}"));
            grid.AddRow("predicted", Markup.Escape($"{table.Predictions.Rows} rows → {parsed.GetValue(output)}"));
            if (table.Target is { } y)
            {
                grid.AddRow("test RMSE", F(PredictionLosses.RootMeanSquaredError(y, predictions)));
            }
            console.Out.Write(grid);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateAblate(CliConsole console)
    {
        var oof = new Option<string>("--oof") { Description = "Out-of-fold predictions: a CSV with one column per base model and the target column.", Required = true };
        var target = new Option<string>("--target", "-t") { Description = "Name of the target column in the OOF table.", Required = true };
        var pipeline = new PipelineOptions();
        var command = new Command("ablate", "Fit the full method and each stage switched off in turn; report OOF RMSE, kept models, condition number and time.")
        {
            oof, target,
        };
        pipeline.AddTo(command, stages: false);
        command.SetAction(parsed =>
        {
            var options = pipeline.Bind(parsed, stages: false);
            var table = StackInput.ReadOof(parsed.GetValue(oof)!, parsed.GetValue(target)!);
            bool logLoss = pipeline.LogLoss(parsed, table, parsed.GetValue(target)!);
            WarmUp(console, options, table.Predictions, table.Target!, []);
            var rows = new List<(string Name, StackingResult Result)>();
            foreach (var (name, change) in AblationVariants)
            {
                var variant = new StackingPipeline(change(options));
                rows.Add((name, Run(console, $"ablation: {name}", () => Guard(() => variant.Fit(table.Predictions, table.Target!)))));
            }
            console.Out.Write(DataGrid(table, parsed.GetValue(target)!));
            double Score(StackingResult r) => logLoss ? PredictionLosses.LogLoss(table.Target!, [.. r.BlendOofPredictions]) : r.BlendOofRmse;
            double full = Score(rows[0].Result);
            var report = new Table().AddColumns(["variant", "OOF RMSE", .. logLoss ? new[] { "OOF log-loss" } : [], "Δ vs full", "kept models",
                "condition number", "meta-models", "seconds"]);
            foreach (var (name, result) in rows)
            {
                report.AddRow([Markup.Escape(name), F(result.BlendOofRmse), .. logLoss ? new[] { F(Score(result)) } : [], Delta(Score(result), full),
                    Kept(result, table), F(result.ConditionNumberAfter, "G4"), Markup.Escape(string.Join(", ", result.Stack.MetaModelNames)),
                    F(result.FitSeconds, "F2")]);
            }
            console.Out.Write(report);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The baselines in SPEC §8's order; with log-loss, best single and hill climbing choose by it instead of RMSE.</summary>
    private static (string Name, Func<DataMatrix, double[], FoldAssignment, BaselineResult> Fit)[] Baselines(bool logLoss)
    {
        var hillClimbing = logLoss ? new HillClimbingOptions { Loss = PredictionLosses.LogLoss } : null;
        var loss = logLoss ? PredictionLosses.LogLoss : null;
        return
        [
            ("best_single", (p, y, f) => StackingBaselines.BestSingle(p, y, default, f, loss)),
            ("simple_mean", (p, y, f) => StackingBaselines.SimpleMean(p, y, default, f)),
            ("inverse_rmse_mean", (p, y, f) => StackingBaselines.InverseRmseMean(p, y, default, f)),
            ("ridge_stack", (p, y, f) => StackingBaselines.RidgeStack(p, y, default, f)),
            ("hill_climbing", (p, y, f) => StackingBaselines.HillClimbing(p, y, default, f, hillClimbing)),
            ("convex_weights", (p, y, f) => StackingBaselines.ConvexWeights(p, y, default, f)),
        ];
    }

    private static void ReportFit(CliConsole console, StackInput.PredictionTable table, string target, StackingResult result,
        IReadOnlyList<BaselineResult> baselines, StackInput.PredictionTable? test, double[]? predictions, bool logLoss)
    {
        var grid = DataGrid(table, target);
        if (result.Deduplication is { } dedup)
        {
            int dropped = table.Models.Length - dedup.Kept.Count;
            grid.AddRow("de-duplication", $"kept {result.Kept.Count} of {table.Models.Length} base models ({dropped} dropped)");
        }
        double before = result.ConditionNumberBefore, after = result.ConditionNumberAfter;
        string change = double.IsFinite(before) && before > 0 && double.IsFinite(after) ? $" ({F(100 * (after - before) / before, "+0.0;-0.0")}%)" : "";
        grid.AddRow("condition number", $"{F(before, "G4")} → {F(after, "G4")}{change}");
        grid.AddRow("blend", Markup.Escape(string.Join(", ", result.MetaModels.Select(m => $"{m.Name} {F(m.BlendWeight, "F3")}"))));
        foreach (var meta in result.MetaModels.Where(m => m.Kind != MetaModelKind.Ridge))
        {
            grid.AddRow($"{meta.Name} zero weights", $"{F(100 * meta.ZeroCoefficientShare, "F1")}% (α = {F(meta.Alpha, "G3")}, ρ = {F(meta.L1Ratio, "G3")})");
        }
        if (test is not null)
        {
            grid.AddRow("test predictions", Markup.Escape($"{test.Predictions.Rows} rows from {test.Path}")
                + (test.Target is { } y ? $", test RMSE {F(PredictionLosses.RootMeanSquaredError(y, predictions!))}" + (logLoss ? $", test log-loss {F(TestLogLoss(y, predictions!))}" : "") : ""));
        }
        console.Out.Write(grid);

        // With log-loss, Δ compares log-losses; RMSE stays in its own column (the meta-models minimise squared error).
        var target01 = table.Target!;
        // The loss Δ compares (log-loss or RMSE) and the loss cells of one row, each loss computed once.
        (double Score, string[] Cells) Loss(double rmse, IReadOnlyList<double> oof)
        {
            if (!logLoss)
            {
                return (rmse, [F(rmse)]);
            }
            double value = PredictionLosses.LogLoss(target01, [.. oof]);
            return (value, [F(rmse), F(value)]);
        }
        var report = new Table().AddColumns(["method", "OOF RMSE", .. logLoss ? new[] { "OOF log-loss" } : [], "Δ vs stack", "kept models",
            "condition number", "seconds"]);
        var (stack, stackCells) = Loss(result.BlendOofRmse, result.BlendOofPredictions);
        string cond = F(result.ConditionNumberAfter, "G4");
        string kept = Kept(result, table);
        report.AddRow(["stack (full method)", .. stackCells, "", kept, cond, F(result.FitSeconds, "F2")]);
        foreach (var meta in result.MetaModels)
        {
            var (score, cells) = Loss(meta.OofRmse, meta.OofPredictions);
            report.AddRow([$"  {Markup.Escape(meta.Name)}", .. cells, Delta(score, stack), kept, cond, ""]);
        }
        string all = F(result.ConditionNumberBefore, "G4");
        foreach (var baseline in baselines)
        {
            int used = baseline.Weights.Count(w => w != 0);
            bool allColumns = baseline.Name is "simple_mean" or "inverse_rmse_mean" or "ridge_stack";
            var (score, cells) = Loss(baseline.OofRmse, baseline.OofPredictions);
            report.AddRow([Markup.Escape(baseline.Name), .. cells, Delta(score, stack), $"{used}", allColumns ? all : "—",
                F(baseline.FitSeconds, "F2")]);
        }
        console.Out.Write(report);
    }

    private static Grid DataGrid(StackInput.PredictionTable table, string target)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        grid.AddRow("data", Markup.Escape($"{table.Path}: {table.Predictions.Rows} rows × {table.Models.Length} base models, target '{target}'"));
        return grid;
    }

    private static string Kept(StackingResult result, StackInput.PredictionTable table) => $"{result.Kept.Count} of {table.Models.Length}";

    private static string Delta(double value, double reference) =>
        reference > 0 ? F(100 * (value - reference) / reference, "+0.00;-0.00;0.00") + "%" : "";

    /// <summary>Parses a --models list (ridge, lasso, elasticnet); errors are one-line usage errors.</summary>
    internal static IReadOnlyList<MetaModelKind> ParseModels(string text)
    {
        var kinds = new List<MetaModelKind>();
        foreach (string item in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var kind = item.ToLowerInvariant() switch
            {
                "ridge" => MetaModelKind.Ridge,
                "lasso" => MetaModelKind.Lasso,
                "elasticnet" or "elastic_net" or "elastic-net" => MetaModelKind.ElasticNet,
                _ => throw new UsageException($"--models: unknown meta-model '{item}'; use ridge, lasso, elasticnet."),
            };
            if (kinds.Contains(kind))
            {
                throw new UsageException($"--models names '{item}' twice.");
            }
            kinds.Add(kind);
        }
        return kinds.Count > 0 ? kinds : throw new UsageException("--models needs at least one of ridge, lasso, elasticnet.");
    }

    /// <summary>Runs a long step under a spinner on a terminal, or after a plain progress line when output is redirected.</summary>
    internal static T Run<T>(CliConsole console, string label, Func<T> step)
    {
        if (console.Out.Profile.Capabilities.Interactive)
        {
            return console.Out.Status().Start(Markup.Escape(label) + " …", _ => step());
        }
        console.Out.WriteLine($"{label} …");
        return step();
    }

    // Rows of the warm-up fit; tables under four times this size are not warmed up (it would cost as much as the fits).
    private const int WarmUpRows = 300;

    /// <summary>
    /// Runs the stack (and the baselines) once on the table's first rows, so that the seconds reported afterwards are
    /// each method's own, not the one-time compilation of the code they share, which would be charged to whichever
    /// method ran first. A slice the options cannot fit is skipped: the real fit reports the error.
    /// </summary>
    private static void WarmUp(CliConsole console, StackingPipelineOptions options, DataMatrix predictions, double[] target,
        IReadOnlyList<(string Name, Func<DataMatrix, double[], FoldAssignment, BaselineResult> Fit)> baselines)
    {
        if (predictions.Rows < 4 * WarmUpRows)
        {
            return;
        }
        int[] rows = [.. Enumerable.Range(0, WarmUpRows)];
        var slice = predictions.SelectRows(rows);
        var y = rows.Select(i => target[i]).ToArray();
        Run(console, "warming up", () =>
        {
            try
            {
                var result = new StackingPipeline(options).Fit(slice, y);
                foreach (var (_, fit) in baselines)
                {
                    fit(slice, y, result.OuterFolds);
                }
            }
            catch (ArgumentException)
            {
                // Nothing to warm up with; the fit on every row says what is wrong.
            }
            return 0;
        });
    }

    /// <summary>Turns the library's argument errors (bad thresholds, too few rows) into one-line usage errors.</summary>
    internal static T Guard<T>(Func<T> step)
    {
        try
        {
            return step();
        }
        catch (ArgumentException e)
        {
            string message = e.ParamName is { } name ? e.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : e.Message;
            throw new UsageException(message.ReplaceLineEndings(" ").Trim());
        }
    }

    // The test table's log-loss; a test target that is not 0/1 is reported, not fatal: the predictions are written.
    private static double TestLogLoss(double[] y, double[] prediction)
    {
        try
        {
            return PredictionLosses.LogLoss(y, prediction);
        }
        catch (ArgumentException)
        {
            return double.NaN;
        }
    }

    private static string F(double value, string format = "F4") => value.ToString(format, CultureInfo.InvariantCulture);
}
