namespace TabularOd.Shift;

/// <summary>What <see cref="ProjectedGradientSolver"/> returns.</summary>
/// <param name="X">The (feasible) solution.</param>
/// <param name="Objective">½xᵀHx + gᵀx at <paramref name="X"/>.</param>
/// <param name="Iterations">Gradient steps taken, through the low-rank factor and with the exact Hessian together.</param>
/// <param name="Converged">Whether the stopping rule (with the exact Hessian) was met before the iteration limit.</param>
/// <param name="Residual">The last exact step's ‖x⁺ − y‖∞ (the projected-gradient residual the rule tests).</param>
public sealed record QpSolution(double[] X, double Objective, int Iterations, bool Converged, double Residual)
{
    /// <summary>Of <see cref="Iterations"/>, the steps taken through the low-rank factor (0 when it was not used).</summary>
    public int LowRankIterations { get; init; }

    /// <summary>The rank of the low-rank factor of the first run, or 0 when there was none.</summary>
    public int LowRankRank { get; init; }

    /// <summary>The steps taken with the exact Hessian: the ones the stopping rule was tested on.</summary>
    public int ExactIterations => Iterations - LowRankIterations;
}
