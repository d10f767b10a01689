namespace TabularOd.Shift;

/// <summary>
/// Accelerated projected gradient (FISTA, Beck and Teboulle 2009) with O'Donoghue and Candès' gradient restart,
/// for the convex problems of <see cref="QuadraticProblem"/>; each step projects exactly through
/// <see cref="FeasibleSetProjection"/>.
/// </summary>
/// <remarks>
/// <para>
/// Step size 1/L with L the largest absolute row sum of H (Gershgorin), an upper bound on H's largest
/// eigenvalue, so every step is safe without a line search.
/// </para>
/// <para>
/// Stopping rule: stop at the first step whose projected-gradient residual ‖x⁺ − y‖∞ = ‖P(y − ∇f(y)/L) − y‖∞ is at
/// most <see cref="Tolerance"/> × max(‖x⁺‖∞, <see cref="Tolerance"/>), i.e. when the gradient mapping, measured in
/// the variables' own scale, vanishes to the tolerance (the first-order optimality condition of a convex
/// programme over a convex set); otherwise stop after <see cref="MaxIterations"/> steps and report
/// <see cref="QpSolution.Converged"/> = false. The returned point is always feasible.
/// </para>
/// <para>Deterministic: the same problem gives the same bits whatever the thread count.</para>
/// </remarks>
public sealed record ProjectedGradientSolver
{
    /// <summary>
    /// Default relative tolerance on the projected-gradient residual. DW-KMM's objective keeps falling slowly along the
    /// direction that shrinks every weight alike; 10⁻⁷ stops there while the weights' ranking is settled (on the
    /// 300-row outside-support case the AUROC of 1 − α is 0.991 at 10⁻⁶ through 10⁻⁹, at 8 469 steps for 10⁻⁷ against
    /// 43 995 for 10⁻⁸). Tighten it for peer comparisons.
    /// </summary>
    public const double DefaultTolerance = 1e-7;

    /// <summary>Default iteration limit.</summary>
    public const int DefaultMaxIterations = 50_000;

    /// <summary>Relative tolerance of the stopping rule, &gt; 0.</summary>
    public double Tolerance { get; init; } = DefaultTolerance;

    /// <summary>The most gradient steps, ≥ 1.</summary>
    public int MaxIterations { get; init; } = DefaultMaxIterations;

    /// <summary>Minimises the problem from <paramref name="start"/> (projected first; null = the box's lower corner).</summary>
    public QpSolution Solve(QuadraticProblem problem, ReadOnlySpan<double> start = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (!(Tolerance > 0) || MaxIterations < 1)
        {
            throw new ArgumentException($"The solver needs Tolerance > 0 and MaxIterations ≥ 1. Got {Tolerance} and {MaxIterations}.");
        }
        var projection = new FeasibleSetProjection(problem);
        int n = problem.Size;
        var x = new double[n];
        var y = new double[n];
        var next = new double[n];
        var gradient = new double[n];
        projection.Project(start.Length == n ? start : (ReadOnlySpan<double>)problem.Lower, x);
        if (n == 0)
        {
            return new QpSolution(x, 0, 0, true, 0);
        }
        double lipschitz = LargestAbsoluteRowSum(problem.Hessian, n);
        if (lipschitz == 0)
        {
            // A linear objective: one long step along −g lands on the minimising face of the feasible set.
            lipschitz = 1e-300;
        }
        double step = 1 / lipschitz;
        x.CopyTo(y, 0);
        double momentum = 1, residual = double.PositiveInfinity;
        int iteration = 0;
        bool converged = false;
        while (iteration < MaxIterations)
        {
            iteration++;
            problem.HessianTimes(y, gradient);
            for (int i = 0; i < n; i++)
            {
                gradient[i] = y[i] - (step * (gradient[i] + problem.Linear[i]));
            }
            projection.Project(gradient, next);
            residual = 0;
            double scale = Tolerance;
            double restart = 0;
            for (int i = 0; i < n; i++)
            {
                residual = Math.Max(residual, Math.Abs(next[i] - y[i]));
                scale = Math.Max(scale, Math.Abs(next[i]));
                restart += (y[i] - next[i]) * (next[i] - x[i]);
            }
            if (residual <= Tolerance * scale)
            {
                next.CopyTo(x, 0);
                converged = true;
                break;
            }
            if (restart > 0)
            {
                // The momentum points uphill: drop it (gradient restart).
                momentum = 1;
                next.CopyTo(y, 0);
            }
            else
            {
                double nextMomentum = (1 + Math.Sqrt(1 + (4 * momentum * momentum))) / 2;
                double beta = (momentum - 1) / nextMomentum;
                for (int i = 0; i < n; i++)
                {
                    y[i] = next[i] + (beta * (next[i] - x[i]));
                }
                momentum = nextMomentum;
            }
            (x, next) = (next, x);
        }
        return new QpSolution(x, problem.Objective(x), iteration, converged, residual);
    }

    private static double LargestAbsoluteRowSum(double[] h, int n)
    {
        double largest = 0;
        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            var row = h.AsSpan(i * n, n);
            for (int j = 0; j < n; j++)
            {
                sum += Math.Abs(row[j]);
            }
            largest = Math.Max(largest, sum);
        }
        return largest;
    }
}
