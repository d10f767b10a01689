using System.Runtime.InteropServices;

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
/// gap test decides when to stop, as it does after a sweep.
/// <para>
/// One instance serves the descents of a path on one system: it keeps the Cholesky factor of G_AA + l2·I
/// (<see cref="SupportCholesky"/>) from step to step, so a step whose support differs by a few columns from the last
/// one's costs O(|A|² + p²) rather than a new O(|A|³) factorisation, and so does each weight the step drops; the
/// factor survives from one α to the next when l2 does (a Lasso path).
/// </para>
/// </remarks>
internal sealed class ActiveSetStep
{
    private readonly GramSystem _system;
    private readonly SupportCholesky _factor;
    private readonly bool[] _inSupport;
    private readonly double[] _solution;
    private readonly List<int> _joining;

    /// <param name="system">The Gram system of the descents.</param>
    public ActiveSetStep(GramSystem system)
    {
        _system = system;
        _factor = new SupportCholesky(system.Backend, system.Gram, system.Columns, 0.0);
        _joining = new List<int>(system.Columns);
        _inSupport = new bool[system.Columns];
        _solution = new double[system.Columns];
    }

    /// <summary>The ridge term the kept factor includes.</summary>
    public double L2 { get; private set; }

    /// <summary>
    /// Prepares the step for a descent with ridge term <paramref name="l2"/>: the kept factor stays when the term is
    /// unchanged (along a Lasso path) and is dropped otherwise.
    /// </summary>
    public void UseRidge(double l2)
    {
        if (l2 != L2)
        {
            L2 = l2;
            _factor.Reset(l2);
        }
    }

    /// <summary>
    /// Moves from <paramref name="w"/> towards the exact solution on its support, writing the result into
    /// <paramref name="candidate"/>: where that solution would flip a sign, the step stops at the first weight that
    /// reaches zero, drops it from the support and solves again (a primal active-set iteration, as in Lawson–Hanson's
    /// NNLS), so the result always keeps the signs of <paramref name="w"/> where it is non-zero and has an objective
    /// no higher than <paramref name="w"/>'s. Returns false when there is nothing to do (no support, or a support
    /// whose columns are collinear at the working precision without a ridge term).
    /// </summary>
    public bool TrySolve(ReadOnlySpan<double> w, double l1, Span<double> candidate)
    {
        int p = _system.Columns;
        bool any = false;
        for (int j = 0; j < p; j++)
        {
            _inSupport[j] = w[j] != 0.0;
            any |= _inSupport[j];
        }
        if (!any)
        {
            return false;
        }
        // Bring the factor to the new support: drop the columns that left, then add those that joined, in index order —
        // one at a time when they are few, else by a fresh factorisation (appending c of k columns costs ≈ c·k² flops
        // of short dot products against k³/3 in the backend's blocked kernel).
        for (int a = _factor.Count - 1; a >= 0; a--)
        {
            if (!_inSupport[_factor.ColumnAt(a)])
            {
                _factor.RemoveAt(a);
            }
        }
        _joining.Clear();
        for (int j = 0; j < p; j++)
        {
            if (_inSupport[j] && _factor.PositionOf(j) < 0)
            {
                _joining.Add(j);
            }
        }
        if (_joining.Count * 8 > _factor.Count + _joining.Count)
        {
            for (int a = 0; a < _factor.Count; a++)
            {
                _joining.Add(_factor.ColumnAt(a));
            }
            _joining.Sort();
            if (!_factor.TryFactor(CollectionsMarshal.AsSpan(_joining)))
            {
                return false;
            }
        }
        else
        {
            foreach (int j in _joining)
            {
                if (!_factor.TryAppend(j))
                {
                    _factor.Clear();
                    return false;
                }
            }
        }
        w.CopyTo(candidate);
        ReadOnlySpan<double> q = _system.Xty;
        while (_factor.Count > 0)
        {
            int k = _factor.Count;
            var solution = _solution.AsSpan(0, k);
            for (int a = 0; a < k; a++)
            {
                int j = _factor.ColumnAt(a);
                solution[a] = q[j] - (l1 * Math.Sign(candidate[j]));
            }
            _factor.Solve(solution);

            // The largest step along candidate → solution that keeps every sign: 1 when none flips.
            double step = 1.0;
            for (int a = 0; a < k; a++)
            {
                int j = _factor.ColumnAt(a);
                if (!double.IsFinite(solution[a]))
                {
                    _factor.Clear();
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
                    candidate[_factor.ColumnAt(a)] = solution[a];
                }
                return true;
            }
            for (int a = k - 1; a >= 0; a--)
            {
                int j = _factor.ColumnAt(a);
                double moved = candidate[j] + (step * (solution[a] - candidate[j]));
                // The weight that set the step lands on zero exactly, and so does any other that rounding carried past it.
                if (moved * candidate[j] <= 0.0 || (solution[a] * candidate[j] <= 0.0 && candidate[j] / (candidate[j] - solution[a]) <= step))
                {
                    candidate[j] = 0.0;
                    _factor.RemoveAt(a);
                }
                else
                {
                    candidate[j] = moved;
                }
            }
        }
        return true;
    }
}
