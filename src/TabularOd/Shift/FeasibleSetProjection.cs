namespace TabularOd.Shift;

/// <summary>
/// The Euclidean projection onto the feasible set of a <see cref="QuadraticProblem"/>: box ∩ ball (on one block)
/// ∩ slab, computed exactly up to one scalar root search.
/// </summary>
/// <remarks>
/// <para>
/// Why it is exact. Let C = box ∩ ball, a product of the coordinates outside the ball's block (where projecting
/// is clipping) and the block itself.
/// </para>
/// <para>
/// (1) Box ∩ ball, with the centre c inside the box. Shifting by c, the box [l − c, u − c] contains 0 and the ball
/// is ‖z‖ ≤ r. For a multiplier μ ≥ 0 the Lagrangian ½‖z − d‖² + (μ/2)(‖z‖² − r²) (d = y − c) is separable over the
/// box and minimised by z(θ) = clip(θd) with θ = 1/(1 + μ) ∈ (0, 1]. ‖z(θ)‖ is continuous and non-decreasing in θ,
/// and 0 lies strictly inside the ball when r &gt; 0 (Slater), so the projection is z(1) when that lies in the
/// ball and otherwise z(θ*) with ‖z(θ*)‖ = r (complementary slackness). ‖z(θ)‖² = θ²·Σ_free dᵢ² + Σ_clipped bᵢ² is
/// piecewise quadratic between the breakpoints θᵢ = bᵢ/dᵢ where coordinate i reaches its bound bᵢ; sorting the
/// breakpoints gives θ* in closed form on its segment (O(t log t)). r = 0 gives the centre.
/// </para>
/// <para>
/// (2) The slab s_lo ≤ aᵀx ≤ s_hi on top of C: for a multiplier λ, the minimiser of ½‖x − y‖² − λaᵀx over C is
/// x(λ) = P_C(y + λa). P_C is monotone, so aᵀx(λ) is non-decreasing in λ, and it is continuous (P_C is
/// non-expansive). The projection is x(0) when it satisfies the slab; otherwise x(λ*) where aᵀx(λ*) equals the
/// violated bound (λ* has the sign that makes the multiplier of that bound non-negative). λ* is bracketed by
/// doubling and found by the Illinois variant of regula falsi, keeping the bracket end on the feasible side, and
/// that end is returned: the result always satisfies the slab, and meets the violated bound to 10⁻¹³ of the scale
/// of aᵀx.
/// </para>
/// <para>An instance keeps scratch buffers: use one per thread.</para>
/// </remarks>
public sealed class FeasibleSetProjection
{
    private const int MaxDoublings = 2100; // enough to cross the whole double range
    private const int MaxRootSteps = 200;
    private const double RootTolerance = 1e-13;

    private readonly QuadraticProblem _problem;
    private readonly double[] _shifted;
    private readonly double[] _breakpoints;
    private readonly int[] _order;

    /// <summary>A projection onto <paramref name="problem"/>'s feasible set (validated here).</summary>
    public FeasibleSetProjection(QuadraticProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        problem.Validate();
        _problem = problem;
        _shifted = new double[problem.Size];
        int ball = problem.BallCentre?.Length ?? 0;
        _breakpoints = new double[ball];
        _order = new int[ball];
    }

    /// <summary>x ← the nearest feasible point to y. Throws <see cref="InvalidOperationException"/> when no point is feasible.</summary>
    public void Project(ReadOnlySpan<double> y, Span<double> x)
    {
        ProjectOntoBoxAndBall(y, x);
        if (_problem.SlabNormal is not { } a)
        {
            return;
        }
        double lo = _problem.SlabLower, hi = _problem.SlabUpper;
        double s = Dot(a, x);
        if (s >= lo && s <= hi)
        {
            return;
        }
        double direction = s < lo ? 1 : -1;
        double target = s < lo ? lo : hi;
        double aa = Dot(a, a);
        if (aa == 0)
        {
            throw new InvalidOperationException("The slab's normal is zero and its bounds exclude 0: no point is feasible.");
        }
        double scale = 0;
        for (int i = 0; i < a.Length; i++)
        {
            scale += Math.Abs(a[i]) * Math.Max(Math.Abs(_problem.Lower[i]), Math.Abs(_problem.Upper[i]));
        }
        double tolerance = RootTolerance * Math.Max(scale, Math.Abs(target));

        // f(λ) = aᵀx(λ) − target: f(inside) is on the wrong side, f(outside) on the feasible side.
        double inside = 0, fInside = s - target;
        double outside = direction * Math.Max(Math.Abs(target - s) / aa, 1e-300);
        double fOutside = SlabValue(y, a, outside, x) - target;
        int doublings = 0;
        while (direction * fOutside < 0)
        {
            inside = outside;
            fInside = fOutside;
            outside *= 2;
            if (++doublings > MaxDoublings || !double.IsFinite(outside))
            {
                throw new InvalidOperationException("The box, ball and slab constraints of the quadratic problem admit no common point.");
            }
            fOutside = SlabValue(y, a, outside, x) - target;
        }
        int lastSide = 0;
        for (int step = 0; step < MaxRootSteps && Math.Abs(fOutside) > tolerance; step++)
        {
            double lambda = ((inside * fOutside) - (outside * fInside)) / (fOutside - fInside);
            double low = Math.Min(inside, outside), high = Math.Max(inside, outside);
            if (!(lambda > low && lambda < high))
            {
                lambda = 0.5 * (inside + outside);
                if (!(lambda > low && lambda < high))
                {
                    break; // The bracket is one floating-point step wide.
                }
            }
            double f = SlabValue(y, a, lambda, x) - target;
            if (direction * f >= 0)
            {
                outside = lambda;
                fOutside = f;
                if (lastSide == 1)
                {
                    fInside /= 2; // Illinois: stop the stale end from pinning the secant.
                }
                lastSide = 1;
            }
            else
            {
                inside = lambda;
                fInside = f;
                if (lastSide == -1)
                {
                    fOutside /= 2;
                }
                lastSide = -1;
            }
        }
        SlabValue(y, a, outside, x);
    }

    // x ← P_C(y + λa); returns aᵀx.
    private double SlabValue(ReadOnlySpan<double> y, double[] a, double lambda, Span<double> x)
    {
        for (int i = 0; i < _shifted.Length; i++)
        {
            _shifted[i] = y[i] + (lambda * a[i]);
        }
        ProjectOntoBoxAndBall(_shifted, x);
        return Dot(a, x);
    }

    private void ProjectOntoBoxAndBall(ReadOnlySpan<double> y, Span<double> x)
    {
        var lower = _problem.Lower;
        var upper = _problem.Upper;
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = Math.Clamp(y[i], lower[i], upper[i]);
        }
        if (_problem.BallCentre is not { } centre)
        {
            return;
        }
        int start = _problem.BallStart, length = centre.Length;
        double radius = _problem.BallRadius;
        var block = x.Slice(start, length);
        if (SquaredDistance(block, centre) <= radius * radius)
        {
            return;
        }
        double theta = radius > 0 ? BallScale(y.Slice(start, length), centre, lower.AsSpan(start, length), upper.AsSpan(start, length), radius) : 0;
        Shrink(y.Slice(start, length), centre, lower.AsSpan(start, length), upper.AsSpan(start, length), theta, block);
        // The closed form can land a rounding error outside the ball; step θ down until it is inside.
        for (int attempt = 0; attempt < 64 && SquaredDistance(block, centre) > radius * radius; attempt++)
        {
            theta *= 1 - Math.ScaleB(1.0, attempt - 52); // 1 − 2⁻⁵², 1 − 2⁻⁵¹, …: reaches the centre by attempt 52
            Shrink(y.Slice(start, length), centre, lower.AsSpan(start, length), upper.AsSpan(start, length), theta, block);
        }
    }

    // θ* with ‖clip(θ(y − c), l − c, u − c)‖ = r, given that θ = 1 lands outside the ball.
    private double BallScale(ReadOnlySpan<double> y, ReadOnlySpan<double> centre, ReadOnlySpan<double> lower, ReadOnlySpan<double> upper, double radius)
    {
        int count = 0;
        double free = 0; // Σ dᵢ² over coordinates not yet at their bound
        for (int i = 0; i < y.Length; i++)
        {
            double d = y[i] - centre[i];
            if (d == 0)
            {
                continue;
            }
            double bound = d > 0 ? upper[i] - centre[i] : lower[i] - centre[i];
            _breakpoints[count] = bound / d; // ≥ 0: where coordinate i reaches its bound
            _order[count] = i;
            count++;
            free += d * d;
        }
        var breakpoints = _breakpoints.AsSpan(0, count);
        var order = _order.AsSpan(0, count);
        breakpoints.Sort(order);
        double clipped = 0; // Σ bᵢ² over coordinates at their bound
        double r2 = radius * radius, previous = 0;
        for (int k = 0; k < count; k++)
        {
            double at = Math.Min(breakpoints[k], 1);
            if ((at * at * free) + clipped >= r2)
            {
                break;
            }
            int i = order[k];
            double d = y[i] - centre[i];
            double bound = d > 0 ? upper[i] - centre[i] : lower[i] - centre[i];
            free -= d * d;
            clipped += bound * bound;
            previous = at;
            if (at >= 1)
            {
                break;
            }
        }
        if (free <= 0)
        {
            return previous;
        }
        return Math.Clamp(Math.Sqrt(Math.Max(r2 - clipped, 0) / free), previous, 1);
    }

    // x = c + clip(θ(y − c), l − c, u − c), written as a clip in the original coordinates.
    private static void Shrink(ReadOnlySpan<double> y, ReadOnlySpan<double> centre, ReadOnlySpan<double> lower, ReadOnlySpan<double> upper,
        double theta, Span<double> x)
    {
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = Math.Clamp(centre[i] + (theta * (y[i] - centre[i])), lower[i], upper[i]);
        }
    }

    private static double SquaredDistance(ReadOnlySpan<double> x, ReadOnlySpan<double> c)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double d = x[i] - c[i];
            sum += d * d;
        }
        return sum;
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
