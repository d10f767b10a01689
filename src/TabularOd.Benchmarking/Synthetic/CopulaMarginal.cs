using MathNet.Numerics.Distributions;
using TabularOd.Sampling;

namespace TabularOd.Benchmarking.Synthetic;

/// <summary>
/// One feature's marginal distribution in the Gaussian-copula prior: normal, beta, a two-beta mixture,
/// exponential, a Gaussian mixture or Student-t, with random parameters. Maps a copula-uniform value to a feature
/// value through the inverse CDF.
/// </summary>
internal abstract class CopulaMarginal
{
    /// <summary>The family's name, recorded per feature in the dataset's metadata.</summary>
    public abstract string Family { get; }

    /// <summary>The inverse CDF at <paramref name="u"/> in (0, 1).</summary>
    public abstract double Quantile(double u);

    /// <summary>A marginal of a family chosen uniformly, with parameters drawn from <paramref name="random"/>.</summary>
    public static CopulaMarginal Draw(SeededRandom random) => random.NextInt(6) switch
    {
        0 => new NormalMarginal(random.Uniform(-3, 3), random.Uniform(0.5, 3)),
        1 => new BetaMarginal(random.Uniform(0.5, 5), random.Uniform(0.5, 5)),
        2 => BetaMixtureMarginal.WithRandomParameters(random),
        3 => new ExponentialMarginal(random.Uniform(0.5, 3)),
        4 => GaussianMixtureMarginal.WithRandomParameters(random),
        _ => new StudentTMarginal(random.Uniform(-2, 2), random.Uniform(0.5, 2), random.Uniform(2.5, 10)),
    };

    private sealed class NormalMarginal(double mean, double deviation) : CopulaMarginal
    {
        public override string Family => "normal";

        public override double Quantile(double u) => Normal.InvCDF(mean, deviation, u);
    }

    private sealed class ExponentialMarginal(double rate) : CopulaMarginal
    {
        public override string Family => "exponential";

        public override double Quantile(double u) => -Math.Log(1.0 - u) / rate;
    }

    private sealed class BetaMarginal(double a, double b) : CopulaMarginal
    {
        private readonly QuantileTable _table = new(x => Beta.CDF(a, b, x), 0, 1);

        public override string Family => "beta";

        public override double Quantile(double u) => _table.Quantile(u);
    }

    // One component piles mass near 0 and the other near 1, so the mixture is bimodal on [0, 1].
    private sealed class BetaMixtureMarginal : CopulaMarginal
    {
        private readonly QuantileTable _table;

        private BetaMixtureMarginal(double weight, double a1, double b1, double a2, double b2)
        {
            _table = new QuantileTable(x => (weight * Beta.CDF(a1, b1, x)) + ((1 - weight) * Beta.CDF(a2, b2, x)), 0, 1);
        }

        public override string Family => "beta_mixture";

        public static BetaMixtureMarginal WithRandomParameters(SeededRandom random) => new(
            random.Uniform(0.3, 0.7),
            random.Uniform(1, 3), random.Uniform(4, 10),
            random.Uniform(4, 10), random.Uniform(1, 3));

        public override double Quantile(double u) => _table.Quantile(u);
    }

    private sealed class GaussianMixtureMarginal : CopulaMarginal
    {
        private readonly QuantileTable _table;

        private GaussianMixtureMarginal(double[] weights, double[] means, double[] deviations)
        {
            double Cdf(double x)
            {
                double sum = 0;
                for (int k = 0; k < weights.Length; k++)
                {
                    sum += weights[k] * Normal.CDF(means[k], deviations[k], x);
                }
                return sum;
            }
            double low = Enumerable.Range(0, means.Length).Min(k => means[k] - (5 * deviations[k]));
            double high = Enumerable.Range(0, means.Length).Max(k => means[k] + (5 * deviations[k]));
            _table = new QuantileTable(Cdf, low, high);
        }

        public override string Family => "gaussian_mixture";

        public static GaussianMixtureMarginal WithRandomParameters(SeededRandom random)
        {
            int components = random.IntInclusive(2, 3);
            var weights = new double[components];
            var means = new double[components];
            var deviations = new double[components];
            for (int k = 0; k < components; k++)
            {
                weights[k] = random.Uniform(0.2, 1);
                means[k] = random.Uniform(-5, 5);
                deviations[k] = random.Uniform(0.3, 1.5);
            }
            double total = weights.Sum();
            for (int k = 0; k < components; k++)
            {
                weights[k] /= total;
            }
            return new GaussianMixtureMarginal(weights, means, deviations);
        }

        public override double Quantile(double u) => _table.Quantile(u);
    }

    private sealed class StudentTMarginal : CopulaMarginal
    {
        private readonly QuantileTable _table;

        public StudentTMarginal(double location, double scale, double freedom)
        {
            // One root-finding call per feature places the table on the central 1 − 2·10⁻⁴ of the mass.
            double reach = StudentT.InvCDF(0, 1, freedom, 1 - 1e-4) * scale;
            _table = new QuantileTable(x => StudentT.CDF(location, scale, freedom, x), location - reach, location + reach);
        }

        public override string Family => "student_t";

        public override double Quantile(double u) => _table.Quantile(u);
    }
}
