using TabularOd.Compute;
using TabularOd.Data;

namespace TabularOd.Shift;

/// <summary>
/// Binary logistic regression with an L2 penalty and optional sample weights, fitted by Newton's method (IRLS)
/// with a backtracking line search. The intercept is not penalised.
/// </summary>
/// <remarks>
/// Minimises F(w, b) = C·Σᵢ sᵢ[log(1 + e^{ηᵢ}) − yᵢηᵢ] + ½‖w‖², ηᵢ = b + xᵢ·w, as scikit-learn's
/// <c>LogisticRegression(penalty="l2", C=C)</c> with <c>sample_weight</c> s. Each Newton step solves the
/// (p + 1)² system by Cholesky (<see cref="SpdSolver"/>, which adds jitter if the intercept's curvature
/// vanishes on separable data); the step is halved until F does not increase. Stopping rule: the largest
/// coefficient change is at most 10⁻¹⁰·(1 + max |coefficient|), or F stops decreasing, or 100 steps.
/// Deterministic: every sum runs in row order.
/// </remarks>
public sealed class L2LogisticRegression
{
    private const int MaxIterations = 100;
    private const double StepTolerance = 1e-10;

    private L2LogisticRegression(double intercept, double[] coefficients, int iterations, bool converged)
    {
        Intercept = intercept;
        Coefficients = coefficients;
        Iterations = iterations;
        Converged = converged;
    }

    /// <summary>b.</summary>
    public double Intercept { get; }

    /// <summary>w, one per feature.</summary>
    public double[] Coefficients { get; }

    /// <summary>Newton steps taken.</summary>
    public int Iterations { get; }

    /// <summary>Whether the stopping rule was met before the iteration limit.</summary>
    public bool Converged { get; }

    /// <summary>Fits on rows <paramref name="x"/> with 0/1 labels and optional non-negative weights (empty = all 1).</summary>
    public static L2LogisticRegression Fit(DataMatrix x, ReadOnlySpan<int> labels, ReadOnlySpan<double> weights = default, double c = 1.0)
    {
        ArgumentNullException.ThrowIfNull(x);
        int n = x.Rows, p = x.Columns, q = p + 1;
        if (labels.Length != n || (weights.Length != 0 && weights.Length != n))
        {
            throw new ArgumentException($"L2LogisticRegression needs one label (and one weight, if any) per row: {n} rows, {labels.Length} labels, {weights.Length} weights.");
        }
        if (!(c > 0) || !double.IsFinite(c))
        {
            throw Detectors.OptionCheck.Invalid("C", nameof(L2LogisticRegression), "> 0 and finite", c);
        }
        var s = new double[n];
        for (int i = 0; i < n; i++)
        {
            double w = weights.Length == 0 ? 1 : weights[i];
            if (!(w >= 0) || !double.IsFinite(w))
            {
                throw new ArgumentException($"L2LogisticRegression needs finite non-negative weights; row {i} has {w}.");
            }
            if (labels[i] is not (0 or 1))
            {
                throw new ArgumentException($"L2LogisticRegression needs 0/1 labels; row {i} has {labels[i]}.");
            }
            s[i] = c * w;
        }
        var y = labels.ToArray();
        var rows = x.AsSpan().ToArray();

        // θ = [b, w₁ … w_p].
        var theta = new double[q];
        var trial = new double[q];
        var gradient = new double[q];
        var hessian = new double[q * q];
        var eta = new double[n];
        double objective = Objective(rows, n, p, y, s, theta, eta);
        bool converged = false;
        int iteration = 0;
        while (iteration < MaxIterations)
        {
            iteration++;
            Array.Clear(gradient);
            Array.Clear(hessian);
            for (int i = 0; i < n; i++)
            {
                double prob = Sigmoid(eta[i]);
                double g = s[i] * (prob - y[i]);
                double h = s[i] * prob * (1 - prob);
                var row = rows.AsSpan(i * p, p);
                gradient[0] += g;
                hessian[0] += h;
                for (int a = 0; a < p; a++)
                {
                    gradient[a + 1] += g * row[a];
                    double ha = h * row[a];
                    hessian[(a + 1) * q] += ha;
                    for (int b = 0; b <= a; b++)
                    {
                        hessian[((a + 1) * q) + b + 1] += ha * row[b];
                    }
                }
            }
            for (int a = 1; a < q; a++)
            {
                gradient[a] += theta[a];
                hessian[(a * q) + a] += 1;
            }
            // The solve reads the lower triangle only; the step is −H⁻¹g.
            var step = (double[])gradient.Clone();
            SpdSolver.Solve(ComputeBackends.Default, hessian, q, step, 1);

            double size = 1, next = double.PositiveInfinity;
            for (int halving = 0; halving < 50; halving++)
            {
                for (int a = 0; a < q; a++)
                {
                    trial[a] = theta[a] - (size * step[a]);
                }
                next = Objective(rows, n, p, y, s, trial, eta);
                if (next <= objective)
                {
                    break;
                }
                size /= 2;
            }
            if (!(next <= objective))
            {
                // No decrease along the Newton direction: θ is optimal to rounding.
                Objective(rows, n, p, y, s, theta, eta);
                converged = true;
                break;
            }
            double change = 0, largest = 0;
            for (int a = 0; a < q; a++)
            {
                change = Math.Max(change, Math.Abs(trial[a] - theta[a]));
                largest = Math.Max(largest, Math.Abs(trial[a]));
            }
            (theta, trial) = (trial, theta);
            bool stalled = next == objective;
            objective = next;
            if (change <= StepTolerance * (1 + largest) || stalled)
            {
                converged = true;
                break;
            }
        }
        return new L2LogisticRegression(theta[0], theta[1..], iteration, converged);
    }

    /// <summary>P(y = 1 | x) for one row.</summary>
    public double Probability(ReadOnlySpan<double> row)
    {
        if (row.Length != Coefficients.Length)
        {
            throw new ArgumentException($"The model has {Coefficients.Length} coefficients but the row has {row.Length} values.");
        }
        double eta = Intercept;
        for (int a = 0; a < row.Length; a++)
        {
            eta += Coefficients[a] * row[a];
        }
        return Sigmoid(eta);
    }

    /// <summary>P(y = 1 | x) for every row.</summary>
    public double[] Probabilities(DataMatrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var result = new double[x.Rows];
        for (int i = 0; i < x.Rows; i++)
        {
            result[i] = Probability(x.Row(i));
        }
        return result;
    }

    private static double Objective(double[] rows, int n, int p, int[] y, double[] s, double[] theta, double[] eta)
    {
        double loss = 0;
        for (int i = 0; i < n; i++)
        {
            double e = theta[0];
            var row = rows.AsSpan(i * p, p);
            for (int a = 0; a < p; a++)
            {
                e += theta[a + 1] * row[a];
            }
            eta[i] = e;
            // log(1 + eᶯ) − yη without overflow.
            loss += s[i] * (Softplus(e) - (y[i] * e));
        }
        double penalty = 0;
        for (int a = 1; a < theta.Length; a++)
        {
            penalty += theta[a] * theta[a];
        }
        return loss + (0.5 * penalty);
    }

    private static double Softplus(double e) => e > 0 ? e + Math.Log(1 + Math.Exp(-e)) : Math.Log(1 + Math.Exp(e));

    private static double Sigmoid(double e) => e >= 0 ? 1 / (1 + Math.Exp(-e)) : Math.Exp(e) / (1 + Math.Exp(e));
}
