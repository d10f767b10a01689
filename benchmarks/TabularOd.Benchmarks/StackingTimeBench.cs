using System.Diagnostics;
using System.Globalization;
using TabularOd.Data;
using TabularOd.Stacking;

/// <summary>
/// The "stacking-time" mode: steady-state seconds of the SPEC §8 stack and of the baselines it is compared with, on
/// one OOF prediction file, so that the ratio is not the first run's JIT compilation (which `tabod stack fit` charges
/// to whichever method runs first).
/// <para>
/// <c>stacking-time --oof OOF.csv --target NAME [--repeat 5] [--threads 0] [--skip-plain]</c>: every method runs once to warm up,
/// then --repeat times; the median is printed. Methods: the full stack (SPEC defaults: de-duplication, meta-features,
/// Ridge/Lasso/ElasticNet, blend) with active-set steps (the default) and without (scikit-learn's plain coordinate
/// descent), Ridge stacking on the raw columns and hill climbing — all over the same 10 outer folds (seed 42), as
/// `tabod stack fit` evaluates them. --threads caps both the stack's and hill climbing's parallelism (0: every core);
/// --skip-plain leaves out plain coordinate descent, which takes minutes on wide designs.
/// </para>
/// </summary>
internal static class StackingTimeBench
{
    public static int Run(string[] args)
    {
        string? oofPath = null, target = null;
        int repeat = 5, threads = 0;
        bool skipPlain = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--oof" when i + 1 < args.Length:
                    oofPath = args[++i];
                    break;
                case "--target" when i + 1 < args.Length:
                    target = args[++i];
                    break;
                case "--repeat" when i + 1 < args.Length:
                    repeat = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--threads" when i + 1 < args.Length:
                    threads = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--skip-plain":
                    skipPlain = true;
                    break;
                default:
                    return Usage();
            }
        }
        if (oofPath is null || target is null || repeat < 1 || threads < 0)
        {
            return Usage();
        }
        var (x, y) = ReadOof(oofPath, target);
        Console.WriteLine($"{oofPath}: {x.Rows} rows × {x.Columns} base models; median of {repeat} runs after one warm-up; threads {(threads == 0 ? "all" : threads)}");

        var options = new StackingPipelineOptions { MaxDegreeOfParallelism = threads };
        var folds = new StackingPipeline(options).OuterFolds(x.Rows);
        var hillClimbing = new HillClimbingOptions { MaxDegreeOfParallelism = threads };
        var methods = new (string Name, Func<double> Fit)[]
        {
            ("stack (full method)", () => new StackingPipeline(options).Fit(x, y).BlendOofRmse),
            ("stack, plain coordinate descent", () => new StackingPipeline(options with { ActiveSetSolve = false }).Fit(x, y).BlendOofRmse),
            ("ridge_stack", () => StackingBaselines.RidgeStack(x, y, default, folds).OofRmse),
            ("hill_climbing", () => StackingBaselines.HillClimbing(x, y, default, folds, hillClimbing).OofRmse),
        };
        var medians = new Dictionary<string, double>();
        foreach (var (name, fit) in methods)
        {
            if (skipPlain && name.Contains("plain", StringComparison.Ordinal))
            {
                continue;
            }
            double rmse = fit();
            var seconds = new double[repeat];
            for (int r = 0; r < repeat; r++)
            {
                var clock = Stopwatch.StartNew();
                fit();
                seconds[r] = clock.Elapsed.TotalSeconds;
            }
            Array.Sort(seconds);
            medians[name] = seconds[repeat / 2];
            Console.WriteLine($"method {name,-32} oof_rmse {rmse.ToString("G6", CultureInfo.InvariantCulture),-10} seconds {medians[name].ToString("F3", CultureInfo.InvariantCulture)}");
        }
        double ratio = medians["hill_climbing"] / medians["stack (full method)"];
        Console.WriteLine($"hill climbing / stack time ratio {ratio.ToString("F2", CultureInfo.InvariantCulture)}");
        return 0;
    }

    private static (DataMatrix X, double[] Y) ReadOof(string path, string target)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        int t = Array.IndexOf(header, target);
        if (t < 0)
        {
            throw new ArgumentException($"{path}: no column '{target}'.");
        }
        var x = new DataMatrix(lines.Length - 1, header.Length - 1);
        var y = new double[lines.Length - 1];
        for (int i = 1; i < lines.Length; i++)
        {
            var fields = lines[i].Split(',');
            for (int j = 0, c = 0; j < fields.Length; j++)
            {
                double value = double.Parse(fields[j], CultureInfo.InvariantCulture);
                if (j == t)
                {
                    y[i - 1] = value;
                }
                else
                {
                    x[i - 1, c++] = value;
                }
            }
        }
        return (x, y);
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: TabularOd.Benchmarks stacking-time --oof OOF.csv --target NAME [--repeat 5] [--threads 0] [--skip-plain]");
        return 2;
    }
}
