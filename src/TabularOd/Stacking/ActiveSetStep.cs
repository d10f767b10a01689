using TabularOd.Compute;

namespace TabularOd.Stacking;

/// <summary>
/// The exact elastic-net solution on a fixed support and sign pattern, as a shortcut for coordinate descent on a
/// Gram system: where the columns are strongly correlated — the usual case for stacked model predictions — cyclic
/// coordinate descent needs thousands of sweeps at small α although the support stopped changing long before.
/// </summary>
/// <remarks>
/// On the support A of the current weights with signs s, the optimality conditions of
/// ½wᵀGw − qᵀw + l1‖w‖₁ + ½l2‖w‖² restricted to that face of the ℓ1 ball are the linear system
/// (G_AA + l2·I)·v = q_A − l1·s: the Newton step of the smooth problem on the face (the idea behind the active-set
/// refinements of glmnet and celer). Weights that should leave the support are removed by stepping only up to the
/// first sign change; coordinates outside A that should enter are left to the next sweeps, and the caller's duality
/// gap test decides when to stop, as it does after a sweep. Each solve costs O(|A|³ + p²), a few sweeps' worth.
/// </remarks>
internal static class ActiveSetStep
{
    /// <summary>
    /// Moves from <paramref name="w"/> towards the exact solution on its support, writing the result into
    /// <paramref name="candidate"/>: where that solution would flip a sign, the step stops at the first weight that
    /// reaches zero, drops it from the support and solves again (a primal active-set iteration, as in Lawson–Hanson's
    /// NNLS), so the result always keeps the signs of <paramref name="w"/> where it is non-zero and has an objective
    /// no higher than <paramref name="w"/>'s. Returns false when there is nothing to do (no support, or a support
    /// whose columns are exactly collinear without a ridge term).
    /// </summary>
    public static bool TrySolve(GramSystem system, ReadOnlySpan<double> w, double l1, double l2, Span<double> candidate)
    {
        int p = system.Columns;
        ReadOnlySpan<double> gram = system.Gram;
        ReadOnlySpan<double> q = system.Xty;
        var support = new List<int>(p);
        for (int j = 0; j < p; j++)
        {
            if (w[j] != 0.0)
            {
                support.Add(j);
            }
        }
        if (support.Count == 0)
        {
            return false;
        }
        w.CopyTo(candidate);
        while (support.Count > 0)
        {
            int k = support.Count;
            var matrix = new double[k * k];
            var solution = new double[k];
            for (int a = 0; a < k; a++)
            {
                int row = support[a];
                for (int b = 0; b < k; b++)
                {
                    matrix[(a * k) + b] = gram[(row * p) + support[b]];
                }
                matrix[(a * k) + a] += l2;
                solution[a] = q[row] - (l1 * Math.Sign(candidate[row]));
            }
            try
            {
                system.Backend.CholeskyFactor(matrix, k);
            }
            catch (MatrixNotPositiveDefiniteException)
            {
                // Exactly collinear support columns without a ridge term: the face has no unique optimum.
                return false;
            }
            system.Backend.CholeskySolve(matrix, k, solution, 1);

            // The largest step along candidate → solution that keeps every sign: 1 when none flips.
            double step = 1.0;
            for (int a = 0; a < k; a++)
            {
                int j = support[a];
                if (!double.IsFinite(solution[a]))
                {
                    return false;
                }
                if (solution[a] * candidate[j] <= 0.0)
                {
                    step = Math.Min(step, candidate[j] / (candidate[j] - solution[a]));
                }
            }
            if (step >= 1.0)
            {
                for (int a = 0; a < k; a++)
                {
                    candidate[support[a]] = solution[a];
                }
                return true;
            }
            var remaining = new List<int>(k);
            for (int a = 0; a < k; a++)
            {
                int j = support[a];
                double moved = candidate[j] + (step * (solution[a] - candidate[j]));
                // The weight that set the step lands on zero exactly, and so does any other that rounding carried past it.
                if (moved * candidate[j] <= 0.0 || (solution[a] * candidate[j] <= 0.0 && candidate[j] / (candidate[j] - solution[a]) <= step))
                {
                    candidate[j] = 0.0;
                }
                else
                {
                    candidate[j] = moved;
                    remaining.Add(j);
                }
            }
            support = remaining;
        }
        return true;
    }
}
