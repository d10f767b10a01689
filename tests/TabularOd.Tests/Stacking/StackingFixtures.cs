using TabularOd.Data;
using TabularOd.Sampling;

namespace TabularOd.Tests.Stacking;

/// <summary>Synthetic out-of-fold libraries whose best stack is known in advance.</summary>
internal static class StackingFixtures
{
    /// <summary>
    /// y ~ 3·N(0, 1); column 0 is strong (y + N(0, 0.3²)); then <paramref name="copies"/> near-copies of it
    /// (column 0 + N(0, 0.01²)); then <paramref name="noisy"/> weak models y + N(0, 2²), each with its own bias.
    /// </summary>
    public static (DataMatrix Predictions, double[] Target) StrongAndNoisy(long seed, int rows, int noisy, int copies = 0)
    {
        var random = new SeededRandom(seed);
        int m = 1 + copies + noisy;
        var y = new double[rows];
        var p = new DataMatrix(rows, m);
        for (int i = 0; i < rows; i++)
        {
            y[i] = 3 * random.NextGaussian();
            p[i, 0] = y[i] + (0.3 * random.NextGaussian());
            for (int c = 1; c <= copies; c++)
            {
                p[i, c] = p[i, 0] + (0.01 * random.NextGaussian());
            }
            for (int k = 0; k < noisy; k++)
            {
                p[i, 1 + copies + k] = y[i] + (0.2 * (k - 1)) + (2 * random.NextGaussian());
            }
        }
        return (p, y);
    }

    public static double Rmse(IReadOnlyList<double> y, IReadOnlyList<double> prediction) =>
        Math.Sqrt(Enumerable.Range(0, y.Count).Average(i => (y[i] - prediction[i]) * (y[i] - prediction[i])));
}
