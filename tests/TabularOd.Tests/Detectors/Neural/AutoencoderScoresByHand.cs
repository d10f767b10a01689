using TabularOd.Data;
using TabularOd.Detectors;
using TabularOd.Detectors.Neural;

namespace TabularOd.Tests.Detectors.Neural;

/// <summary>
/// The ensemble score recomputed from a fitted model's parts, step by step as the detectors document it, with the
/// per-network raw score supplied by the test (so the test, not the model, says which formula applies).
/// </summary>
internal static class AutoencoderScoresByHand
{
    public delegate double RawScore(ReadOnlySpan<double> output, ReadOnlySpan<double> target);

    public static AutoencoderModel ModelOf(FittedDetector fitted) => Assert.IsType<FittedAutoencoder>(fitted).Model;

    /// <summary>z = (x − mean)/scale with the model's standardiser.</summary>
    public static DataMatrix Standardised(AutoencoderModel model, DataMatrix rows)
    {
        var z = rows.Clone();
        for (int i = 0; i < z.Rows; i++)
        {
            for (int j = 0; j < z.Columns; j++)
            {
                z[i, j] = (rows[i, j] - model.Mean[j]) / model.Scale[j];
            }
        }
        return z;
    }

    /// <summary>Each network's raw score of every row, against <paramref name="targets"/>.</summary>
    public static double[][] Raw(AutoencoderModel model, DataMatrix z, DataMatrix targets, RawScore raw)
    {
        return [.. model.Members.Select(network =>
        {
            var output = new double[network.OutputWidth];
            var scratch = new double[network.RowScratchLength];
            return Enumerable.Range(0, z.Rows).Select(i =>
            {
                network.ForwardRow(z.Row(i), output, scratch);
                return raw(output, targets.Row(i));
            }).ToArray();
        })];
    }

    /// <summary>(1/S) Σ_s (raw_s − min_s)/(max_s − min_s) with the model's stored training ranges.</summary>
    public static double[] Combined(AutoencoderModel model, double[][] raw)
    {
        int n = raw[0].Length;
        var scores = new double[n];
        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            for (int s = 0; s < raw.Length; s++)
            {
                double range = model.Maximum[s] - model.Minimum[s];
                sum += (raw[s][i] - model.Minimum[s]) / (range > 0 ? range : 1);
            }
            scores[i] = sum / raw.Length;
        }
        return scores;
    }

    /// <summary>Asserts equality to 12 significant digits.</summary>
    public static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-12 * Math.Max(1, Math.Abs(expected[i])), $"row {i}: {expected[i]:R} vs {actual[i]:R}");
        }
    }
}
