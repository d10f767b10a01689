using System.Diagnostics;
using System.Globalization;
using System.Text;
using TabularOd.Data;
using TabularOd.Data.Preprocessing;
using TabularOd.Data.Splits;
using TabularOd.Detectors;
using TabularOd.Detectors.Neural;
using TabularOd.Evaluation;

/// <summary>
/// The "autoencoders" mode: does mean-shift scoring (MSS, SPEC §4) raise the AUROC of the plain autoencoder (ae) and of
/// the probabilistic one scored by APRE (pae)? For every ADBench table and run seed s = 0..runs − 1 the table is split
/// with the MacrOData protocol (<see cref="MacrODataSplit"/>, seed s: half of the inliers train, the other inliers and
/// every outlier test), standardised with the training statistics (as the "detectors" mode does), and one network
/// (detector seeds=1, seed s) is trained per detector. Each trained network scores the test rows twice, without and with
/// MSS (<see cref="FittedAutoencoder.WithMeanShiftScoring"/>; training once, since MSS does not change training).
/// One CSV line per (dataset, run, variant): the test AUROC and the fit seconds (training for ae/pae; training plus the
/// mean-shift fit and rescoring of the training rows for the +mss variants). A summary follows on standard output.
/// </summary>
internal static class AutoencoderEvidence
{
    public const string Header = "dataset,run,variant,auroc,fit_seconds";

    private static readonly string[] Variants = ["ae", "ae+mss", "pae", "pae+mss"];

    private sealed record Result(string Dataset, int Run, string Variant, double Auroc, double FitSeconds);

    public static int Run(string[] args)
    {
        string? output = null;
        int runs = 3, epochs = AutoencoderTrainingOptions.DefaultEpochs, parallel = 1;
        var inputs = new List<string>();
        try
        {
            for (int i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--out" when i + 1 < args.Length:
                        output = args[++i];
                        break;
                    case "--seeds" when i + 1 < args.Length:
                        runs = int.Parse(args[++i], CultureInfo.InvariantCulture);
                        break;
                    case "--epochs" when i + 1 < args.Length:
                        epochs = int.Parse(args[++i], CultureInfo.InvariantCulture);
                        break;
                    case "--parallel" when i + 1 < args.Length:
                        parallel = int.Parse(args[++i], CultureInfo.InvariantCulture);
                        break;
                    default:
                        inputs.Add(args[i]);
                        break;
                }
            }
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        if (output is null || inputs.Count == 0 || runs < 1 || epochs < 1 || parallel < 1)
        {
            Console.Error.WriteLine("usage: TabularOd.Benchmarks autoencoders --out results.csv [--seeds 3] [--epochs 1000] [--parallel 1] FILE|FOLDER ...");
            return 2;
        }
        string[] files = inputs
            .SelectMany<string, string>(p => Directory.Exists(p) ? Directory.GetFiles(p, "*.npz").Order(StringComparer.Ordinal) : [p])
            .ToArray();

        WarmUp();
        var clock = Stopwatch.StartNew();
        var results = new List<Result>();
        var jobs = new List<(string Dataset, int Run, bool Probabilistic, DataMatrix Train, DataMatrix Test, int[] Labels)>();
        foreach (string path in files)
        {
            string dataset = Path.GetFileNameWithoutExtension(path);
            var table = DataReader.Read(path).Table ?? throw new DataFileException(path, "holds a train/test pair, not one ADBench table");
            for (int run = 0; run < runs; run++)
            {
                var pair = MacrODataSplit.Split(table, run);
                var scaler = new StandardScaler().Fit(pair.Train.Features);
                var (train, test) = (scaler.Transform(pair.Train.Features), scaler.Transform(pair.Test.Features));
                var labels = pair.Test.Labels ?? throw new DataFileException(path, "has no labels");
                jobs.Add((dataset, run, false, train, test, labels));
                jobs.Add((dataset, run, true, train, test, labels));
            }
        }

        // Lines are written as jobs finish (so a partial run leaves its results), then rewritten in a fixed order.
        var gate = new object();
        using (var writer = new StreamWriter(output) { AutoFlush = true })
        {
            writer.WriteLine(Header);
            int done = 0;
            Parallel.ForEach(jobs, new ParallelOptions { MaxDegreeOfParallelism = parallel }, job =>
            {
                var lines = Evaluate(job.Dataset, job.Run, job.Probabilistic, epochs, job.Train, job.Test, job.Labels);
                lock (gate)
                {
                    done++;
                    foreach (var r in lines)
                    {
                        results.Add(r);
                        writer.WriteLine(Line(r));
                    }
                    Console.Error.WriteLine(
                        $"[{done}/{jobs.Count}, {clock.Elapsed.TotalSeconds:F0} s] {job.Dataset} run {job.Run} (train {job.Train.Rows}×{job.Train.Columns}, test {job.Test.Rows}): "
                        + string.Join(", ", lines.Select(r => $"{r.Variant} {r.Auroc:F4} ({r.FitSeconds:F1} s)")));
                }
            });
        }
        var ordered = results
            .OrderBy(r => Array.IndexOf(files, files.First(f => Path.GetFileNameWithoutExtension(f) == r.Dataset)))
            .ThenBy(r => r.Run)
            .ThenBy(r => Array.IndexOf(Variants, r.Variant))
            .ToList();
        File.WriteAllLines(output, [Header, .. ordered.Select(Line)]);

        Console.Write(Summary(ordered, files.Length, runs, epochs, clock.Elapsed.TotalSeconds));
        return 0;
    }

    private static Result[] Evaluate(string dataset, int run, bool probabilistic, int epochs, DataMatrix train, DataMatrix test, int[] labels)
    {
        var clock = Stopwatch.StartNew();
        IOutlierDetector detector = probabilistic
            ? new ProbabilisticAutoencoderDetector(new ProbabilisticAutoencoderOptions { Seeds = 1, Seed = run, Epochs = epochs })
            : new AutoencoderDetector(new AutoencoderOptions { Seeds = 1, Seed = run, Epochs = epochs });
        var plain = (FittedAutoencoder)detector.Fit(train);
        double trainSeconds = clock.Elapsed.TotalSeconds;
        var shifted = plain.WithMeanShiftScoring(train, meanShiftScoring: true);
        double shiftSeconds = clock.Elapsed.TotalSeconds;
        string name = detector.Name;
        return
        [
            new(dataset, run, name, OutlierMetrics.Auroc(labels, plain.Score(test)) ?? double.NaN, trainSeconds),
            new(dataset, run, name + "+mss", OutlierMetrics.Auroc(labels, shifted.Score(test)) ?? double.NaN, shiftSeconds),
        ];
    }

    private static string Summary(List<Result> results, int fileCount, int runs, int epochs, double seconds)
    {
        // Mean over runs first, then over datasets.
        var perDataset = results
            .GroupBy(r => r.Dataset)
            .Select(g => (Dataset: g.Key, Mean: Variants.ToDictionary(v => v, v => g.Where(r => r.Variant == v).Select(r => r.Auroc).DefaultIfEmpty(double.NaN).Average())))
            .ToList();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"datasets {perDataset.Count} of {fileCount}, runs {runs}, epochs {epochs}, wall {seconds:F0} s");
        text.AppendLine();
        text.AppendLine("| dataset | ae | ae+mss | pae | pae+mss |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var (dataset, mean) in perDataset)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {dataset} | {string.Join(" | ", Variants.Select(v => mean[v].ToString("F4", CultureInfo.InvariantCulture)))} |");
        }
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| **mean** | {string.Join(" | ", Variants.Select(v => perDataset.Average(p => p.Mean[v]).ToString("F4", CultureInfo.InvariantCulture)))} |");
        text.AppendLine();
        foreach (string baseline in new[] { "pae", "ae" })
        {
            string withMss = baseline + "+mss";
            var valid = perDataset.Where(p => double.IsFinite(p.Mean[baseline]) && double.IsFinite(p.Mean[withMss])).ToList();
            int raised = valid.Count(p => p.Mean[withMss] > p.Mean[baseline]);
            double relative = valid.Average(p => (p.Mean[withMss] - p.Mean[baseline]) / p.Mean[baseline]);
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{withMss} > {baseline}: {raised}/{valid.Count} datasets ({100.0 * raised / valid.Count:F1}%); mean relative improvement {100 * relative:+0.00;-0.00}%");
        }
        return text.ToString();
    }

    private static string Line(Result r) => string.Join(',', r.Dataset, r.Run.ToString(CultureInfo.InvariantCulture), r.Variant,
        r.Auroc.ToString("R", CultureInfo.InvariantCulture), r.FitSeconds.ToString("F3", CultureInfo.InvariantCulture));

    // JIT the training and scoring paths on a tiny problem so the first dataset's timings are not compile time.
    private static void WarmUp()
    {
        var random = new TabularOd.Sampling.SeededRandom(1);
        var values = new double[200 * 4];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = random.NextGaussian();
        }
        var rows = DataMatrix.FromRowMajor(200, 4, values);
        foreach (var fitted in new[]
                 {
                     (FittedAutoencoder)new AutoencoderDetector(new AutoencoderOptions { Seeds = 1, Epochs = 5 }).Fit(rows),
                     (FittedAutoencoder)new ProbabilisticAutoencoderDetector(new ProbabilisticAutoencoderOptions { Seeds = 1, Epochs = 5 }).Fit(rows),
                 })
        {
            fitted.WithMeanShiftScoring(rows, true).Score(rows);
        }
    }
}
