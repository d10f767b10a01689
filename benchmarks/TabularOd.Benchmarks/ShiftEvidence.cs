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
/// are unit tests (tests/TabularOd.Tests/Shift).
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
                var (train, trainLabels, test, testLabels) = MakeBiasedSplit(rows, rows, seed);
                var clock = Stopwatch.StartNew();
                var weights = Estimate(method, train, test, D: DoubleWeightingOptions.DefaultD);
                seconds += clock.Elapsed.TotalSeconds;
                converged &= weights.Converged;
                double plain = Accuracy(train, trainLabels, null, test, testLabels);
                double reweighted = Accuracy(train, trainLabels, weights.TrainWeights, test, testLabels);
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
                var (train, test, labels) = MakeOutsideSupport(rows, inside, outside, seed);
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

    private static double Accuracy(DataMatrix train, int[] trainLabels, double[]? weights, DataMatrix test, int[] testLabels)
    {
        // β rescaled to mean 1, so the weighting changes the rows' relative say and not the strength of the penalty.
        if (weights is not null)
        {
            double mean = weights.Average();
            weights = mean > 0 ? weights.Select(w => w / mean).ToArray() : weights;
        }
        var model = weights is null ? L2LogisticRegression.Fit(train, trainLabels) : L2LogisticRegression.Fit(train, trainLabels, weights);
        var p = model.Probabilities(test);
        return p.Select((v, i) => (v > 0.5 ? 1 : 0) == testLabels[i] ? 1.0 : 0.0).Average();
    }

    // The generators below are the ones of tests/TabularOd.Tests/Shift/ShiftScenarios.cs, draw for draw.
    private static (DataMatrix Train, int[] TrainLabels, DataMatrix Test, int[] TestLabels) MakeBiasedSplit(int trainRows, int testRows, long seed)
    {
        var random = new SeededRandom(seed);
        var train = new List<double[]>();
        var test = new List<double[]>();
        while (train.Count < trainRows || test.Count < testRows)
        {
            var row = new[] { random.NextGaussian(), random.NextGaussian() };
            double label = row[1] - ((row[0] * row[0]) - 1) + (0.3 * random.NextGaussian()) > 0 ? 1 : 0;
            double keep = random.NextDouble();
            bool toTest = random.NextDouble() < 0.5;
            var withLabel = new[] { row[0], row[1], label };
            if (toTest)
            {
                if (test.Count < testRows && keep < (row[0] > 0 ? 0.85 : 0.15))
                {
                    test.Add(withLabel);
                }
            }
            else if (train.Count < trainRows && keep < (row[0] <= 0 ? 0.85 : 0.15))
            {
                train.Add(withLabel);
            }
        }
        static DataMatrix Features(List<double[]> r) => DataMatrix.FromRowMajor(r.Count, 2, r.SelectMany(x => x.Take(2)).ToArray());
        static int[] Labels(List<double[]> r) => r.Select(x => (int)x[2]).ToArray();
        return (Features(train), Labels(train), Features(test), Labels(test));
    }

    private static (DataMatrix Train, DataMatrix Test, int[] Outside) MakeOutsideSupport(int trainRows, int insideRows, int outside, long seed)
    {
        var random = new SeededRandom(seed);
        var train = new double[trainRows * 2];
        for (int i = 0; i < train.Length; i++)
        {
            train[i] = random.NextGaussian();
        }
        var test = new double[(insideRows + outside) * 2];
        var labels = new int[insideRows + outside];
        for (int i = 0; i < insideRows + outside; i++)
        {
            bool far = i >= insideRows;
            labels[i] = far ? 1 : 0;
            test[2 * i] = far ? 5 + (0.5 * random.NextGaussian()) : random.NextGaussian();
            test[(2 * i) + 1] = far ? 5 + (0.5 * random.NextGaussian()) : random.NextGaussian();
        }
        return (DataMatrix.FromRowMajor(trainRows, 2, train), DataMatrix.FromRowMajor(insideRows + outside, 2, test), labels);
    }

    private static string F(double value, string format = "F4") => value.ToString(format, CultureInfo.InvariantCulture);
}
