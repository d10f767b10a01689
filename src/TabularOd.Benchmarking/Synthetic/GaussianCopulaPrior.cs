using MathNet.Numerics;
using TabularOd.Data;
using TabularOd.Sampling;

namespace TabularOd.Benchmarking.Synthetic;

/// <summary>
/// The Gaussian-copula prior: a random correlation R = L Lᵀ and a random marginal per feature. A row is
/// z = L ε with ε standard normal, u = Φ(z), x_j = F_j⁻¹(u_j).
/// </summary>
/// <remarks>
/// <para>
/// The correlation comes from a random factor model, W Wᵀ + diag(δ) rescaled to unit diagonal, with 1 to ⌈d/3⌉
/// factors: few factors give strong dependence, so a dependence outlier has something to break.
/// </para>
/// <para>
/// Probabilistic outliers push 2–20% of a row's u values toward 0 or 1 (u ← δu or 1 − δ(1 − u), δ in 0.1–0.2),
/// so they land within δ of an end. Dependence outliers use a factor whose rows for a block of ⌈d/3⌉–⌊2d/3⌋
/// dimensions are blended toward the identity, (1 − s) Lᵢ + s eᵢ with s in 0.97–0.99, then rescaled to unit norm:
/// the block loses its dependence on everything else while every marginal stays as it was.
/// </para>
/// </remarks>
internal sealed class GaussianCopulaPrior : PriorModel
{
    // Φ(z) rounds to 0 or 1 beyond |z| ≈ 8, where inverse CDFs are infinite; the clamp keeps every value finite.
    private const double UniformClamp = 1e-12;

    private readonly double[] _cholesky;
    private readonly CopulaMarginal[] _marginals;

    public GaussianCopulaPrior(int features, SeededRandom random)
        : base(features)
    {
        _cholesky = LowerCholesky.Factor(RandomCorrelation(features, random), features);
        _marginals = new CopulaMarginal[features];
        for (int j = 0; j < features; j++)
        {
            _marginals[j] = CopulaMarginal.Draw(random);
        }
    }

    public override IEnumerable<KeyValuePair<string, object>> Describe() =>
        [new("feature_marginals", _marginals.Select(m => m.Family).ToArray())];

    public override DataMatrix SampleInliers(int count, SeededRandom random) =>
        Sample(count, random, _cholesky, push: null);

    public override DataMatrix SampleOutliers(OutlierArchetype archetype, int count, SeededRandom random)
    {
        switch (archetype)
        {
            case OutlierArchetype.Probabilistic:
                return Sample(count, random, _cholesky, push: u =>
                {
                    int pushed = Math.Max(1, (int)Math.Round(random.Uniform(0.02, 0.2) * Features));
                    int[] columns = random.Subset(Features, pushed);
                    foreach (int j in columns)
                    {
                        double reach = random.Uniform(0.1, 0.2);
                        u[j] = random.Chance(0.5) ? reach * u[j] : 1.0 - (reach * (1.0 - u[j]));
                    }
                });
            case OutlierArchetype.Dependence:
                return Sample(count, random, IndependentBlockFactor(random), push: null);
            default:
                throw Unsupported(archetype);
        }
    }

    private double[] IndependentBlockFactor(SeededRandom random)
    {
        int d = Features;
        int smallest = Math.Max(1, (d + 2) / 3), largest = Math.Max(smallest, 2 * d / 3);
        int[] block = random.Subset(d, random.IntInclusive(smallest, largest));
        double strength = random.Uniform(0.97, 0.99);
        var factor = (double[])_cholesky.Clone();
        foreach (int i in block)
        {
            var row = factor.AsSpan(i * d, d);
            double norm2 = 0;
            for (int j = 0; j < d; j++)
            {
                row[j] = ((1 - strength) * row[j]) + (i == j ? strength : 0.0);
                norm2 += row[j] * row[j];
            }
            double norm = Math.Sqrt(norm2);
            for (int j = 0; j < d; j++)
            {
                row[j] /= norm;
            }
        }
        return factor;
    }

    private DataMatrix Sample(int count, SeededRandom random, double[] factor, Action<double[]>? push)
    {
        int d = Features;
        var rows = new DataMatrix(count, d);
        var epsilon = new double[d];
        var u = new double[d];
        for (int i = 0; i < count; i++)
        {
            random.FillGaussian(epsilon);
            for (int r = 0; r < d; r++)
            {
                double z = 0;
                for (int c = 0; c <= r; c++)
                {
                    z += factor[(r * d) + c] * epsilon[c];
                }
                u[r] = 0.5 * SpecialFunctions.Erfc(-z / Math.Sqrt(2));
            }
            push?.Invoke(u);
            var row = rows.Row(i);
            for (int j = 0; j < d; j++)
            {
                row[j] = _marginals[j].Quantile(Math.Clamp(u[j], UniformClamp, 1 - UniformClamp));
            }
        }
        return rows;
    }

    private static double[] RandomCorrelation(int d, SeededRandom random)
    {
        int factors = random.IntInclusive(1, Math.Max(1, (d + 2) / 3));
        var loadings = new double[d * factors];
        random.FillGaussian(loadings);
        var covariance = new double[d * d];
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double sum = 0;
                for (int k = 0; k < factors; k++)
                {
                    sum += loadings[(i * factors) + k] * loadings[(j * factors) + k];
                }
                covariance[(i * d) + j] = covariance[(j * d) + i] = sum;
            }
            // The diagonal jitter keeps R positive definite whatever the factor count.
            covariance[(i * d) + i] += random.Uniform(0.1, 1.0);
        }
        var correlation = new double[d * d];
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++)
            {
                correlation[(i * d) + j] = covariance[(i * d) + j] / Math.Sqrt(covariance[(i * d) + i] * covariance[(j * d) + j]);
            }
        }
        return correlation;
    }
}
