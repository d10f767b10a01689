using System.Diagnostics;
using System.Globalization;
using TabularOd.Data;
using TabularOd.Evaluation;
using TabularOd.Sampling;
using TabularOd.Shift;

/// <summary>
/// The "shift" mode: the evidence for the covariate-shift module (SPEC §6) on two constructed cases, over several
/// seeds. (1) A biased split on one feature (train rows kept with probability 0.85 where x₁ ≤ 0, 0.15 elsewhere,
/// test rows the mirror image;
/// labels y = 1{x₂ &gt; x₁² − 1 + noise}): test accuracy of an L2 logistic model (C = 1) fitted unweighted and
/// weighted by each method's β. (2) Test rows outside the training support (N((5, 5), 0.5²I) against training
/// N(0, I)): AUROC of each method's OOD score for those rows, DW-KMM over SPEC's D grid. The same cases, smaller,
/// are unit tests (tests/TabularOd.Tests/Shift); the cases are TabularOd.Shift.ShiftScenarios.
/// </summary>
internal static class ShiftEvidence
{
    public static int Run(string[] args)
    {
        int seeds = 10, rows = 300;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--seeds" when i + 1 < args.Length:
                    seeds = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--rows" when i + 1 < args.Length:
                    rows = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                default:
                    Console.Error.WriteLine($"unknown argument '{args[i]}'");
                    return 2;
            }
        }
        BiasedSplit(seeds, rows);
        OutsideSupport(seeds, rows);
        return 0;
    }

    private static void BiasedSplit(int seeds, int rows)
    {
        Console.WriteLine($"biased split: {rows} train / {rows} test rows, {seeds} seeds; test accuracy of L2 logistic regression (C = 1)");
        Console.WriteLine("method,mean_unweighted,mean_weighted,seeds_weighted_better,seeds_tied,mean_ess,mean_seconds,all_converged");
        foreach (var method in new[] { ShiftMethod.DwKmm, ShiftMethod.Kmm, ShiftMethod.Logistic })
        {
            double unweighted = 0, weighted = 0, ess = 0, seconds = 0;
            int better = 0, tied = 0;
            bool converged = true;
            for (int seed = 1; seed <= seeds; seed++)
            {
                var (train, trainLabels, test, testLabels) = ShiftScenarios.BiasedSplit(rows, rows, seed);
                var clock = Stopwatch.StartNew();
                var weights = Estimate(method, train, test, D: DoubleWeightingOptions.DefaultD);
                seconds += clock.Elapsed.TotalSeconds;
                converged &= weights.Converged;
                double plain = ShiftScenarios.WeightedLogisticAccuracy(train, trainLabels, null, test, testLabels);
                double reweighted = ShiftScenarios.WeightedLogisticAccuracy(train, trainLabels, weights.TrainWeights, test, testLabels);
                unweighted += plain;
                weighted += reweighted;
                better += reweighted > plain ? 1 : 0;
                tied += reweighted == plain ? 1 : 0;
                ess += weights.EffectiveSampleSize;
            }
            Console.WriteLine(string.Join(',', method, F(unweighted / seeds), F(weighted / seeds), better, tied, F(ess / seeds, "F1"), F(seconds / seeds, "F3"), converged));
        }
    }

    private static void OutsideSupport(int seeds, int rows)
    {
        int outside = rows / 5, inside = rows - outside;
        Console.WriteLine($"outside support: {rows} train, {inside} inside + {outside} outside test rows, {seeds} seeds; AUROC of the OOD score for the outside rows");
        Console.WriteLine("method,D,mean_auroc,min_auroc,mean_seconds,all_converged");
        var grid = DoubleWeighting.DGrid();
        foreach (double d in grid)
        {
            Report(ShiftMethod.DwKmm, d);
        }
        Report(ShiftMethod.Logistic, double.NaN);

        void Report(ShiftMethod method, double d)
        {
            double sum = 0, min = 1, seconds = 0;
            bool converged = true;
            for (int seed = 1; seed <= seeds; seed++)
            {
                var (train, test, labels) = ShiftScenarios.OutsideSupport(rows, inside, outside, seed);
                var clock = Stopwatch.StartNew();
                var weights = Estimate(method, train, test, d);
                seconds += clock.Elapsed.TotalSeconds;
                converged &= weights.Converged;
                double auroc = OutlierMetrics.Auroc(labels, weights.TestScores!) ?? double.NaN;
                sum += auroc;
                min = Math.Min(min, auroc);
            }
            Console.WriteLine(string.Join(',', method, double.IsNaN(d) ? "" : F(d, "F3"), F(sum / seeds), F(min), F(seconds / seeds, "F3"), converged));
        }
    }

    private static ShiftWeights Estimate(ShiftMethod method, DataMatrix train, DataMatrix test, double D) => method switch
    {
        ShiftMethod.DwKmm => DoubleWeighting.Fit(train, test, new DoubleWeightingOptions { D = D }),
        ShiftMethod.Kmm => KernelMeanMatching.Fit(train, test),
        _ => LogisticDensityRatio.Fit(train, test),
    };

    private static string F(double value, string format = "F4") => value.ToString(format, CultureInfo.InvariantCulture);
}
