using MathNet.Numerics.LinearAlgebra;
using TabularOd.Data;

namespace TabularOd.Stacking;

/// <summary>
/// Optimal convex blend weights (SPEC §8 baselines): w ≥ 0, Σw = 1, minimising the (weighted) mean squared error
/// of Σⱼ wⱼ·Pⱼ against the target — a small quadratic programme over the probability simplex.
/// </summary>
/// <remarks>
/// With G = PᵀSP/Σs and b = PᵀSy/Σs (S the sample weights) the objective is wᵀGw − 2bᵀw + const. It is minimised by
/// accelerated projected gradient (FISTA with adaptive restart) with step 1/L, L = 2·max row sum of |G| ≥ 2·λ_max(G),
/// each step projected onto the simplex by the sort-and-threshold rule (Duchi, Shalev-Shwartz, Singer and Chandra,
/// ICML 2008). The iterate's support is then polished: the equality-constrained least-squares problem on that
/// support is solved exactly from its KKT system, and its solution is taken when it is feasible (all weights &gt; 0)
/// and at least as good, so a well-posed problem gets its exact optimum rather than one within the stopping
/// tolerance. Everything runs sequentially in a fixed order.
/// </remarks>
public static class ConvexWeightSolver
{
    /// <summary>Default iteration budget of the projected gradient.</summary>
    public const int DefaultMaxIterations = 100_000;

    /// <summary>Default stopping tolerance on the largest weight change of a step.</summary>
    public const double DefaultTolerance = 1e-13;

    /// <summary>The optimal convex weights of the columns of <paramref name="predictions"/> for <paramref name="target"/>.</summary>
    public static double[] Solve(DataMatrix predictions, ReadOnlySpan<double> target, ReadOnlySpan<double> sampleWeight = default,
        int maxIterations = DefaultMaxIterations, double tolerance = DefaultTolerance)
    {
        const string owner = nameof(ConvexWeightSolver);
        StackArguments.Problem(predictions, target, sampleWeight, owner);
        StackingArguments.AtLeast(maxIterations, 1, nameof(maxIterations), owner);
        StackingArguments.Positive(tolerance, nameof(tolerance), owner);
        int n = predictions.Rows, m = predictions.Columns;
        var gram = new double[m * m];
        var b = new double[m];
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            double s = sampleWeight.IsEmpty ? 1.0 : sampleWeight[i];
            total += s;
            var row = predictions.Row(i);
            for (int j = 0; j < m; j++)
            {
                double sj = s * row[j];
                b[j] += sj * target[i];
                for (int k = 0; k < m; k++)
                {
                    gram[(j * m) + k] += sj * row[k];
                }
            }
        }
        for (int j = 0; j < m * m; j++)
        {
            gram[j] /= total;
        }
        for (int j = 0; j < m; j++)
        {
            b[j] /= total;
        }
        if (m == 1)
        {
            return [1.0];
        }

        double lipschitz = 0;
        for (int j = 0; j < m; j++)
        {
            double row = 0;
            for (int k = 0; k < m; k++)
            {
                row += Math.Abs(gram[(j * m) + k]);
            }
            lipschitz = Math.Max(lipschitz, 2 * row);
        }
        var w = new double[m];
        w.AsSpan().Fill(1.0 / m);
        if (!(lipschitz > 0))
        {
            return w;
        }
        double step = 1.0 / lipschitz;
        var v = (double[])w.Clone();
        var next = new double[m];
        var gradient = new double[m];
        double momentum = 1;
        for (int t = 0; t < maxIterations; t++)
        {
            Gradient(gram, b, v, gradient);
            for (int j = 0; j < m; j++)
            {
                next[j] = v[j] - (step * gradient[j]);
            }
            ProjectOntoSimplex(next);
            double change = 0, alignment = 0;
            for (int j = 0; j < m; j++)
            {
                change = Math.Max(change, Math.Abs(next[j] - w[j]));
                alignment += (v[j] - next[j]) * (next[j] - w[j]);
            }
            double nextMomentum = (1 + Math.Sqrt(1 + (4 * momentum * momentum))) / 2;
            double beta = (momentum - 1) / nextMomentum;
            if (alignment > 0)
            {
                // Gradient-based adaptive restart (O'Donoghue and Candès, 2015): the momentum points uphill, drop it.
                // It needs no objective values, whose differences near the optimum are below rounding.
                nextMomentum = 1;
                beta = 0;
            }
            for (int j = 0; j < m; j++)
            {
                v[j] = next[j] + (beta * (next[j] - w[j]));
            }
            Array.Copy(next, w, m);
            momentum = nextMomentum;
            if (change < tolerance)
            {
                break;
            }
        }
        double objective = Objective(gram, b, w);
        return Polish(gram, b, w, objective);
    }

    /// <summary>Euclidean projection of <paramref name="v"/> onto {w ≥ 0, Σw = 1}, in place.</summary>
    public static void ProjectOntoSimplex(Span<double> v)
    {
        var sorted = v.ToArray();
        Array.Sort(sorted);
        Array.Reverse(sorted);
        double cumulative = 0, theta = 0;
        for (int j = 0; j < sorted.Length; j++)
        {
            cumulative += sorted[j];
            double candidate = (cumulative - 1) / (j + 1);
            if (sorted[j] - candidate > 0)
            {
                theta = candidate;
            }
        }
        for (int j = 0; j < v.Length; j++)
        {
            v[j] = Math.Max(v[j] - theta, 0);
        }
    }

    private static double[] Polish(double[] gram, double[] b, double[] w, double objective)
    {
        int m = b.Length;
        int[] support = [.. Enumerable.Range(0, m).Where(j => w[j] > 1e-9)];
        int k = support.Length;
        // KKT on the support S: G_SS w_S + μ·1 = b_S, 1ᵀw_S = 1 (μ the multiplier of Σw = 1, scaled).
        var system = Matrix<double>.Build.Dense(k + 1, k + 1);
        var rhs = Vector<double>.Build.Dense(k + 1);
        for (int a = 0; a < k; a++)
        {
            for (int c = 0; c < k; c++)
            {
                system[a, c] = gram[(support[a] * m) + support[c]];
            }
            system[a, k] = 1;
            system[k, a] = 1;
            rhs[a] = b[support[a]];
        }
        rhs[k] = 1;
        Vector<double> solution;
        try
        {
            solution = system.Solve(rhs);
        }
        catch (ArgumentException)
        {
            return w;
        }
        var polished = new double[m];
        double sum = 0;
        for (int a = 0; a < k; a++)
        {
            double value = solution[a];
            if (!(value > 0) || !double.IsFinite(value))
            {
                return w;
            }
            polished[support[a]] = value;
            sum += value;
        }
        for (int a = 0; a < k; a++)
        {
            polished[support[a]] /= sum;
        }
        // Accept the exact solution when it satisfies the remaining optimality conditions (no model outside the
        // support would lower the loss: its gradient is not below the support's common gradient), or simply when
        // it is no worse; near the optimum the objectives differ below rounding, so the first test decides.
        var gradient = new double[m];
        Gradient(gram, b, polished, gradient);
        double common = gradient[support[0]];
        bool optimal = true;
        for (int j = 0; j < m; j++)
        {
            if (polished[j] == 0 && gradient[j] < common - (1e-9 * (1 + Math.Abs(common))))
            {
                optimal = false;
            }
        }
        return optimal || Objective(gram, b, polished) <= objective ? polished : w;
    }

    private static void Gradient(double[] gram, double[] b, double[] w, double[] gradient)
    {
        int m = b.Length;
        for (int j = 0; j < m; j++)
        {
            double g = 0;
            for (int k = 0; k < m; k++)
            {
                g += gram[(j * m) + k] * w[k];
            }
            gradient[j] = 2 * (g - b[j]);
        }
    }

    // wᵀGw − 2bᵀw: the mean squared error minus the constant mean of y².
    private static double Objective(double[] gram, double[] b, double[] w)
    {
        int m = b.Length;
        double value = 0;
        for (int j = 0; j < m; j++)
        {
            double g = 0;
            for (int k = 0; k < m; k++)
            {
                g += gram[(j * m) + k] * w[k];
            }
            value += w[j] * (g - (2 * b[j]));
        }
        return value;
    }
}
