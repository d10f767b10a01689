using TabularOd.Compute;
using TabularOd.Data;
using TabularOd.Detectors;

namespace TabularOd.Shift;

/// <summary>
/// Double-weighting kernel mean matching (DW-KMM): training weights β and test weights α chosen together, so that
/// test rows outside the training support can be down-weighted instead of forcing huge training weights.
/// </summary>
/// <remarks>
/// <para>
/// Segovia-Martín, Mazuelas and Liu, "Double-Weighting for Covariate Shift Adaptation", ICML 2023. With K the
/// Gaussian kernel on the pooled n training and t test rows and v = [β/n; −α/t]: minimise vᵀKv subject to
/// 0 ≤ β ≤ B/√D, 0 ≤ α ≤ 1, |Σβ/n − Σα/t| ≤ ε and ‖α − 1‖₂ ≤ (1 − 1/√D)√t (SPEC §6: B = 1000, ε = 1 − 1/√n,
/// D = 4). D = 1 forces α ≡ 1 and gives KMM's problem.
/// </para>
/// <para>
/// Solved in the scaled variables u = β/n, w = α/t, where the Hessian 2·SKS (S = diag(1, …, −1, …)) has K's
/// spectrum, by <see cref="ProjectedGradientSolver"/> from β = α = 1 (feasible). The OOD score of test row j is
/// 1 − α_j [ours]. O((n + t)²) memory and time per step. Features are used as given; standardise them first.
/// </para>
/// <para>
/// The objective is homogeneous of degree 2 in (β, α) and the slab bounds only Σβ/n − Σα/t, so the optimiser also
/// spends ball budget on shrinking all of α (and β) alike: α is informative by its ranking within the test sample,
/// not by its level; with a single test row, α = 1/√D whatever the row.
/// </para>
/// </remarks>
public static class DoubleWeighting
{
    /// <summary>SPEC §6's grid for D: 1/(1 − γ)² for γ = 0, 0.1, …, 0.9 (1 to 100).</summary>
    public static IReadOnlyList<double> DGrid() =>
        Enumerable.Range(0, 10).Select(i => 1 / ((1 - (i / 10.0)) * (1 - (i / 10.0)))).ToArray();

    /// <summary>Weights β for <paramref name="train"/> and α for <paramref name="test"/>.</summary>
    public static ShiftWeights Fit(DataMatrix train, DataMatrix test, DoubleWeightingOptions? options = null)
    {
        options ??= new DoubleWeightingOptions();
        const string method = nameof(DoubleWeighting);
        OptionCheck.AtLeast(options.D, 1, nameof(options.D), method);
        OptionCheck.AtLeast(options.Bound, Math.Sqrt(options.D), nameof(options.Bound), method);
        if (options.Epsilon is { } given)
        {
            OptionCheck.InRange(given, 0, 1, nameof(options.Epsilon), method);
        }
        ShiftInput.Check(train, test, method);
        int n = train.Rows, t = test.Rows, d = train.Columns, total = n + t;
        var pooled = ShiftInput.Pool(train, test);
        double sigma = ShiftInput.Sigma(options.Sigma, pooled, total, d, options.Seed, method);
        var hessian = GaussianKernel.Matrix(ComputeBackends.Default, pooled, total, d, sigma);
        // vᵀKv = ½xᵀ(2·SKS)x for x = [u; w]: flip the signs of the train–test blocks and double.
        for (int i = 0; i < total; i++)
        {
            for (int j = 0; j < total; j++)
            {
                hessian[(i * total) + j] *= (i < n) == (j < n) ? 2 : -2;
            }
        }
        double epsilon = options.Epsilon ?? 1 - (1 / Math.Sqrt(n));
        var upper = new double[total];
        upper.AsSpan(0, n).Fill(options.Bound / Math.Sqrt(options.D) / n);
        upper.AsSpan(n).Fill(1.0 / t);
        var slab = new double[total];
        slab.AsSpan(0, n).Fill(1);
        slab.AsSpan(n).Fill(-1);
        var problem = new QuadraticProblem
        {
            Hessian = hessian,
            Linear = new double[total],
            Lower = new double[total],
            Upper = upper,
            SlabNormal = slab,
            SlabLower = -epsilon,
            SlabUpper = epsilon,
            BallStart = n,
            BallCentre = KernelMeanMatching.Filled(t, 1.0 / t),
            BallRadius = (1 - (1 / Math.Sqrt(options.D))) / Math.Sqrt(t),
        };
        var start = new double[total];
        start.AsSpan(0, n).Fill(1.0 / n);
        start.AsSpan(n).Fill(1.0 / t);
        var solution = options.Solver.Solve(problem, start);

        var beta = new double[n];
        var alpha = new double[t];
        var scores = new double[t];
        for (int i = 0; i < n; i++)
        {
            beta[i] = solution.X[i] * n;
        }
        for (int j = 0; j < t; j++)
        {
            alpha[j] = Math.Clamp(solution.X[n + j] * t, 0, 1);
            scores[j] = 1 - alpha[j];
        }
        return new ShiftWeights
        {
            Method = ShiftMethod.DwKmm,
            TrainWeights = beta,
            TestWeights = alpha,
            TestScores = scores,
            Sigma = sigma,
            Iterations = solution.Iterations,
            Converged = solution.Converged,
            Objective = solution.Objective,
        };
    }
}
