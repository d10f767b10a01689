using TabularOd.Compute;
using TabularOd.Data;
using TabularOd.Detectors;

namespace TabularOd.Shift;

/// <summary>
/// Kernel mean matching: training weights β that make the weighted training mean embedding match the test one.
/// </summary>
/// <remarks>
/// Huang, Smola, Gretton, Borgwardt and Schölkopf, "Correcting Sample Selection Bias by Unlabeled Data", NIPS 2006.
/// minimise ½βᵀ(K + 10⁻¹⁵I)β − κᵀβ with K the Gaussian kernel on the n training rows and
/// κ_i = (n/t) Σ_j k(x_i, x′_j) over the t test rows, subject to 0 ≤ β_i ≤ B and |Σβ/n − 1| ≤ ε (SPEC §6:
/// B = 1000, ε = 1 − 1/√n, σ from <see cref="KernelBandwidth"/>). Solved by <see cref="ProjectedGradientSolver"/>
/// from β = 1. Memory and time per step are O((n + t)²): the pooled kernel is formed once.
/// The method does not weigh test rows: α ≡ 1 and <see cref="ShiftWeights.TestScores"/> is null.
/// Features are used as given; standardise them first.
/// </remarks>
public static class KernelMeanMatching
{
    /// <summary>The ridge SPEC §6 adds to K's diagonal.</summary>
    public const double Ridge = 1e-15;

    /// <summary>Training weights β for <paramref name="train"/> against <paramref name="test"/>.</summary>
    public static ShiftWeights Fit(DataMatrix train, DataMatrix test, KernelMeanMatchingOptions? options = null)
    {
        options ??= new KernelMeanMatchingOptions();
        const string method = nameof(KernelMeanMatching);
        OptionCheck.AtLeast(options.Bound, 1, nameof(options.Bound), method);
        if (options.Epsilon is { } given)
        {
            OptionCheck.InRange(given, 0, 1, nameof(options.Epsilon), method);
        }
        ShiftInput.Check(train, test, method);
        int n = train.Rows, t = test.Rows, d = train.Columns, total = n + t;
        var pooled = ShiftInput.Pool(train, test);
        double sigma = ShiftInput.Sigma(options.Sigma, pooled, total, d, options.Seed, method);
        var k = GaussianKernel.Matrix(ComputeBackends.Default, pooled, total, d, sigma);

        var hessian = new double[n * n];
        var linear = new double[n]; // −κ
        for (int i = 0; i < n; i++)
        {
            Array.Copy(k, i * total, hessian, i * n, n);
            hessian[(i * n) + i] += Ridge;
            double sum = 0;
            for (int j = n; j < total; j++)
            {
                sum += k[(i * total) + j];
            }
            linear[i] = -(double)n / t * sum;
        }
        double epsilon = options.Epsilon ?? 1 - (1 / Math.Sqrt(n));
        var problem = new QuadraticProblem
        {
            Hessian = hessian,
            Linear = linear,
            Lower = new double[n],
            Upper = Filled(n, options.Bound),
            SlabNormal = Filled(n, 1.0),
            SlabLower = n * (1 - epsilon),
            SlabUpper = n * (1 + epsilon),
        };
        var solution = options.Solver.Solve(problem, Filled(n, 1.0));
        return new ShiftWeights
        {
            Method = ShiftMethod.Kmm,
            TrainWeights = solution.X,
            TestWeights = Filled(t, 1.0),
            TestScores = null,
            Sigma = sigma,
            Iterations = solution.Iterations,
            Converged = solution.Converged,
            Objective = solution.Objective,
        };
    }

    internal static double[] Filled(int length, double value)
    {
        var values = new double[length];
        values.AsSpan().Fill(value);
        return values;
    }
}
