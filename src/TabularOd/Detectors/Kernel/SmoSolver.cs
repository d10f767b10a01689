namespace TabularOd.Detectors.Kernel;

/// <summary>The solved one-class dual: multipliers α, offset ρ and the iterations SMO took.</summary>
internal readonly record struct OneClassSolution(double[] Alpha, double Rho, int Iterations);

/// <summary>
/// SMO for the one-class SVM dual, a transcription of libsvm's <c>solve_one_class</c> and <c>Solver::Solve</c>
/// without shrinking: min ½αᵀQα subject to 0 ≤ α_i ≤ 1 and Σα = ν·l.
/// </summary>
/// <remarks>
/// Working pairs are chosen by libsvm's second-order rule (Fan, Chen and Lin, "Working set selection using second
/// order information for training support vector machines", JMLR 2005), ties going to the later index as libsvm's
/// <c>&gt;=</c> comparisons do, so that on the same rows the iterates follow libsvm's step for step.
/// </remarks>
internal static class SmoSolver
{
    // libsvm's TAU: the curvature used when a pair's quadratic coefficient is not positive (duplicate rows).
    private const double Tau = 1e-12;

    /// <summary>Solves the dual on the kernel rows <paramref name="q"/> with ν and stopping tolerance <paramref name="eps"/>.</summary>
    public static OneClassSolution Solve(KernelRows q, double nu, double eps)
    {
        int l = q.N;
        var alpha = new double[l];
        // libsvm's start: the first ⌊ν·l⌋ multipliers at the upper bound, the next takes the remainder, so Σα = ν·l.
        int full = (int)(nu * l);
        for (int i = 0; i < full; i++)
        {
            alpha[i] = 1;
        }
        if (full < l)
        {
            alpha[full] = (nu * l) - full;
        }

        // Gradient of ½αᵀQα (the linear term is zero): G = Qα. Q_ii = exp(0) = 1 for the RBF kernel.
        var gradient = new double[l];
        for (int i = 0; i < l; i++)
        {
            if (alpha[i] > 0)
            {
                var row = q.Row(i);
                double a = alpha[i];
                for (int j = 0; j < l; j++)
                {
                    gradient[j] += a * row[j];
                }
            }
        }

        long maxIterations = Math.Max(10_000_000L, 100L * l);
        int iterations = 0;
        while (iterations < maxIterations && SelectWorkingSet(q, alpha, gradient, eps, out int i, out int j))
        {
            iterations++;
            var qi = q.Row(i);
            var qj = q.Row(j);
            double oldI = alpha[i], oldJ = alpha[j];

            double quadratic = 2 - (2 * qi[j]);
            if (quadratic <= 0)
            {
                quadratic = Tau;
            }
            double delta = (gradient[i] - gradient[j]) / quadratic;
            double sum = alpha[i] + alpha[j];
            alpha[i] -= delta;
            alpha[j] += delta;
            // Clip back into the box along the line α_i + α_j = sum, in libsvm's order (C_i = C_j = 1).
            if (sum > 1)
            {
                if (alpha[i] > 1)
                {
                    alpha[i] = 1;
                    alpha[j] = sum - 1;
                }
            }
            else if (alpha[j] < 0)
            {
                alpha[j] = 0;
                alpha[i] = sum;
            }
            if (sum > 1)
            {
                if (alpha[j] > 1)
                {
                    alpha[j] = 1;
                    alpha[i] = sum - 1;
                }
            }
            else if (alpha[i] < 0)
            {
                alpha[i] = 0;
                alpha[j] = sum;
            }

            double deltaI = alpha[i] - oldI, deltaJ = alpha[j] - oldJ;
            for (int k = 0; k < l; k++)
            {
                gradient[k] += (qi[k] * deltaI) + (qj[k] * deltaJ);
            }
        }
        return new OneClassSolution(alpha, Rho(alpha, gradient), iterations);
    }

    /// <summary>
    /// libsvm's WSS 3: i maximises −G_i over α_i &lt; 1; j, among α_j &gt; 0 with G_j &gt; G_i, maximises the
    /// second-order decrease (G_j − G_i)²/(Q_ii + Q_jj − 2Q_ij). False once the maximal violation is below eps.
    /// </summary>
    private static bool SelectWorkingSet(KernelRows q, double[] alpha, double[] gradient, double eps, out int outI, out int outJ)
    {
        double gMax = double.NegativeInfinity, gMax2 = double.NegativeInfinity;
        int gMaxIndex = -1, gMinIndex = -1;
        double objectiveDiffMin = double.PositiveInfinity;
        int l = alpha.Length;
        for (int t = 0; t < l; t++)
        {
            if (alpha[t] < 1 && -gradient[t] >= gMax)
            {
                gMax = -gradient[t];
                gMaxIndex = t;
            }
        }
        outI = gMaxIndex;
        outJ = -1;
        if (gMaxIndex < 0)
        {
            return false; // Every α at the upper bound (ν = 1): nothing can move.
        }
        var qi = q.Row(gMaxIndex);
        for (int j = 0; j < l; j++)
        {
            if (alpha[j] > 0)
            {
                double gradientDiff = gMax + gradient[j];
                if (gradient[j] >= gMax2)
                {
                    gMax2 = gradient[j];
                }
                if (gradientDiff > 0)
                {
                    double quadratic = 2 - (2.0 * qi[j]);
                    double objectiveDiff = -(gradientDiff * gradientDiff) / (quadratic > 0 ? quadratic : Tau);
                    if (objectiveDiff <= objectiveDiffMin)
                    {
                        gMinIndex = j;
                        objectiveDiffMin = objectiveDiff;
                    }
                }
            }
        }
        if (gMax + gMax2 < eps || gMinIndex == -1)
        {
            return false;
        }
        outJ = gMinIndex;
        return true;
    }

    /// <summary>libsvm's <c>calculate_rho</c>: the mean gradient over free α, else the midpoint of the bounds the bounded α give.</summary>
    private static double Rho(double[] alpha, double[] gradient)
    {
        int free = 0;
        double upper = double.PositiveInfinity, lower = double.NegativeInfinity, sumFree = 0;
        for (int i = 0; i < alpha.Length; i++)
        {
            if (alpha[i] >= 1)
            {
                lower = Math.Max(lower, gradient[i]);
            }
            else if (alpha[i] <= 0)
            {
                upper = Math.Min(upper, gradient[i]);
            }
            else
            {
                free++;
                sumFree += gradient[i];
            }
        }
        if (free > 0)
        {
            return sumFree / free;
        }
        // With ν = 1 every α is at the upper bound and libsvm's midpoint would be +∞; the one finite bound is the
        // boundary that still encloses the data, and keeps scores finite.
        if (double.IsInfinity(upper) || double.IsInfinity(lower))
        {
            return double.IsInfinity(upper) ? lower : upper;
        }
        return (upper + lower) / 2;
    }
}
