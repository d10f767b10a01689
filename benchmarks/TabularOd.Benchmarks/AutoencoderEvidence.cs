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
/// <para>
/// <c>--setting transductive</c> is the unsupervised setting of the MSS-PAE paper (Tan et al., arXiv:2304.00709): every
/// run fits on all rows of the table (outliers included; standardised with the statistics of all rows) and the AUROC is
/// that of the fitted model's training scores (<see cref="FittedDetector.TrainingScores"/>) against the labels, so MSS acts
/// on the mean shift of the training rows themselves. Runs differ only in the network seed. <c>--variants pae</c> (or
/// <c>ae</c>, or <c>ae,pae</c>, the default) restricts which networks are trained.
/// </para>
/// <para>
/// <c>--mss-grid K:M,K:M,…</c> also scores every trained network with mean shift at each listed k (neighbours,
/// counting the point itself) and m (iterations, 1–3), as variants <c>pae+mss(k=K;m=M)</c>
/// (<see cref="FittedAutoencoder.WithMeanShiftScoring(DataMatrix, int, int)"/>; no retraining): a sensitivity study of
/// the SPEC defaults k = 10, m = 1, which the plain <c>+mss</c> variant keeps.
/// </para>
/// </summary>
internal static class AutoencoderEvidence
{
    public const string Header = "dataset,run,variant,auroc,fit_seconds";

    public const string Usage = "usage: TabularOd.Benchmarks autoencoders --out results.csv [--seeds 3] [--epochs 1000] [--parallel 1] [--setting split|transductive] [--variants ae,pae] [--mss-grid K:M,...] FILE|FOLDER ...";

    private static readonly string[] AllVariants = ["ae", "ae+mss", "pae", "pae+mss"];

    private sealed record Result(string Dataset, int Run, string Variant, double Auroc, double FitSeconds);

    public static int Run(string[] args)
    {
        string? output = null;
        int runs = 3, epochs = AutoencoderTrainingOptions.DefaultEpochs, parallel = 1;
        bool transductive = false;
        string[] networks = ["ae", "pae"];
        var grid = new List<(int K, int M)>();
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
                    case "--setting" when i + 1 < args.Length:
                        transductive = args[++i] switch
                        {
                            "split" => false,
                            "transductive" => true,
                            var other => throw new FormatException($"unknown setting '{other}' (split or transductive)"),
                        };
                        break;
                    case "--variants" when i + 1 < args.Length:
                        networks = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                        if (networks.Length == 0 || networks.Any(v => v is not ("ae" or "pae")))
                        {
                            throw new FormatException($"unknown variants '{args[i]}' (ae, pae or ae,pae)");
                        }
                        break;
                    case "--mss-grid" when i + 1 < args.Length:
                        foreach (string pair in args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                        {
                            var parts = pair.Split(':');
                            if (parts.Length != 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out int k) || k < 1
                                || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out int m) || m is < 1 or > 3)
                            {
                                throw new FormatException($"--mss-grid: '{pair}' is not K:M with K ≥ 1 and M in 1–3");
                            }
                            grid.Add((k, m));
                        }
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
            Console.Error.WriteLine(Usage);
            return 2;
        }
        string[] files = inputs
            .SelectMany<string, string>(p => Directory.Exists(p) ? Directory.GetFiles(p, "*.npz").Order(StringComparer.Ordinal) : [p])
            .ToArray();

        string[] variants = AllVariants.Where(v => networks.Contains(v.Split('+')[0]))
            .SelectMany<string, string>(v => v.Contains('+') ? [v, .. grid.Select(g => GridVariant(v.Split('+')[0], g))] : [v])
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
                if (transductive)
                {
                    // All rows (outliers included) train and are scored: the test rows are the training rows.
                    var all = new StandardScaler().Fit(table.Features).Transform(table.Features);
                    var allLabels = table.Labels ?? throw new DataFileException(path, "has no labels");
                    foreach (string network in networks)
                    {
                        jobs.Add((dataset, run, network == "pae", all, all, allLabels));
                    }
                    continue;
                }
                var pair = MacrODataSplit.Split(table, run);
                var scaler = new StandardScaler().Fit(pair.Train.Features);
                var (train, test) = (scaler.Transform(pair.Train.Features), scaler.Transform(pair.Test.Features));
                var labels = pair.Test.Labels ?? throw new DataFileException(path, "has no labels");
                foreach (string network in networks)
                {
                    jobs.Add((dataset, run, network == "pae", train, test, labels));
                }
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
                var lines = Evaluate(job.Dataset, job.Run, job.Probabilistic, epochs, job.Train, transductive ? null : job.Test, job.Labels, grid);
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
            .ThenBy(r => Array.IndexOf(variants, r.Variant))
            .ToList();
        File.WriteAllLines(output, [Header, .. ordered.Select(Line)]);

        Console.Write(Summary(ordered, variants, transductive ? "transductive" : "split", files.Length, runs, epochs, clock.Elapsed.TotalSeconds));
        return 0;
    }

    private static string GridVariant(string network, (int K, int M) g) =>
        string.Create(CultureInfo.InvariantCulture, $"{network}+mss(k={g.K};m={g.M})");

    /// <param name="test">The rows to score, or null to take the training scores (the transductive setting).</param>
    private static Result[] Evaluate(string dataset, int run, bool probabilistic, int epochs, DataMatrix train, DataMatrix? test, int[] labels,
        IReadOnlyList<(int K, int M)> grid)
    {
        var clock = Stopwatch.StartNew();
        IOutlierDetector detector = probabilistic
            ? new ProbabilisticAutoencoderDetector(new ProbabilisticAutoencoderOptions { Seeds = 1, Seed = run, Epochs = epochs })
            : new AutoencoderDetector(new AutoencoderOptions { Seeds = 1, Seed = run, Epochs = epochs });
        var plain = (FittedAutoencoder)detector.Fit(train);
        double trainSeconds = clock.Elapsed.TotalSeconds;
        string name = detector.Name;
        double Auroc(FittedAutoencoder model) =>
            OutlierMetrics.Auroc(labels, test is null ? model.TrainingScores : model.Score(test)) ?? double.NaN;
        var results = new List<Result> { new(dataset, run, name, Auroc(plain), trainSeconds) };
        var shifted = plain.WithMeanShiftScoring(train, meanShiftScoring: true);
        results.Add(new(dataset, run, name + "+mss", Auroc(shifted), clock.Elapsed.TotalSeconds));
        foreach (var g in grid)
        {
            var start = clock.Elapsed.TotalSeconds;
            var variant = plain.WithMeanShiftScoring(train, g.K, g.M);
            results.Add(new(dataset, run, GridVariant(name, g), Auroc(variant), trainSeconds + clock.Elapsed.TotalSeconds - start));
        }
        return [.. results];
    }

    private static string Summary(List<Result> results, string[] variants, string setting, int fileCount, int runs, int epochs, double seconds)
    {
        // Mean over runs first, then over datasets.
        var perDataset = results
            .GroupBy(r => r.Dataset)
            .Select(g => (Dataset: g.Key, Mean: variants.ToDictionary(v => v, v => g.Where(r => r.Variant == v).Select(r => r.Auroc).DefaultIfEmpty(double.NaN).Average())))
            .ToList();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"setting {setting}, datasets {perDataset.Count} of {fileCount}, runs {runs}, epochs {epochs}, wall {seconds:F0} s");
        text.AppendLine();
        text.AppendLine($"| dataset | {string.Join(" | ", variants)} |");
        text.AppendLine($"|---|{string.Concat(variants.Select(_ => "---:|"))}");
        foreach (var (dataset, mean) in perDataset)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {dataset} | {string.Join(" | ", variants.Select(v => mean[v].ToString("F4", CultureInfo.InvariantCulture)))} |");
        }
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| **mean** | {string.Join(" | ", variants.Select(v => perDataset.Average(p => p.Mean[v]).ToString("F4", CultureInfo.InvariantCulture)))} |");
        text.AppendLine();
        foreach (var (baseline, withMss) in new[] { "pae", "ae" }.Where(variants.Contains)
                     .SelectMany(b => variants.Where(v => v.StartsWith(b + "+mss", StringComparison.Ordinal)).Select(v => (b, v))))
        {
            var valid = perDataset.Where(p => double.IsFinite(p.Mean[baseline]) && double.IsFinite(p.Mean[withMss])).ToList();
            int raised = valid.Count(p => p.Mean[withMss] > p.Mean[baseline]);
            var relatives = valid.Select(p => (p.Mean[withMss] - p.Mean[baseline]) / p.Mean[baseline]).Order().ToArray();
            double relative = relatives.Average();
            double median = relatives.Length % 2 == 1
                ? relatives[relatives.Length / 2]
                : (relatives[relatives.Length / 2 - 1] + relatives[relatives.Length / 2]) / 2;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{withMss} > {baseline}: {raised}/{valid.Count} datasets ({100.0 * raised / valid.Count:F1}%); mean relative improvement {100 * relative:+0.00;-0.00}%; median {100 * median:+0.00;-0.00}%");
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
