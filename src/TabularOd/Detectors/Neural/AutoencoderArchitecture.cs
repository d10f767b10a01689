using TabularOd.Neural;
using TabularOd.Sampling;

namespace TabularOd.Detectors.Neural;

/// <summary>
/// The layer widths of SPEC §4's autoencoders, chosen by the input width d, and the networks built from them.
/// </summary>
/// <remarks>
/// <para>
/// With r() rounding half to even and every width at least 1 [ours]:
/// d &lt; 20: d → r(d/2) → out; 20 ≤ d &lt; 100: d → r(d/2) → r(d/4) → r(d/2) → out;
/// 100 ≤ d &lt; 200: d → r(d/2) → r(d/4) → r(d/8) → r(d/4) → r(d/2) → out;
/// d ≥ 200: d → r(d/2) → r(d/4) → r(d/16) → r(d/4) → r(d/2) → out;
/// out = 2d for the probabilistic autoencoder (μ then σ²), d for the plain one.
/// </para>
/// <para>
/// A ReLU follows every dense layer but the last. The probabilistic output passes its last d values through softplus
/// so that they are variances. Hidden layers start He-uniform (they feed a ReLU), the output layer Glorot-uniform (it is
/// linear); see <see cref="WeightInitialization"/> for why.
/// </para>
/// </remarks>
public static class AutoencoderArchitecture
{
    /// <summary>The input width, every hidden width, then the output width, for input width <paramref name="d"/> ≥ 1.</summary>
    public static int[] Widths(int d, bool probabilistic)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(d);
        double[] divisors = d switch
        {
            < 20 => [2],
            < 100 => [2, 4, 2],
            < 200 => [2, 4, 8, 4, 2],
            _ => [2, 4, 16, 4, 2],
        };
        return [d, .. divisors.Select(divisor => Round(d / divisor)), probabilistic ? 2 * d : d];
    }

    /// <summary>
    /// The network for input width <paramref name="d"/>: weights drawn from <paramref name="random"/> in layer order, or
    /// left at zero when it is null (to be overwritten by stored values).
    /// </summary>
    public static SequentialNetwork Build(int d, bool probabilistic, SeededRandom? random)
    {
        var widths = Widths(d, probabilistic);
        var layers = new List<ILayer>();
        int last = widths.Length - 2;
        for (int l = 0; l <= last; l++)
        {
            var dense = new DenseLayer(widths[l], widths[l + 1], $"dense {l}");
            if (random is not null)
            {
                dense.Initialize(random, l < last ? WeightInitialization.HeUniform : WeightInitialization.GlorotUniform);
            }
            layers.Add(dense);
            if (l < last)
            {
                layers.Add(new ReluLayer(widths[l + 1]));
            }
        }
        if (probabilistic)
        {
            layers.Add(new SoftplusLayer(2 * d, firstColumn: d));
        }
        return new SequentialNetwork(layers);
    }

    // r(): round half to even (d/2 = 2.5 → 2), never below one unit.
    private static int Round(double width) => Math.Max(1, (int)Math.Round(width, MidpointRounding.ToEven));
}
