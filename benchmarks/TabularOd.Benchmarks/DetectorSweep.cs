using System.Diagnostics;
using System.Globalization;
using TabularOd.Data;
using TabularOd.Data.Preprocessing;
using TabularOd.Detectors;
using TabularOd.Evaluation;

/// <summary>
/// The "detectors" mode: every MacrOData pair of the given files and folders × every chosen detector at its
/// defaults. Rows are standardised with training statistics (as benchmarks/peers/detectors.py does for
/// scikit-learn), the detector is fitted on the training rows and scores the test rows; one CSV line per
/// (dataset, detector) with the test AUROC, the fit and score seconds, the count of non-finite training and test
/// scores, and the error message when the detector threw. A failure is recorded and the sweep goes on.
/// </summary>
internal static class DetectorSweep
{
    public const string Header = "dataset,detector,train_rows,test_rows,features,auroc,fit_seconds,score_seconds,nonfinite_scores,error";

    public static int Run(string[] args)
    {
        string? output = null;
        string[]? names = null;
        var inputs = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--out" when i + 1 < args.Length:
                    output = args[++i];
                    break;
                case "--detectors" when i + 1 < args.Length:
                    names = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    break;
                default:
                    inputs.Add(args[i]);
                    break;
            }
        }
        if (output is null || inputs.Count == 0)
        {
            Console.Error.WriteLine("usage: TabularOd.Benchmarks detectors --out results.csv [--detectors knn,lof,...] FILE|FOLDER ...");
            return 2;
        }
        var descriptors = (names ?? DetectorCatalog.All.Select(d => d.Name).ToArray())
            .Select(n => DetectorCatalog.Find(n) ?? throw new ArgumentException($"--detectors: unknown detector '{n}'"))
            .ToArray();
        string[] files = inputs
            .SelectMany<string, string>(p => Directory.Exists(p) ? Directory.GetFiles(p, "*.npz").Order(StringComparer.Ordinal) : [p])
            .ToArray();

        // Warm the JIT on a tiny problem so that the first dataset's timings are not compile time.
        WarmUp(descriptors);

        using var writer = new StreamWriter(output) { AutoFlush = true };
        writer.WriteLine(Header);
        var clock = Stopwatch.StartNew();
        for (int f = 0; f < files.Length; f++)
        {
            SweepFile(files[f], descriptors, writer);
            if ((f + 1) % 25 == 0 || f + 1 == files.Length)
            {
                Console.Error.WriteLine($"{f + 1}/{files.Length} datasets, {clock.Elapsed.TotalSeconds:F0} s");
            }
        }
        Console.WriteLine($"peak_rss_mib {PeakResidentMib():F1}");
        return 0;
    }

    private static void SweepFile(string path, IReadOnlyList<DetectorDescriptor> descriptors, StreamWriter writer)
    {
        string dataset = Path.GetFileNameWithoutExtension(path);
        TrainTestPair pair;
        DataMatrix train, test;
        try
        {
            pair = DataReader.Read(path).Pair ?? throw new DataFileException(path, "holds no train/test pair");
            var scaler = new StandardScaler().Fit(pair.Train.Features);
            (train, test) = (scaler.Transform(pair.Train.Features), scaler.Transform(pair.Test.Features));
        }
        catch (Exception e)
        {
            foreach (var d in descriptors)
            {
                writer.WriteLine($"{dataset},{d.Name},,,,,,,,{Quote(e.Message)}");
            }
            return;
        }
        int[]? labels = pair.Test.Labels;
        foreach (var descriptor in descriptors)
        {
            string prefix = $"{dataset},{descriptor.Name},{train.Rows},{test.Rows},{train.Columns}";
            var clock = Stopwatch.StartNew();
            try
            {
                var fitted = descriptor.CreateFrom(new Dictionary<string, string>()).Fit(train);
                double fitSeconds = clock.Elapsed.TotalSeconds;
                clock.Restart();
                double[] scores = fitted.Score(test);
                double scoreSeconds = clock.Elapsed.TotalSeconds;
                int nonFinite = CountNonFinite(scores) + CountNonFinite(fitted.TrainingScores);
                double? auroc = labels is null ? null : OutlierMetrics.Auroc(labels, scores);
                writer.WriteLine(string.Join(',', prefix, Format(auroc), Format(fitSeconds), Format(scoreSeconds),
                    nonFinite.ToString(CultureInfo.InvariantCulture), ""));
            }
            catch (Exception e)
            {
                writer.WriteLine($"{prefix},,{Format(clock.Elapsed.TotalSeconds)},,,{Quote(e.GetType().Name + ": " + e.Message)}");
            }
        }
    }

    private static void WarmUp(IReadOnlyList<DetectorDescriptor> descriptors)
    {
        var random = new TabularOd.Sampling.SeededRandom(1);
        var values = new double[300 * 4];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = random.NextGaussian();
        }
        var rows = DataMatrix.FromRowMajor(300, 4, values);
        foreach (var d in descriptors)
        {
            d.CreateFrom(new Dictionary<string, string>()).Fit(rows).Score(rows);
        }
    }

    private static int CountNonFinite(ReadOnlySpan<double> scores)
    {
        int count = 0;
        foreach (double s in scores)
        {
            if (!double.IsFinite(s))
            {
                count++;
            }
        }
        return count;
    }

    private static string Format(double? value) =>
        value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    private static string Quote(string message) => "\"" + message.Replace("\"", "'").Replace('\n', ' ') + "\"";

    /// <summary>The process's high-water resident set (VmHWM) in MiB; the managed peak working set elsewhere.</summary>
    public static double PeakResidentMib()
    {
        const string status = "/proc/self/status";
        if (File.Exists(status))
        {
            foreach (string line in File.ReadLines(status))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    string kb = line["VmHWM:".Length..].Trim().Split(' ')[0];
                    return double.Parse(kb, CultureInfo.InvariantCulture) / 1024.0;
                }
            }
        }
        return Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
    }
}
