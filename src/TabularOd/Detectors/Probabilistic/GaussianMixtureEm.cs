using System.Numerics.Tensors;
using TabularOd.Compute;
using TabularOd.Detectors.Linear;
using TabularOd.Sampling;

namespace TabularOd.Detectors.Probabilistic;

/// <summary>The settings one EM fit needs (the parts of <see cref="GmmOptions"/> that EGMM shares).</summary>
internal sealed record GaussianMixtureSettings(int Components, GmmCovariance Covariance, int MaxIterations, double Tolerance, double RegCovar, int Inits);

/// <summary>
/// Expectation–maximisation for a Gaussian mixture, following scikit-learn's <c>GaussianMixture</c>: k-means
/// initialisation (greedy k-means++ seeding, then Lloyd iterations), responsibilities → weights, means and
/// covariances (+ reg_covar on the diagonal), stopping when the mean log-likelihood changes by less than the
/// tolerance; several initialisations keep the one with the highest final mean log-likelihood.
/// </summary>
/// <remarks>
/// The scatter and distance work goes through the backend's GEMM; a component's covariance is factorised with a
/// jitter retry, so a component that collapses onto duplicate rows stays finite. Component counts above the
/// number of rows are capped at it.
/// </remarks>
internal static class GaussianMixtureEm
{
    private const int LloydIterations = 300;

    /// <summary>The fitted mixture and whether EM converged within the iteration budget.</summary>
    public sealed record Result(GaussianMixture Mixture, double MeanLogLikelihood, int Iterations, bool Converged);

    /// <summary>Fits a mixture to the n×d rows <paramref name="x"/>.</summary>
    public static Result Fit(IComputeBackend backend, double[] x, int n, int d, GaussianMixtureSettings settings, SeededRandom random)
    {
        int components = Math.Min(settings.Components, n);
        Result? best = null;
        for (int run = 0; run < settings.Inits; run++)
        {
            var result = FitOnce(backend, x, n, d, components, settings, random);
            if (best is null || result.MeanLogLikelihood > best.MeanLogLikelihood)
            {
                best = result;
            }
        }
        return best!;
    }

    private static Result FitOnce(IComputeBackend backend, double[] x, int n, int d, int components, GaussianMixtureSettings settings, SeededRandom random)
    {
        var responsibilities = new double[n * components];
        var labels = components == 1 ? new int[n] : KMeansLabels(backend, x, n, d, components, random);
        for (int i = 0; i < n; i++)
        {
            responsibilities[(i * components) + labels[i]] = 1.0;
        }
        var mixture = MaximisationStep(backend, x, n, d, components, responsibilities, settings);

        double lowerBound = double.NegativeInfinity;
        bool converged = false;
        int iteration = 0;
        while (iteration < settings.MaxIterations)
        {
            iteration++;
            double previous = lowerBound;
            lowerBound = ExpectationStep(backend, mixture, x, n, responsibilities);
            mixture = MaximisationStep(backend, x, n, d, components, responsibilities, settings);
            if (Math.Abs(lowerBound - previous) < settings.Tolerance)
            {
                converged = true;
                break;
            }
        }
        return new Result(mixture, lowerBound, iteration, converged);
    }

    // Responsibilities from the current mixture (in place) and the mean log-likelihood of the rows under it.
    private static double ExpectationStep(IComputeBackend backend, GaussianMixture mixture, double[] x, int n, double[] responsibilities)
    {
        int components = mixture.Components;
        mixture.WeightedLogDensities(backend, x, n, responsibilities);
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            var row = responsibilities.AsSpan(i * components, components);
            double logDensity = GaussianMixture.LogSumExp(row);
            total += logDensity;
            for (int k = 0; k < components; k++)
            {
                row[k] = Math.Exp(row[k] - logDensity);
            }
        }
        return total / n;
    }

    private static GaussianMixture MaximisationStep(IComputeBackend backend, double[] x, int n, int d, int components,
        double[] responsibilities, GaussianMixtureSettings settings)
    {
        // scikit-learn adds 10·ε to every component's mass so that an empty component divides by a positive number.
        var mass = new double[components];
        for (int i = 0; i < n; i++)
        {
            TensorPrimitives.Add(mass, responsibilities.AsSpan(i * components, components), mass);
        }
        TensorPrimitives.Add(mass, 10 * CovarianceAlgebra.Epsilon, mass);

        var means = new double[components * d];
        backend.Gemm(MatrixTranspose.Transpose, MatrixTranspose.None, components, d, n, 1.0, responsibilities, components, x, d, 0.0, means, d);
        var weights = new double[components];
        var parts = new WhitenedDistance[components];
        var column = new double[n];
        for (int k = 0; k < components; k++)
        {
            var mean = means.AsSpan(k * d, d).ToArray();
            TensorPrimitives.Divide(mean, mass[k], mean);
            for (int i = 0; i < n; i++)
            {
                column[i] = responsibilities[(i * components) + k];
            }
            parts[k] = settings.Covariance == GmmCovariance.Full
                ? FullComponent(backend, x, n, d, mean, column, mass[k], settings.RegCovar)
                : DiagonalComponent(x, n, d, mean, column, mass[k], settings.RegCovar);
            weights[k] = mass[k] / n;
        }
        TensorPrimitives.Divide(weights, TensorPrimitives.Sum<double>(weights), weights);
        return new GaussianMixture(weights, parts);
    }

    private static WhitenedDistance FullComponent(IComputeBackend backend, double[] x, int n, int d, double[] mean, double[] weights, double mass, double regCovar)
    {
        var covariance = CovarianceAlgebra.Scatter(backend, x, n, d, mean, weights);
        TensorPrimitives.Divide(covariance, mass, covariance);
        for (int j = 0; j < d; j++)
        {
            covariance[(j * d) + j] += regCovar;
        }
        return WhitenedDistance.FromCovariance(backend, mean, covariance);
    }

    private static WhitenedDistance DiagonalComponent(double[] x, int n, int d, double[] mean, double[] weights, double mass, double regCovar)
    {
        var variances = new double[d];
        var diff = new double[d];
        for (int i = 0; i < n; i++)
        {
            TensorPrimitives.Subtract(x.AsSpan(i * d, d), mean, diff);
            TensorPrimitives.Multiply(diff, diff, diff);
            TensorPrimitives.MultiplyAdd(diff, weights[i], variances, variances);
        }
        TensorPrimitives.Divide(variances, mass, variances);
        TensorPrimitives.Add(variances, regCovar, variances);
        // With reg_covar = 0 a column constant within a component has no spread; give it a tiny one relative to the
        // others (as the jitter retry does for a full covariance) so that its log-determinant stays finite.
        double positiveMean = 0;
        int positive = 0;
        foreach (double v in variances)
        {
            if (v > 0)
            {
                positiveMean += v;
                positive++;
            }
        }
        double floor = 1e-10 * (positive > 0 ? positiveMean / positive : 1.0);
        for (int j = 0; j < d; j++)
        {
            if (!(variances[j] > 0))
            {
                variances[j] = floor;
            }
        }
        return WhitenedDistance.FromVariances(mean, variances);
    }

    /// <summary>
    /// k-means labels as scikit-learn's <c>KMeans(n_init=1)</c> computes them for the GMM initialisation: greedy
    /// k-means++ seeding (2 + ⌊ln k⌋ candidates per centre, the one lowering the potential most), then Lloyd
    /// iterations until no label changes; an emptied cluster keeps its centre.
    /// </summary>
    internal static int[] KMeansLabels(IComputeBackend backend, double[] x, int n, int d, int k, SeededRandom random)
    {
        var centres = KMeansPlusPlus(backend, x, n, d, k, random);
        var labels = new int[n];
        var distances = new double[n * k];
        Assign(backend, x, n, d, centres, k, distances, labels);
        for (int iteration = 0; iteration < LloydIterations; iteration++)
        {
            var sums = new double[k * d];
            var counts = new int[k];
            for (int i = 0; i < n; i++)
            {
                TensorPrimitives.Add(sums.AsSpan(labels[i] * d, d), x.AsSpan(i * d, d), sums.AsSpan(labels[i] * d, d));
                counts[labels[i]]++;
            }
            for (int c = 0; c < k; c++)
            {
                if (counts[c] > 0)
                {
                    TensorPrimitives.Divide(sums.AsSpan(c * d, d), counts[c], centres.AsSpan(c * d, d));
                }
            }
            if (!Assign(backend, x, n, d, centres, k, distances, labels))
            {
                break;
            }
        }
        return labels;
    }

    // Nearest centre per row (ties to the lower centre); whether any label changed.
    private static bool Assign(IComputeBackend backend, double[] x, int n, int d, double[] centres, int k, double[] distances, int[] labels)
    {
        backend.SquaredDistances<double>(x, n, centres, k, d, distances);
        bool changed = false;
        for (int i = 0; i < n; i++)
        {
            int nearest = TensorPrimitives.IndexOfMin<double>(distances.AsSpan(i * k, k));
            changed |= nearest != labels[i];
            labels[i] = nearest;
        }
        return changed;
    }

    private static double[] KMeansPlusPlus(IComputeBackend backend, double[] x, int n, int d, int k, SeededRandom random)
    {
        int trials = 2 + (int)Math.Log(k);
        var centres = new double[k * d];
        int first = random.NextInt(n);
        Array.Copy(x, first * d, centres, 0, d);
        var closest = new double[n];
        backend.SquaredDistances<double>(x.AsSpan(first * d, d), 1, x, n, d, closest);
        double potential = Sum(closest);

        var cumulative = new double[n];
        var candidateDistances = new double[n];
        var bestDistances = new double[n];
        for (int c = 1; c < k; c++)
        {
            double running = 0;
            for (int i = 0; i < n; i++)
            {
                running += closest[i];
                cumulative[i] = running;
            }
            int bestCandidate = -1;
            double bestPotential = double.PositiveInfinity;
            for (int t = 0; t < trials; t++)
            {
                double target = random.NextDouble() * potential;
                // The first row whose cumulative potential reaches the target (numpy.searchsorted, side='left').
                int candidate = Math.Min(LowerBound(cumulative, target), n - 1);
                backend.SquaredDistances<double>(x.AsSpan(candidate * d, d), 1, x, n, d, candidateDistances);
                TensorPrimitives.Min(candidateDistances, closest, candidateDistances);
                double candidatePotential = Sum(candidateDistances);
                if (candidatePotential < bestPotential)
                {
                    bestPotential = candidatePotential;
                    bestCandidate = candidate;
                    candidateDistances.CopyTo(bestDistances, 0);
                }
            }
            Array.Copy(x, bestCandidate * d, centres, c * d, d);
            bestDistances.CopyTo(closest, 0);
            potential = bestPotential;
        }
        return centres;
    }

    private static int LowerBound(double[] sorted, double value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (sorted[middle] < value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low;
    }

    private static double Sum(double[] values)
    {
        double sum = 0;
        foreach (double v in values)
        {
            sum += v;
        }
        return sum;
    }
}
