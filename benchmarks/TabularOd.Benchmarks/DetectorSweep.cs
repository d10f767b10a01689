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
/// <c>--param DETECTOR:key=value</c> (repeatable) overrides one hyperparameter of one chosen detector (passed to
/// its descriptor's CreateFrom); the others stay at their defaults.
/// </summary>
internal static class DetectorSweep
{
    public const string Header = "dataset,detector,train_rows,test_rows,features,auroc,fit_seconds,score_seconds,nonfinite_scores,error";

    public const string Usage =
        "usage: TabularOd.Benchmarks detectors --out results.csv [--detectors knn,lof,...] [--param DETECTOR:key=value ...] FILE|FOLDER ...\n"
        + "  --param DETECTOR:key=value  set one hyperparameter of one detector (repeatable), e.g. --param ae:epochs=100";

    public static int Run(string[] args)
    {
        string? output = null;
        string[]? names = null;
        var inputs = new List<string>();
        var parameters = new List<string>();
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
                case "--param" when i + 1 < args.Length:
                    parameters.Add(args[++i]);
                    break;
                default:
                    inputs.Add(args[i]);
                    break;
            }
        }
        if (output is null || inputs.Count == 0)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        var descriptors = (names ?? DetectorCatalog.All.Select(d => d.Name).ToArray())
            .Select(n => DetectorCatalog.Find(n) ?? throw new ArgumentException($"--detectors: unknown detector '{n}'"))
            .ToArray();
        Dictionary<string, Dictionary<string, string>> settings;
        try
        {
            settings = ParseParameters(parameters, descriptors);
            foreach (var descriptor in descriptors)
            {
                // Unknown keys or bad values fail here, once, rather than on every dataset.
                descriptor.CreateFrom(SettingsFor(descriptor, settings));
            }
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }
        string[] files = inputs
            .SelectMany<string, string>(p => Directory.Exists(p) ? Directory.GetFiles(p, "*.npz").Order(StringComparer.Ordinal) : [p])
            .ToArray();

        // Warm the JIT on a tiny problem so that the first dataset's timings are not compile time.
        WarmUp(descriptors, settings);

        using var writer = new StreamWriter(output) { AutoFlush = true };
        writer.WriteLine(Header);
        var clock = Stopwatch.StartNew();
        for (int f = 0; f < files.Length; f++)
        {
            SweepFile(files[f], descriptors, settings, writer);
            if ((f + 1) % 25 == 0 || f + 1 == files.Length)
            {
                Console.Error.WriteLine($"{f + 1}/{files.Length} datasets, {clock.Elapsed.TotalSeconds:F0} s");
            }
        }
        Console.WriteLine($"peak_rss_mib {PeakResidentMib():F1}");
        return 0;
    }

    /// <summary>
    /// The --param values grouped by detector name ("ae:epochs=100" → settings["ae"]["epochs"] = "100"). A detector
    /// name that is unknown or not among the chosen detectors, or a malformed value, is an error.
    /// </summary>
    public static Dictionary<string, Dictionary<string, string>> ParseParameters(IEnumerable<string> parameters, IReadOnlyList<DetectorDescriptor> chosen)
    {
        var settings = new Dictionary<string, Dictionary<string, string>>(StringComparer.OrdinalIgnoreCase);
        foreach (string parameter in parameters)
        {
            int colon = parameter.IndexOf(':');
            int equals = colon < 0 ? -1 : parameter.IndexOf('=', colon + 1);
            if (colon <= 0 || equals <= colon + 1)
            {
                throw new ArgumentException($"--param '{parameter}': expected DETECTOR:key=value, e.g. ae:epochs=100.");
            }
            string detector = parameter[..colon].Trim(), key = parameter[(colon + 1)..equals].Trim(), value = parameter[(equals + 1)..].Trim();
            var descriptor = DetectorCatalog.Find(detector)
                ?? throw new ArgumentException($"--param '{parameter}': unknown detector '{detector}'.");
            if (!chosen.Any(d => d.Name == descriptor.Name))
            {
                throw new ArgumentException($"--param '{parameter}': detector '{descriptor.Name}' is not among --detectors ({string.Join(",", chosen.Select(d => d.Name))}).");
            }
            if (!settings.TryGetValue(descriptor.Name, out var values))
            {
                settings[descriptor.Name] = values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            }
            values[key] = value;
        }
        return settings;
    }

    private static IReadOnlyDictionary<string, string> SettingsFor(DetectorDescriptor descriptor, Dictionary<string, Dictionary<string, string>> settings) =>
        settings.TryGetValue(descriptor.Name, out var values) ? values : new Dictionary<string, string>();

    private static void SweepFile(string path, IReadOnlyList<DetectorDescriptor> descriptors, Dictionary<string, Dictionary<string, string>> settings, StreamWriter writer)
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
                var fitted = descriptor.CreateFrom(SettingsFor(descriptor, settings)).Fit(train);
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

    private static void WarmUp(IReadOnlyList<DetectorDescriptor> descriptors, Dictionary<string, Dictionary<string, string>> settings)
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
            d.CreateFrom(SettingsFor(d, settings)).Fit(rows).Score(rows);
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
