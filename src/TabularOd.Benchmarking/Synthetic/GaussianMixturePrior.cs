using MathNet.Numerics.Distributions;
using TabularOd.Data;
using TabularOd.Sampling;

namespace TabularOd.Benchmarking.Synthetic;

/// <summary>
/// The GMM prior: 2–5 equal-weight clusters with means in [−5, 5] and diagonal variances in [0.1, 5]. Inliers
/// lie inside their cluster's χ² 0.85 quantile; local and subspace outliers are a cluster's draws with the
/// variance inflated ×5 (on every dimension, or on a random subset), kept only beyond the χ² 0.95 quantile of
/// every cluster, so that no outlier sits inside some other cluster's bulk.
/// </summary>
internal sealed class GaussianMixturePrior : PriorModel
{
    private const double InlierQuantile = 0.85;
    private const double OutlierQuantile = 0.95;
    private const double Inflation = 5.0;

    // Rejection keeps an outlier only beyond every cluster's 0.95 region; with a one-dimension subset in many
    // dimensions that can be rare, so after this many tries the draw is pushed outward instead.
    private const int MaxOutlierTries = 100;

    private readonly double[][] _means;
    private readonly double[][] _deviations;
    private readonly double _inlierRadius2;
    private readonly double _outlierRadius2;

    public GaussianMixturePrior(int features, SeededRandom random)
        : base(features)
    {
        int clusters = random.IntInclusive(2, 5);
        _means = new double[clusters][];
        _deviations = new double[clusters][];
        for (int c = 0; c < clusters; c++)
        {
            _means[c] = new double[features];
            _deviations[c] = new double[features];
            for (int j = 0; j < features; j++)
            {
                _means[c][j] = random.Uniform(-5, 5);
                _deviations[c][j] = Math.Sqrt(random.Uniform(0.1, 5));
            }
        }
        _inlierRadius2 = ChiSquared.InvCDF(features, InlierQuantile);
        _outlierRadius2 = ChiSquared.InvCDF(features, OutlierQuantile);
    }

    public int Clusters => _means.Length;

    public override DataMatrix SampleInliers(int count, SeededRandom random)
    {
        var rows = new DataMatrix(count, Features);
        var z = new double[Features];
        for (int i = 0; i < count; i++)
        {
            int c = random.NextInt(Clusters);
            do
            {
                random.FillGaussian(z);
            }
            while (SquaredNorm(z) > _inlierRadius2);
            var row = rows.Row(i);
            for (int j = 0; j < Features; j++)
            {
                row[j] = _means[c][j] + (_deviations[c][j] * z[j]);
            }
        }
        return rows;
    }

    public override DataMatrix SampleOutliers(OutlierArchetype archetype, int count, SeededRandom random)
    {
        if (archetype is not (OutlierArchetype.Local or OutlierArchetype.Subspace))
        {
            throw Unsupported(archetype);
        }
        var rows = new DataMatrix(count, Features);
        var z = new double[Features];
        double scale = Math.Sqrt(Inflation);
        for (int i = 0; i < count; i++)
        {
            int c = random.NextInt(Clusters);
            int[] inflated = archetype == OutlierArchetype.Local
                ? Enumerable.Range(0, Features).ToArray()
                : random.Subset(Features, random.IntInclusive(1, (Features + 1) / 2));
            var row = rows.Row(i);
            for (int attempt = 0; ; attempt++)
            {
                random.FillGaussian(z);
                foreach (int j in inflated)
                {
                    z[j] *= scale;
                }
                for (int j = 0; j < Features; j++)
                {
                    row[j] = _means[c][j] + (_deviations[c][j] * z[j]);
                }
                if (BeyondEveryCluster(row) || attempt == MaxOutlierTries)
                {
                    break;
                }
            }
            PushOutward(row, c, inflated);
        }
        return rows;
    }

    // Moves the inflated coordinates away from the cluster mean until the row clears every cluster; a no-op for
    // a row rejection already accepted. Growth is geometric, so a few steps always suffice.
    private void PushOutward(Span<double> row, int cluster, int[] inflated)
    {
        for (int step = 0; step < 200 && !BeyondEveryCluster(row); step++)
        {
            foreach (int j in inflated)
            {
                double offset = row[j] - _means[cluster][j];
                row[j] = _means[cluster][j] + (offset == 0 ? _deviations[cluster][j] : 1.25 * offset);
            }
        }
    }

    private bool BeyondEveryCluster(ReadOnlySpan<double> row)
    {
        for (int c = 0; c < Clusters; c++)
        {
            double distance2 = 0;
            for (int j = 0; j < Features; j++)
            {
                double standardized = (row[j] - _means[c][j]) / _deviations[c][j];
                distance2 += standardized * standardized;
            }
            if (distance2 <= _outlierRadius2)
            {
                return false;
            }
        }
        return true;
    }

    private static double SquaredNorm(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (double v in values)
        {
            sum += v * v;
        }
        return sum;
    }
}
