namespace TabularOd.Shift;

/// <summary>
/// A convex quadratic programme with the constraint shapes kernel mean matching needs:
/// minimise ½xᵀHx + gᵀx over x ∈ ℝᴺ subject to a box l ≤ x ≤ u, an optional slab
/// s_lo ≤ aᵀx ≤ s_hi, and an optional ball ‖x_S − c‖₂ ≤ r on one contiguous block S of coordinates.
/// </summary>
/// <remarks>
/// H must be symmetric positive semidefinite (a kernel matrix, possibly with signs flipped by a diagonal ±1
/// scaling). The ball's centre must lie inside the box of its block, which is what makes the projection of
/// <see cref="FeasibleSetProjection"/> exact.
/// </remarks>
public sealed record QuadraticProblem
{
    /// <summary>The number of variables N.</summary>
    public int Size => Linear.Length;

    /// <summary>H, N×N row-major, symmetric positive semidefinite.</summary>
    public required double[] Hessian { get; init; }

    /// <summary>g, length N.</summary>
    public required double[] Linear { get; init; }

    /// <summary>The box's lower bounds l (finite).</summary>
    public required double[] Lower { get; init; }

    /// <summary>The box's upper bounds u (finite, ≥ l).</summary>
    public required double[] Upper { get; init; }

    /// <summary>The slab normal a, or null for no slab.</summary>
    public double[]? SlabNormal { get; init; }

    /// <summary>s_lo: the least allowed aᵀx.</summary>
    public double SlabLower { get; init; }

    /// <summary>s_hi: the greatest allowed aᵀx.</summary>
    public double SlabUpper { get; init; }

    /// <summary>The first coordinate of the ball's block.</summary>
    public int BallStart { get; init; }

    /// <summary>The ball's centre c (its length is the block's length), or null for no ball.</summary>
    public double[]? BallCentre { get; init; }

    /// <summary>The ball's radius r ≥ 0.</summary>
    public double BallRadius { get; init; }

    /// <summary>The objective ½xᵀHx + gᵀx at <paramref name="x"/>.</summary>
    public double Objective(ReadOnlySpan<double> x)
    {
        var hx = new double[Size];
        HessianTimes(x, hx);
        double value = 0;
        for (int i = 0; i < x.Length; i++)
        {
            value += x[i] * ((0.5 * hx[i]) + Linear[i]);
        }
        return value;
    }

    /// <summary>
    /// Hx into <paramref name="result"/>. Each entry is one dot product summed in a fixed order, so the rows can
    /// be spread over threads without changing a bit.
    /// </summary>
    public void HessianTimes(ReadOnlySpan<double> x, Span<double> result)
    {
        int n = Size;
        if (n < 256)
        {
            for (int i = 0; i < n; i++)
            {
                result[i] = System.Numerics.Tensors.TensorPrimitives.Dot(Hessian.AsSpan(i * n, n), x);
            }
            return;
        }
        var input = x.ToArray();
        var output = new double[n];
        var hessian = Hessian;
        const int block = 64;
        Compute.ComputeParallelism.For((n + block - 1) / block, Compute.ComputeParallelism.DefaultDegree, b =>
        {
            int end = Math.Min(n, (b + 1) * block);
            for (int i = b * block; i < end; i++)
            {
                output[i] = System.Numerics.Tensors.TensorPrimitives.Dot(hessian.AsSpan(i * n, n), input);
            }
        });
        output.CopyTo(result);
    }

    /// <summary>Checks sizes, finiteness and that the feasible set is described consistently.</summary>
    public void Validate()
    {
        int n = Size;
        if (Hessian.Length != (long)n * n || Lower.Length != n || Upper.Length != n)
        {
            throw new ArgumentException($"A quadratic problem in {n} variables needs an {n}×{n} Hessian and {n} bounds each.");
        }
        for (int i = 0; i < n; i++)
        {
            if (!double.IsFinite(Lower[i]) || !double.IsFinite(Upper[i]) || Lower[i] > Upper[i] || !double.IsFinite(Linear[i]))
            {
                throw new ArgumentException($"Variable {i} has bounds [{Lower[i]}, {Upper[i]}] and linear term {Linear[i]}; they must be finite and ordered.");
            }
        }
        if (SlabNormal is { } a && (a.Length != n || !(SlabLower <= SlabUpper)))
        {
            throw new ArgumentException($"The slab needs a normal of length {n} and s_lo ≤ s_hi. Got [{SlabLower}, {SlabUpper}].");
        }
        if (BallCentre is { } c)
        {
            if (BallStart < 0 || BallStart + c.Length > n || !(BallRadius >= 0))
            {
                throw new ArgumentException($"The ball block [{BallStart}, {BallStart + c.Length}) or its radius {BallRadius} does not fit {n} variables.");
            }
            for (int i = 0; i < c.Length; i++)
            {
                int j = BallStart + i;
                if (!(c[i] >= Lower[j] && c[i] <= Upper[j]))
                {
                    throw new ArgumentException($"The ball's centre must lie in the box; coordinate {j} has centre {c[i]} outside [{Lower[j]}, {Upper[j]}].");
                }
            }
        }
    }
}
