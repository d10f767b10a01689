using System.Diagnostics;
using System.Globalization;
using TabularOd.Data;
using TabularOd.Data.Preprocessing;
using TabularOd.Shift;

/// <summary>
/// The "shift-timing" mode: seconds and gradient steps of one DW-KMM solve (SPEC §6 defaults) with and without the QP
/// solver's low-rank warm start, alternated in the same process, on the 300-row outside-support case of
/// TabularOd.Shift.ShiftScenarios and on the first --rows/2 training and test rows (standardised with training
/// statistics) of each given MacrOData file. Each line is the best of --repeat solves.
/// </summary>
internal static class ShiftSolverTiming
{
    public static int Run(string[] args)
    {
        int rows = 1000, repeat = 3;
        var files = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--rows" when i + 1 < args.Length:
                    rows = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--repeat" when i + 1 < args.Length:
                    repeat = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                default:
                    files.Add(args[i]);
                    break;
            }
        }
        Console.WriteLine("case,pooled_rows,plain_steps,plain_seconds,warm_steps,warm_seconds,speedup,plain_objective,warm_objective");
        var (train, test, _) = ShiftScenarios.OutsideSupport(300, 240, 60, seed: 1);
        Compare("outside-support-300", train, test, repeat);
        foreach (string path in files)
        {
            var pair = DataReader.Read(path).Pair ?? throw new DataFileException(path, "holds no train/test pair");
            var scaler = new StandardScaler().Fit(pair.Train.Features);
            var (n, t) = (Math.Min(rows / 2, pair.Train.Rows), Math.Min(rows / 2, pair.Test.Rows));
            Compare(Path.GetFileNameWithoutExtension(path),
                scaler.Transform(pair.Train.Features).SelectRows(Enumerable.Range(0, n).ToArray()),
                scaler.Transform(pair.Test.Features).SelectRows(Enumerable.Range(0, t).ToArray()), repeat);
        }
        return 0;
    }

    private static void Compare(string name, DataMatrix train, DataMatrix test, int repeat)
    {
        var plainOptions = new DoubleWeightingOptions { Solver = new ProjectedGradientSolver { LowRankWarmStart = false } };
        var warmOptions = new DoubleWeightingOptions();
        double plainBest = double.PositiveInfinity, warmBest = double.PositiveInfinity;
        ShiftWeights? plain = null, warm = null;
        for (int r = 0; r < repeat; r++)
        {
            var clock = Stopwatch.StartNew();
            plain = DoubleWeighting.Fit(train, test, plainOptions);
            plainBest = Math.Min(plainBest, clock.Elapsed.TotalSeconds);
            clock.Restart();
            warm = DoubleWeighting.Fit(train, test, warmOptions);
            warmBest = Math.Min(warmBest, clock.Elapsed.TotalSeconds);
        }
        Console.WriteLine(string.Join(',', name, train.Rows + test.Rows, plain!.Iterations, F(plainBest), warm!.Iterations, F(warmBest),
            F(plainBest / warmBest, "F2"), plain.Objective.ToString("E4", CultureInfo.InvariantCulture), warm.Objective.ToString("E4", CultureInfo.InvariantCulture)));
    }

    private static string F(double value, string format = "F3") => value.ToString(format, CultureInfo.InvariantCulture);
}
