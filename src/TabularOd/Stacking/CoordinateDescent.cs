using System.Numerics.Tensors;

namespace TabularOd.Stacking;

/// <summary>
/// Cyclic coordinate descent for the elastic net on a centred design, step for step as scikit-learn's
/// <c>cd_fast.enet_coordinate_descent</c>, so that the same start gives the same iterate sequence, the same
/// stopping iteration and (to rounding) the same weights.
/// </summary>
/// <remarks>
/// <para>
/// Minimises ½‖y − Xw‖² + l1·‖w‖₁ + ½·l2·‖w‖² with l1 = n·α·ρ and l2 = n·α·(1 − ρ), which is scikit-learn's
/// (1/(2n))‖y − Xw‖² + αρ‖w‖₁ + α(1 − ρ)/2·‖w‖² multiplied by n.
/// </para>
/// <para>
/// Each sweep updates every coordinate with a non-zero column once, in column order, by soft-thresholding. When
/// the largest weight change of a sweep is below <c>tol</c> times the largest weight (or the weights are all zero,
/// or the sweep is the last one allowed) the duality gap is computed, and the descent stops once it is below
/// <c>tol·‖y‖²</c>: the change test is cheap but can stop early on a flat stretch, the gap certifies the result.
/// </para>
/// </remarks>
internal static class CoordinateDescent
{
    /// <summary>The outcome of one descent.</summary>
    public readonly record struct Outcome(int Iterations, double DualityGap, double ScaledTolerance, bool Converged);

    /// <summary>Runs from the weights in <paramref name="w"/> (a warm start) and leaves the result there.</summary>
    public static Outcome Run(CenteredDesign design, Span<double> w, double l1, double l2, int maxIterations, double tolerance)
    {
        int n = design.Rows, p = design.Columns;
        ReadOnlySpan<double> x = design.Design;
        ReadOnlySpan<double> y = design.Target;
        var columnNorms = new double[p];
        for (int j = 0; j < p; j++)
        {
            var column = x.Slice(j * n, n);
            columnNorms[j] = TensorPrimitives.Dot(column, column);
        }
        var residual = y.ToArray();
        for (int j = 0; j < p; j++)
        {
            if (w[j] != 0.0)
            {
                Axpy(-w[j], x.Slice(j * n, n), residual);
            }
        }
        double changeTolerance = tolerance;
        double gapTolerance = tolerance * TensorPrimitives.Dot(y, y);
        double gap = gapTolerance + 1.0;
        var xtr = new double[p];

        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            double largestWeight = 0.0, largestChange = 0.0;
            for (int j = 0; j < p; j++)
            {
                if (columnNorms[j] == 0.0)
                {
                    continue;
                }
                var column = x.Slice(j * n, n);
                double previous = w[j];
                if (previous != 0.0)
                {
                    Axpy(previous, column, residual);
                }
                double correlation = TensorPrimitives.Dot(column, residual);
                w[j] = Math.Sign(correlation) * Math.Max(Math.Abs(correlation) - l1, 0.0) / (columnNorms[j] + l2);
                if (w[j] != 0.0)
                {
                    Axpy(-w[j], column, residual);
                }
                largestChange = Math.Max(largestChange, Math.Abs(w[j] - previous));
                largestWeight = Math.Max(largestWeight, Math.Abs(w[j]));
            }

            if (largestWeight == 0.0 || largestChange / largestWeight < changeTolerance || iteration == maxIterations - 1)
            {
                gap = DualityGap(x, y, n, p, w, residual, l1, l2, xtr);
                if (gap < gapTolerance)
                {
                    return new Outcome(iteration + 1, gap, gapTolerance, Converged: true);
                }
            }
        }
        return new Outcome(maxIterations, gap, gapTolerance, Converged: false);
    }

    /// <summary>
    /// The same descent on the Gram matrix (scikit-learn's <c>enet_coordinate_descent_gram</c>): instead of the
    /// residual it keeps H = G·w, so a coordinate update costs O(p) whatever n is. The residual norm in the gap is
    /// ‖y‖² + w·H − 2·q·w, which loses about ε·‖y‖² to cancellation, far below the tolerance tol·‖y‖².
    /// </summary>
    /// <remarks>
    /// With <paramref name="activeSet"/>, after every sweep that did not already converge an
    /// <see cref="ActiveSetStep"/> moves the weights to the exact solution on their support (the sweep lets new
    /// coordinates enter, the step settles the rest) and the gap test is applied to the result: on correlated columns
    /// a path point then takes a sweep or two instead of thousands. Without it the iterates are scikit-learn's, sweep
    /// for sweep.
    /// </remarks>
    public static Outcome RunGram(GramSystem system, Span<double> w, double l1, double l2, int maxIterations, double tolerance,
        bool activeSet = false) =>
        RunGram(system, w, l1, l2, maxIterations, tolerance, activeSet ? new ActiveSetStep(system) : null);

    /// <summary>
    /// <see cref="RunGram(GramSystem, Span{double}, double, double, int, double, bool)"/> with active-set steps by
    /// <paramref name="step"/> (built on the same system; a path passes one to all its α, so that its buffers, and its
    /// factor where l2 stays the same, are reused), or none.
    /// </summary>
    public static Outcome RunGram(GramSystem system, Span<double> w, double l1, double l2, int maxIterations, double tolerance,
        ActiveSetStep? step)
    {
        step?.UseRidge(l2);
        int p = system.Columns;
        ReadOnlySpan<double> gram = system.Gram;
        ReadOnlySpan<double> q = system.Xty;
        var h = new double[p];
        Product(gram, p, w, h);
        double changeTolerance = tolerance;
        double gapTolerance = tolerance * system.TargetNorm2;
        double gap = gapTolerance + 1.0;
        var candidate = step is not null ? new double[p] : [];
        var candidateH = step is not null ? new double[p] : [];

        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            double largestWeight = 0.0, largestChange = 0.0;
            for (int j = 0; j < p; j++)
            {
                double diagonal = gram[(j * p) + j];
                if (diagonal == 0.0)
                {
                    continue;
                }
                var row = gram.Slice(j * p, p);
                double previous = w[j];
                if (previous != 0.0)
                {
                    TensorPrimitives.MultiplyAdd(row, -previous, h, h);
                }
                double correlation = q[j] - h[j];
                w[j] = Math.Sign(correlation) * Math.Max(Math.Abs(correlation) - l1, 0.0) / (diagonal + l2);
                if (w[j] != 0.0)
                {
                    TensorPrimitives.MultiplyAdd(row, w[j], h, h);
                }
                largestChange = Math.Max(largestChange, Math.Abs(w[j] - previous));
                largestWeight = Math.Max(largestWeight, Math.Abs(w[j]));
            }

            if (largestWeight == 0.0 || largestChange / largestWeight < changeTolerance || iteration == maxIterations - 1)
            {
                gap = GramGap(system, w, h, l1, l2);
                if (gap < gapTolerance)
                {
                    return new Outcome(iteration + 1, gap, gapTolerance, Converged: true);
                }
            }
            if (step is not null && step.TrySolve(w, l1, candidate))
            {
                Product(gram, p, candidate, candidateH);
                candidate.CopyTo(w);
                candidateH.CopyTo(h);
                gap = GramGap(system, w, h, l1, l2);
                if (gap < gapTolerance)
                {
                    return new Outcome(iteration + 1, gap, gapTolerance, Converged: true);
                }
            }
        }
        return new Outcome(maxIterations, gap, gapTolerance, Converged: false);
    }

    // H = G·w over the non-zero weights.
    private static void Product(ReadOnlySpan<double> gram, int p, ReadOnlySpan<double> w, Span<double> h)
    {
        h.Clear();
        for (int j = 0; j < p; j++)
        {
            if (w[j] != 0.0)
            {
                TensorPrimitives.MultiplyAdd(gram.Slice(j * p, p), w[j], h, h);
            }
        }
    }

    // The duality gap of the Gram form, with H = G·w kept by the caller.
    private static double GramGap(GramSystem system, ReadOnlySpan<double> w, ReadOnlySpan<double> h, double l1, double l2)
    {
        int p = system.Columns;
        ReadOnlySpan<double> q = system.Xty;
        double qw = TensorPrimitives.Dot(w, q);
        double dualNorm = 0.0;
        for (int j = 0; j < p; j++)
        {
            dualNorm = Math.Max(dualNorm, Math.Abs(q[j] - h[j] - (l2 * w[j])));
        }
        double residualNorm2 = system.TargetNorm2 + TensorPrimitives.Dot(w, h) - (2.0 * qw);
        double weightNorm2 = TensorPrimitives.Dot(w, w);
        var (scale, gap) = DualScaling(dualNorm, residualNorm2, l1);
        return gap + (l1 * TensorPrimitives.SumOfMagnitudes(w)) - (scale * system.TargetNorm2) + (scale * qw)
            + (0.5 * l2 * (1 + (scale * scale)) * weightNorm2);
    }

    // The gap between the primal objective and the dual objective at the residual rescaled into the dual
    // feasible set; zero exactly at the optimum. Same algebra as cd_fast.
    private static double DualityGap(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int n, int p, ReadOnlySpan<double> w,
        ReadOnlySpan<double> residual, double l1, double l2, Span<double> xtr)
    {
        double dualNorm = 0.0;
        for (int j = 0; j < p; j++)
        {
            xtr[j] = TensorPrimitives.Dot(x.Slice(j * n, n), residual) - (l2 * w[j]);
            dualNorm = Math.Max(dualNorm, Math.Abs(xtr[j]));
        }
        double residualNorm2 = TensorPrimitives.Dot(residual, residual);
        double weightNorm2 = TensorPrimitives.Dot(w, w);
        var (scale, gap) = DualScaling(dualNorm, residualNorm2, l1);
        double l1Norm = TensorPrimitives.SumOfMagnitudes(w);
        gap += (l1 * l1Norm) - (scale * TensorPrimitives.Dot(residual, y)) + (0.5 * l2 * (1 + (scale * scale)) * weightNorm2);
        return gap;
    }

    // The residual rescaled into the dual feasible set (‖Xᵀr − l2·w‖∞ ≤ l1) and the gap's residual terms, as cd_fast
    // writes them.
    private static (double Scale, double Gap) DualScaling(double dualNorm, double residualNorm2, double l1) =>
        dualNorm > l1
            ? (l1 / dualNorm, 0.5 * (residualNorm2 + (residualNorm2 * (l1 / dualNorm) * (l1 / dualNorm))))
            : (1.0, residualNorm2);

    private static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        TensorPrimitives.MultiplyAdd(x, a, y, y);
    }
}
