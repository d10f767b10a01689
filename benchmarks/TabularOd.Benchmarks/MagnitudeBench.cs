using System.Diagnostics;
using System.Globalization;
using TabularOd.Compute;
using TabularOd.Data;
using TabularOd.Data.Splits;
using TabularOd.Detectors.Magnitude;

/// <summary>
/// The "magnitude" mode, run by benchmarks/peers/magnitude.py: the weighting-vector detector's exact solve against its
/// patch approximation, and the exact solve against SciPy's. --patch P, --cell S and --sweeps N set the
/// approximation's options (default: the detector's, 512, 64 and 1).
/// <list type="bullet">
/// <item><c>magnitude scores --out FILE.csv [--max-rows N] FILE.npz ...</c>: for each labelled table with at most N rows
/// (default 2000), fits the detector on all rows with method=exact and method=approx (other options at their defaults)
/// and writes one CSV line per row: dataset, row, label, exact score, approximate score. With --split SEED, fits on
/// the training rows of the MacrOData split instead (half the inliers) and writes the scores of its test rows (the
/// other inliers and every outlier, weighed as new points). Prints each dataset's fit seconds.</item>
/// <item><c>magnitude timing FILE.npz [--repeat N] [--scores FILE.csv]</c>: on the table's rows, the detector's fit time with
/// method=exact (best of N, default 2) and method=approx (best of 3), and both sets of training scores when asked; then Z = exp(−‖xᵢ − xⱼ‖) of the rows as given (t = 1, no
/// standardisation, the matrix the peer builds) and the time of SpdSolver.Factor + CholeskySolve on the default backend
/// for Z·w = 1 (best of N), with the magnitude Σw. Prints "key value" lines.</item>
/// </list>
/// </summary>
internal static class MagnitudeBench
{
    public static int Run(string[] args) => args switch
    {
        ["scores", .. var rest] => Scores(rest),
        ["timing", .. var rest] => Timing(rest),
        _ => Usage(),
    };

    private static int Usage()
    {
        Console.Error.WriteLine("usage: TabularOd.Benchmarks magnitude scores --out FILE.csv [--max-rows N] [--split SEED] [--patch P] [--cell S] [--sweeps N] FILE.npz ...");
        Console.Error.WriteLine("       TabularOd.Benchmarks magnitude timing FILE.npz [--repeat N] [--scores FILE.csv]");
        return 2;
    }

    private static int Scores(string[] args)
    {
        string? output = null;
        int maxRows = 2000;
        int? split = null;
        var files = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--out" when i + 1 < args.Length:
                    output = args[++i];
                    break;
                case "--max-rows" when i + 1 < args.Length:
                    maxRows = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--patch" when i + 1 < args.Length:
                    _patch = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--cell" when i + 1 < args.Length:
                    _cell = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--sweeps" when i + 1 < args.Length:
                    _sweeps = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--split" when i + 1 < args.Length:
                    split = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                default:
                    files.Add(args[i]);
                    break;
            }
        }
        if (output is null || files.Count == 0)
        {
            return Usage();
        }
        using var writer = new StreamWriter(output);
        writer.WriteLine("dataset,row,label,exact,approx");
        foreach (string path in files)
        {
            var table = DataReader.Read(path).Table;
            if (table?.Labels is null || table.Rows > maxRows)
            {
                continue;
            }
            // All rows: the training scores. With --split: fit on the split's training rows, score its test rows.
            var pair = split is { } seed ? MacrODataSplit.Split(table, seed) : null;
            var train = pair?.Train.Features ?? table.Features;
            var clock = Stopwatch.StartNew();
            var exact = Fit(train, WeightingVectorMethod.Exact);
            double exactSeconds = clock.Elapsed.TotalSeconds;
            clock.Restart();
            var approx = Fit(train, WeightingVectorMethod.Approx);
            double approxSeconds = clock.Elapsed.TotalSeconds;
            var labels = (pair?.Test.Labels ?? table.Labels)!;
            double[] exactScores = pair is null ? exact.TrainingScores.ToArray() : exact.Score(pair.Test.Features);
            double[] approxScores = pair is null ? approx.TrainingScores.ToArray() : approx.Score(pair.Test.Features);
            for (int i = 0; i < labels.Length; i++)
            {
                writer.WriteLine(string.Join(',', table.Name, i.ToString(CultureInfo.InvariantCulture), labels[i].ToString(CultureInfo.InvariantCulture),
                    R(exactScores[i]), R(approxScores[i])));
            }
            Console.WriteLine($"fit {table.Name} rows {train.Rows} features {table.Columns} exact_seconds {R(exactSeconds)} approx_seconds {R(approxSeconds)} "
                + $"jitter {R(exact.Jitter)} {R(approx.Jitter)}");
        }
        return 0;
    }

    private static int Timing(string[] args)
    {
        if (args.Length == 0)
        {
            return Usage();
        }
        int repeat = 2;
        string? scoresPath = null;
        for (int i = 1; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--repeat":
                    repeat = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--scores":
                    scoresPath = args[i + 1];
                    break;
                case "--patch":
                    _patch = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--cell":
                    _cell = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--sweeps":
                    _sweeps = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                default:
                    return Usage();
            }
        }
        var x = (DataReader.Read(args[0]).Table ?? throw new InvalidDataException($"{args[0]} holds no table")).Features;
        int n = x.Rows, d = x.Columns;
        var backend = ComputeBackends.Default;
        Console.WriteLine($"backend {backend.Name}");
        Console.WriteLine($"rows {n} features {d} patch {_patch} cell {_cell} sweeps {_sweeps}");

        // Warm-up: JIT, thread pool and native library on a small problem.
        var small = x.SelectRows(Enumerable.Range(0, Math.Min(n, 500)).ToArray());
        Fit(small, WeightingVectorMethod.Exact);
        Fit(small, WeightingVectorMethod.Approx);

        double approxSeconds = Best(3, () => Fit(x, WeightingVectorMethod.Approx), out var approx);
        Console.WriteLine($"approx_fit_seconds {R(approxSeconds)}");
        double exactSeconds = Best(repeat, () => Fit(x, WeightingVectorMethod.Exact), out var exact);
        Console.WriteLine($"exact_fit_seconds {R(exactSeconds)}");
        Console.WriteLine($"fit_ratio_exact_over_approx {R(exactSeconds / approxSeconds)}");
        Console.WriteLine($"detector_magnitude_exact {R(exact.Magnitude)} approx {R(approx.Magnitude)} jitter {R(exact.Jitter)}");
        if (scoresPath is not null)
        {
            File.WriteAllLines(scoresPath, ["exact,approx", .. Enumerable.Range(0, n).Select(i => R(exact.TrainingScores[i]) + "," + R(approx.TrainingScores[i]))]);
        }
        exact = null!;
        approx = null!;
        GC.Collect();

        var clock = Stopwatch.StartNew();
        var z = new double[(long)n * n];
        backend.SquaredDistances<double>(x.AsSpan(), n, d, z);
        // The whole matrix, as the peer's exp(−cdist) is; the solver reads the lower triangle.
        Parallel.For(0, n, i =>
        {
            var row = z.AsSpan(i * n, n);
            for (int j = 0; j < n; j++)
            {
                row[j] = Math.Exp(-Math.Sqrt(row[j]));
            }
        });
        Console.WriteLine($"kernel_seconds {R(clock.Elapsed.TotalSeconds)}");
        var factor = new double[(long)n * n];
        var weights = new double[n];
        double jitter = 0;
        double solveSeconds = Best(repeat, () =>
        {
            jitter = SpdSolver.Factor(backend, z, n, factor);
            weights.AsSpan().Fill(1.0);
            backend.CholeskySolve(factor, n, weights, 1);
            return 0;
        }, out _);
        Console.WriteLine($"solve_jitter {R(jitter)}");
        Console.WriteLine($"solve_magnitude {R(weights.Sum())}");
        Console.WriteLine($"solve_seconds {R(solveSeconds)}");
        return 0;
    }

    // The approximation's patch and cell sizes (--patch, --cell); the detector's defaults unless given.
    private static int _patch = WeightingVectorOptions.DefaultPatchSize;
    private static int _cell = WeightingVectorOptions.DefaultCellSize;
    private static int _sweeps = WeightingVectorOptions.DefaultSweeps;

    private static FittedWeightingVector Fit(DataMatrix x, WeightingVectorMethod method) =>
        (FittedWeightingVector)new WeightingVectorDetector(new WeightingVectorOptions { Method = method, PatchSize = _patch, CellSize = _cell, Sweeps = _sweeps }).Fit(x);

    private static double Best<T>(int repeat, Func<T> work, out T result)
    {
        double best = double.PositiveInfinity;
        result = default!;
        for (int i = 0; i < repeat; i++)
        {
            result = default!; // Let the previous result go before the next run allocates its own.
            GC.Collect();
            var clock = Stopwatch.StartNew();
            result = work();
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        return best;
    }

    private static string R(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
