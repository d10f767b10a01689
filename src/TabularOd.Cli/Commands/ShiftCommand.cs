using System.CommandLine;
using System.Globalization;
using TabularOd.Data;
using TabularOd.Data.Preprocessing;
using TabularOd.Evaluation;
using TabularOd.Shift;

namespace TabularOd.Cli.Commands;

/// <summary>
/// <c>tabod shift --train A [--test B] [--method dwkmm|kmm|logistic] [--out weights.csv]</c>: estimates covariate-shift
/// weights between training and test rows (standardised with training statistics unless told otherwise), reports
/// the effective sample size of the training weights and the features whose distributions moved most, and writes
/// one weight per row (and an OOD score per test row) when asked.
/// </summary>
/// <remarks>
/// The feature table ranks features by their train-versus-test AUROC's distance from 0.5 (the probability that a
/// random test value exceeds a random training value), with the standardised mean difference beside it.
/// </remarks>
public static class ShiftCommand
{
    /// <summary>
    /// The kernel methods hold the pooled (n + t)² kernel matrix; beyond this many pooled rows (≈ 1.2 GB) the command
    /// refuses them with a one-line error that suggests the logistic ratio.
    /// </summary>
    /// <remarks>
    /// Unlike the <c>dwkmm</c> detector, which only needs an OOD score per batch row and so, above its
    /// <c>max_rows</c>, solves seeded random chunks against a seeded training subsample
    /// (<see cref="ChunkedDoubleWeighting"/>), this command reports a weight β for every training row and the
    /// effective sample size of those weights: a subsample would leave most training rows without a weight, so the
    /// command refuses rather than approximate silently.
    /// </remarks>
    public const int MaxKernelRows = 12_000;

    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console)
    {
        var train = new Option<string>("--train") { Description = "Training data: a MacrOData .npz (train and test in one file) or a table.", Required = true };
        var test = new Option<string?>("--test") { Description = "Test rows (a table); not needed when --train is a MacrOData pair." };
        var method = new Option<string>("--method", "-m")
        {
            Description = "dwkmm (double-weighting KMM: train and test weights), kmm (train weights) or logistic (discriminative ratio).",
            DefaultValueFactory = _ => "dwkmm",
        };
        method.AcceptOnlyFromAmong("dwkmm", "kmm", "logistic");
        var output = new Option<string?>("--out", "-o") { Description = "CSV to write: set (train/test), row, weight, and the OOD score of test rows." };
        var scale = new Option<string>("--scale")
        {
            Description = "Feature scaling fitted on the training rows before the kernel or classifier: standard or none.",
            DefaultValueFactory = _ => "standard",
        };
        scale.AcceptOnlyFromAmong("standard", "none");
        var d = new Option<double>("--d") { Description = "DW-KMM's D ≥ 1 (1 = KMM); larger lets more test rows lose weight.", DefaultValueFactory = _ => DoubleWeightingOptions.DefaultD };
        var seed = new Option<int>("--seed") { Description = "Seed of the row sample behind the kernel width (over 1000 rows).", DefaultValueFactory = _ => 0 };
        var top = new Option<int>("--top") { Description = "How many of the most shifted features to list.", DefaultValueFactory = _ => 10 };
        var readOptions = new Data.ReadOptionsBinding();
        var command = new Command("shift", "Estimate covariate-shift weights between training and test rows and show what moved.")
        {
            train, test, method, output, scale, d, seed, top,
        };
        readOptions.AddTo(command);
        command.SetAction(parsed =>
        {
            string chosen = parsed.GetValue(method)!;
            if (parsed.GetValue(top) < 0)
            {
                throw new UsageException($"--top must be ≥ 0. Got {parsed.GetValue(top)}.");
            }
            var pair = PairInput.Load(parsed.GetValue(train)!, parsed.GetValue(test), readOptions.Bind(parsed));
            int pooled = pair.Train.Rows + pair.Test.Rows;
            if (chosen != "logistic" && pooled > MaxKernelRows)
            {
                double gigabytes = (double)pooled * pooled * sizeof(double) / 1e9;
                throw new UsageException(
                    $"--method {chosen} holds an (n + t)² kernel matrix: {pooled} pooled rows need {gigabytes.ToString("F1", CultureInfo.InvariantCulture)} GB; use --method logistic or subsample the rows (limit {MaxKernelRows}).");
            }
            var (trainRows, testRows) = Scale(parsed.GetValue(scale)!, pair.Train.Features, pair.Test.Features);
            ShiftWeights weights;
            try
            {
                weights = chosen switch
                {
                    "kmm" => KernelMeanMatching.Fit(trainRows, testRows, new KernelMeanMatchingOptions { Seed = parsed.GetValue(seed) }),
                    "logistic" => LogisticDensityRatio.Fit(trainRows, testRows),
                    _ => DoubleWeighting.Fit(trainRows, testRows, new DoubleWeightingOptions { D = parsed.GetValue(d), Seed = parsed.GetValue(seed) }),
                };
            }
            catch (ArgumentException e)
            {
                throw new UsageException(e.Message.ReplaceLineEndings(" "));
            }
            if (parsed.GetValue(output) is { } path)
            {
                WriteWeights(path, weights);
            }
            if (!weights.Converged)
            {
                console.Warn($"the solver stopped at its iteration limit ({weights.Iterations} steps); the weights are approximate.");
            }
            Report(console, chosen, pair, weights, FeatureShift.Rank(pair.Train.Features, pair.Test.Features), parsed.GetValue(top));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static (DataMatrix Train, DataMatrix Test) Scale(string method, DataMatrix train, DataMatrix test)
    {
        if (method == "none")
        {
            return (train, test);
        }
        var fitted = new StandardScaler().Fit(train);
        return (fitted.Transform(train), fitted.Transform(test));
    }

    private static void WriteWeights(string path, ShiftWeights weights)
    {
        using var writer = new StreamWriter(path);
        writer.WriteLine("set,row,weight,ood_score");
        for (int i = 0; i < weights.TrainWeights.Length; i++)
        {
            writer.WriteLine($"train,{i},{weights.TrainWeights[i].ToString("R", CultureInfo.InvariantCulture)},");
        }
        for (int j = 0; j < weights.TestWeights.Length; j++)
        {
            string score = weights.TestScores is { } s ? s[j].ToString("R", CultureInfo.InvariantCulture) : "";
            writer.WriteLine($"test,{j},{weights.TestWeights[j].ToString("R", CultureInfo.InvariantCulture)},{score}");
        }
    }

    private static void Report(CliConsole console, string method, TrainTestPair pair, ShiftWeights weights, IReadOnlyList<FeatureDrift> drifts, int top)
    {
        static string F(double value, string format = "F4") => value.ToString(format, CultureInfo.InvariantCulture);
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        void Row(string key, string value) => grid.AddRow(new Text(key), new Text(value));
        int n = pair.Train.Rows;
        Row("method", method);
        Row("data", $"{pair.Name}: train {n}×{pair.Train.Columns}, test {pair.Test.Rows}");
        Row("solver", (double.IsNaN(weights.Sigma) ? "" : $"σ = {F(weights.Sigma)}, ")
            + $"{weights.Iterations} iterations, {(weights.Converged ? "converged" : "NOT converged")}");
        double ess = weights.EffectiveSampleSize;
        Row("effective sample size", $"{F(ess, "F1")} of {n} training rows ({F(100 * ess / n, "F1")}%)");
        if (weights.TestScores is { } scores)
        {
            if (weights.Method == ShiftMethod.DwKmm)
            {
                Row("down-weighted test rows", $"{weights.TestWeights.Count(a => a < 0.5)} of {scores.Length} with α < 0.5");
            }
            Row("mean OOD score", $"{F(scores.Average())} ({(weights.Method == ShiftMethod.DwKmm ? "1 − α" : "P(test | x)")})");
            if (pair.Test.Labels is { } labels && OutlierMetrics.Auroc(labels, scores) is { } auroc)
            {
                Row("OOD AUROC vs test labels", F(auroc));
            }
        }
        console.Out.Write(grid);
        if (top == 0)
        {
            return;
        }
        console.Out.WriteLine("Most shifted features (ranked by |AUROC − 0.5|, train vs test):");
        var table = new Table().AddColumns("feature", "AUROC", "std. mean diff.", "train mean", "test mean");
        foreach (var drift in drifts.Take(top))
        {
            table.AddRow(Markup.Escape(pair.Train.FeatureNames[drift.Feature]), F(drift.Auroc), F(drift.StandardizedMeanDifference),
                F(drift.TrainMean, "G6"), F(drift.TestMean, "G6"));
        }
        console.Out.Write(table);
    }
}
