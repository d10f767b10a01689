using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using TabularOd.Data;
using TabularOd.Data.Preprocessing;
using TabularOd.Detectors;
using TabularOd.Evaluation;

namespace TabularOd.Cli.Commands;

/// <summary>
/// <c>tabod detect --detector NAME [--param k=v …] --train FILE [--test FILE] --out scores.csv</c>: fits one
/// detector on the training rows (standardised with training statistics unless told otherwise), scores the
/// test rows, writes one score per test row, and prints AUROC/AUPRC when the test labels are known.
/// </summary>
public static class DetectCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console)
    {
        var detector = new Option<string>("--detector", "-d") { Description = "Detector name (see 'tabod detectors').", Required = true };
        var parameters = new Option<string[]>("--param", "-p")
        {
            Description = "A hyperparameter as name=value; repeat for several.",
            AllowMultipleArgumentsPerToken = false,
        };
        var train = new Option<string>("--train") { Description = "Training data: a MacrOData .npz (train and test in one file) or a table.", Required = true };
        var test = new Option<string?>("--test") { Description = "Rows to score (a table); not needed when --train is a MacrOData pair." };
        var output = new Option<string?>("--out", "-o") { Description = "CSV to write: row, score, predicted label and (when known) the true label." };
        var scale = new Option<string>("--scale")
        {
            Description = "Feature scaling fitted on the training rows: standard, robust, minmax or none.",
            DefaultValueFactory = _ => "standard",
        };
        scale.AcceptOnlyFromAmong("standard", "robust", "minmax", "none");
        var saveModel = new Option<string?>("--save-model") { Description = "Also save the fitted model to this file." };
        var readOptions = new Data.ReadOptionsBinding();
        var command = new Command("detect", "Fit one detector on training rows and score test rows.")
        {
            detector, parameters, train, test, output, scale, saveModel,
        };
        readOptions.AddTo(command);
        command.SetAction(parsed =>
        {
            var descriptor = DetectorCatalog.Find(parsed.GetValue(detector)!)
                ?? throw new UsageException($"unknown detector '{parsed.GetValue(detector)}'; known detectors are: {string.Join(", ", DetectorCatalog.All.Select(d => d.Name))}.");
            var settings = ParseSettings(parsed.GetValue(parameters) ?? []);
            IOutlierDetector model;
            try
            {
                model = descriptor.CreateFrom(settings);
            }
            catch (ArgumentException e)
            {
                throw new UsageException(e.Message);
            }
            var pair = PairInput.Load(parsed.GetValue(train)!, parsed.GetValue(test), readOptions.Bind(parsed));
            var (trainRows, testRows) = Scale(parsed.GetValue(scale)!, pair.Train.Features, pair.Test.Features);

            var clock = Stopwatch.StartNew();
            FittedDetector fitted;
            try
            {
                fitted = model.Fit(trainRows);
            }
            catch (ArgumentException e)
            {
                throw new UsageException(e.Message);
            }
            double fitSeconds = clock.Elapsed.TotalSeconds;
            clock.Restart();
            var scores = fitted.Score(testRows);
            double scoreSeconds = clock.Elapsed.TotalSeconds;
            var predicted = fitted.Label(scores);

            if (parsed.GetValue(output) is { } path)
            {
                WriteScores(path, scores, predicted, pair.Test.Labels);
            }
            if (parsed.GetValue(saveModel) is { } modelPath)
            {
                fitted.Save(modelPath);
            }
            Report(console, descriptor, settings, pair, fitSeconds, scoreSeconds, scores, predicted);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Dictionary<string, string> ParseSettings(string[] items)
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string item in items)
        {
            int equals = item.IndexOf('=');
            if (equals <= 0)
            {
                throw new UsageException($"--param '{item}' must look like name=value.");
            }
            settings[item[..equals].Trim()] = item[(equals + 1)..].Trim();
        }
        return settings;
    }

    private static (DataMatrix Train, DataMatrix Test) Scale(string method, DataMatrix train, DataMatrix test)
    {
        IScaler? scaler = method switch
        {
            "standard" => new StandardScaler(),
            "robust" => new RobustScaler(),
            "minmax" => new MinMaxScaler(),
            _ => null,
        };
        if (scaler is null)
        {
            return (train, test);
        }
        var fitted = scaler.Fit(train);
        return (fitted.Transform(train), fitted.Transform(test));
    }

    private static void WriteScores(string path, double[] scores, int[] predicted, int[]? truth)
    {
        using var writer = new StreamWriter(path);
        writer.WriteLine(truth is null ? "row,score,predicted" : "row,score,predicted,label");
        for (int i = 0; i < scores.Length; i++)
        {
            string line = $"{i},{scores[i].ToString("R", CultureInfo.InvariantCulture)},{predicted[i]}";
            writer.WriteLine(truth is null ? line : $"{line},{truth[i]}");
        }
    }

    private static void Report(CliConsole console, DetectorDescriptor descriptor, Dictionary<string, string> settings, TrainTestPair pair,
        double fitSeconds, double scoreSeconds, double[] scores, int[] predicted)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        void Row(string key, string value) => grid.AddRow(new Text(key), new Text(value));
        Row("detector", descriptor.Name + (settings.Count == 0 ? "" : " (" + string.Join(", ", settings.Select(kv => $"{kv.Key}={kv.Value}")) + ")"));
        Row("data", $"{pair.Name}: train {pair.Train.Rows}×{pair.Train.Columns}, test {pair.Test.Rows}");
        Row("time", $"fit {fitSeconds:F3} s, score {scoreSeconds:F3} s");
        Row("flagged", $"{predicted.Sum()} of {scores.Length} test rows above the training threshold");
        if (pair.Test.Labels is { } labels)
        {
            var metrics = OutlierMetrics.Compute(labels, scores);
            Row("AUROC", metrics.Auroc is { } auroc ? auroc.ToString("F4", CultureInfo.InvariantCulture) : "undefined (one class in the test labels)");
            Row("AUPRC", metrics.Auprc is { } auprc ? auprc.ToString("F4", CultureInfo.InvariantCulture) : "undefined (one class in the test labels)");
        }
        console.Out.Write(grid);
    }
}
