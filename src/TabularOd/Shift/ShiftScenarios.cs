using TabularOd.Data;
using TabularOd.Sampling;

namespace TabularOd.Shift;

/// <summary>
/// Constructed covariate-shift cases with known answers, for checking a reweighting method: a biased split where
/// weighting should help a classifier, and test rows outside the training support that an OOD score should flag.
/// Every case is a pure function of its sizes and seed.
/// </summary>
public static class ShiftScenarios
{
    /// <summary>
    /// A biased split on one feature, as Huang et al. and the double-weighting paper do: x ~ N(0, I₂), label
    /// y = 1{x₂ &gt; x₁² − 1 + noise}; each row is offered to train or test at random and kept with probability 0.85 on
    /// its side (x₁ ≤ 0 for train, x₁ &gt; 0 for test) and 0.15 on the other. A linear classifier fitted to the mostly
    /// left training rows follows the falling left branch of the parabola; weighting the training rows towards the
    /// test distribution turns it towards the rising right branch where the test rows are.
    /// </summary>
    public static (DataMatrix Train, int[] TrainLabels, DataMatrix Test, int[] TestLabels) BiasedSplit(int trainRows, int testRows, long seed)
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
        return (Features(train), Labels(train), Features(test), Labels(test));
    }

    /// <summary>
    /// Training rows from N(0, I₂); test rows mostly from the same distribution, with <paramref name="outside"/> rows
    /// from N((5, 5), 0.5²I) where no training row lies. Labels mark the outside rows.
    /// </summary>
    public static (DataMatrix Train, DataMatrix Test, int[] Outside) OutsideSupport(int trainRows, int insideRows, int outside, long seed)
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

    /// <summary>The share of rows a weighted L2 logistic model (C = 1) fitted on train classifies correctly in test.</summary>
    public static double WeightedLogisticAccuracy(DataMatrix train, int[] trainLabels, double[]? weights, DataMatrix test, int[] testLabels)
    {
        // β rescaled to mean 1, so the weighting changes the rows' relative say and not the strength of the penalty.
        if (weights is not null)
        {
            double mean = weights.Average();
            weights = mean > 0 ? weights.Select(w => w / mean).ToArray() : weights;
        }
        var model = weights is null
            ? L2LogisticRegression.Fit(train, trainLabels)
            : L2LogisticRegression.Fit(train, trainLabels, weights);
        var p = model.Probabilities(test);
        return p.Select((v, i) => (v > 0.5 ? 1 : 0) == testLabels[i] ? 1.0 : 0.0).Average();
    }

    private static DataMatrix Features(List<double[]> rows) =>
        DataMatrix.FromRowMajor(rows.Count, 2, rows.SelectMany(r => r.Take(2)).ToArray());

    private static int[] Labels(List<double[]> rows) => rows.Select(r => (int)r[2]).ToArray();
}
