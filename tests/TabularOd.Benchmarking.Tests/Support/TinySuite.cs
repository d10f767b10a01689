using TabularOd.Data;
using TabularOd.Sampling;

using TabularOd.Tests.Support;

namespace TabularOd.Benchmarking.Tests.Support;

/// <summary>Writes small MacrOData-layout datasets (Gaussian inliers, shifted outliers) into a temporary folder.</summary>
public static class TinySuite
{
    /// <summary>A folder with <paramref name="count"/> datasets of varied size; returns its path.</summary>
    public static string Create(int count, int seed = 1, string name = "tiny")
    {
        string folder = Path.Combine(TestPaths.NewTempFolder(), name);
        Directory.CreateDirectory(folder);
        var random = new SeededRandom(seed);
        for (int i = 0; i < count; i++)
        {
            int train = 40 + (17 * i % 60), inliers = 30 + (11 * i % 40), outliers = 3 + (i % 5), features = 2 + (i % 4);
            WritePair(Path.Combine(folder, $"set{i:00}.npz"), random, train, inliers, outliers, features);
        }
        return folder;
    }

    /// <summary>Writes one pair file.</summary>
    public static void WritePair(string path, SeededRandom random, int train, int testInliers, int testOutliers, int features)
    {
        DataMatrix Rows(int rows, double shift)
        {
            var values = new double[rows * features];
            for (int k = 0; k < values.Length; k++)
            {
                values[k] = random.NextGaussian() + shift;
            }
            return DataMatrix.FromRowMajor(rows, features, values);
        }
        var trainRows = Rows(train, 0);
        var inlierRows = Rows(testInliers, 0);
        var outlierRows = Rows(testOutliers, 3);
        var test = new double[(testInliers + testOutliers) * features];
        for (int r = 0; r < testInliers; r++)
        {
            for (int c = 0; c < features; c++)
            {
                test[(r * features) + c] = inlierRows[r, c];
            }
        }
        for (int r = 0; r < testOutliers; r++)
        {
            for (int c = 0; c < features; c++)
            {
                test[((testInliers + r) * features) + c] = outlierRows[r, c];
            }
        }
        string name = Path.GetFileNameWithoutExtension(path);
        var pair = new TrainTestPair(
            new Dataset(name, trainRows, labels: new int[train]),
            new Dataset(name, DataMatrix.FromRowMajor(testInliers + testOutliers, features, test),
                labels: Enumerable.Repeat(0, testInliers).Concat(Enumerable.Repeat(1, testOutliers)).ToArray()));
        DataWriter.Write(DataFile.OfPair(path, pair), path);
    }
}
