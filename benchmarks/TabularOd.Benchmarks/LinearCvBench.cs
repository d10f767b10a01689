using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using TabularOd.Compute;
using TabularOd.Data;
using TabularOd.Stacking;

/// <summary>
/// The "linear-cv" mode, run by benchmarks/peers/linear_cv.py: the CV path time of the three linear meta-models on one
/// regression matrix, for a side-by-side with scikit-learn's RidgeCV / LassoCV / ElasticNetCV.
/// <para>
/// <c>linear-cv --x X.npy --y Y.npy [--repeat 3] [--parallel 1] [--out RESULT.json]</c>: X is a 2-D array (rows ×
/// columns), Y a 2-D array with one column (or any file <see cref="DataReader"/> reads; Y's first column is the target).
/// Fits <see cref="RidgeCvRegressor"/> over logspace(−3, 5, 50) (efficient leave-one-out), and
/// <see cref="ElasticNetCvRegressor"/> over logspace(−5, 1, 30) with 3 unshuffled folds, 10000 sweeps and tolerance 1e-4,
/// once with ρ = 1 (Lasso) and once over ρ ∈ {0.1, 0.5, 0.7, 0.9, 0.95, 0.99, 1}. Each model: one warm-up fit, then
/// the best of --repeat timed fits. --parallel sets ElasticNetCvOptions.MaxDegreeOfParallelism (default 1, as
/// scikit-learn's n_jobs=None; 0 = one thread per processor). Prints one line per model,
/// "model NAME seconds S alpha A l1_ratio R", then "seconds TOTAL"; --out writes the chosen α, ρ, coefficients and
/// intercept of each model as JSON.
/// </para>
/// </summary>
internal static class LinearCvBench
{
    public static int Run(string[] args)
    {
        string? xPath = null, yPath = null, outPath = null;
        int repeat = 3, parallel = 1;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--x" when i + 1 < args.Length:
                    xPath = args[++i];
                    break;
                case "--y" when i + 1 < args.Length:
                    yPath = args[++i];
                    break;
                case "--out" when i + 1 < args.Length:
                    outPath = args[++i];
                    break;
                case "--repeat" when i + 1 < args.Length:
                    repeat = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--parallel" when i + 1 < args.Length:
                    parallel = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                default:
                    return Usage();
            }
        }
        if (xPath is null || yPath is null || repeat < 1 || parallel < 0)
        {
            return Usage();
        }

        var x = DataReader.Read(xPath).Table!.Features;
        var yMatrix = DataReader.Read(yPath).Table!.Features;
        if (yMatrix.Rows != x.Rows)
        {
            Console.Error.WriteLine($"--x has {x.Rows} rows but --y has {yMatrix.Rows}.");
            return 1;
        }
        var y = yMatrix.Column(0).ToArray();
        Console.WriteLine($"rows {x.Rows} columns {x.Columns} backend {ComputeBackends.Selection} parallel {parallel} processors {Environment.ProcessorCount}");

        var ridge = new RidgeCvRegressor(new RidgeCvOptions { Alphas = AlphaGrid.Ridge() });
        var lasso = new ElasticNetCvRegressor(new ElasticNetCvOptions
        {
            Alphas = AlphaGrid.Sparse(),
            L1Ratios = [1.0],
            Folds = 3,
            Shuffle = false,
            MaxIterations = 10000,
            Tolerance = 1e-4,
            MaxDegreeOfParallelism = parallel,
        });
        var elasticNet = new ElasticNetCvRegressor(lasso.Options with { L1Ratios = AlphaGrid.L1Ratios() });

        var results = new List<Dictionary<string, object>>();
        double total = 0;
        void Report(string name, double seconds, double alpha, double l1Ratio, LinearModel model)
        {
            total += seconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"model {name} seconds {seconds:F4} alpha {alpha:R} l1_ratio {l1Ratio:R}"));
            results.Add(new Dictionary<string, object>
            {
                ["model"] = name,
                ["seconds"] = seconds,
                ["alpha"] = alpha,
                ["l1_ratio"] = l1Ratio,
                ["intercept"] = model.Intercept,
                ["coef"] = model.Coefficients.ToArray(),
            });
        }

        var (ridgeSeconds, ridgeFit) = BestOf(repeat, () => ridge.Fit(x, y));
        Report("ridge_cv", ridgeSeconds, ridgeFit.Alpha, double.NaN, ridgeFit.Model);
        var (lassoSeconds, lassoFit) = BestOf(repeat, () => lasso.Fit(x, y));
        Report("lasso_cv", lassoSeconds, lassoFit.Alpha, lassoFit.L1Ratio, lassoFit.Model.Model);
        var (enetSeconds, enetFit) = BestOf(repeat, () => elasticNet.Fit(x, y));
        Report("elastic_net_cv", enetSeconds, enetFit.Alpha, enetFit.L1Ratio, enetFit.Model.Model);

        if (outPath is not null)
        {
            var json = JsonSerializer.Serialize(results, new JsonSerializerOptions
            {
                NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
            });
            File.WriteAllText(outPath, json);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seconds {total:F4}"));
        return 0;
    }

    /// <summary>One untimed warm-up call (JIT, page faults, thread pool), then the fastest of <paramref name="repeat"/>.</summary>
    private static (double Seconds, T Result) BestOf<T>(int repeat, Func<T> work)
    {
        T result = work();
        double best = double.PositiveInfinity;
        for (int r = 0; r < repeat; r++)
        {
            var clock = Stopwatch.StartNew();
            result = work();
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        return (best, result);
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: TabularOd.Benchmarks linear-cv --x X.npy --y Y.npy [--repeat 3] [--parallel 1] [--out RESULT.json]");
        return 2;
    }
}
