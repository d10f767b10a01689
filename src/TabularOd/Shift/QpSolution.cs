namespace TabularOd.Shift;

/// <summary>What <see cref="ProjectedGradientSolver"/> returns.</summary>
/// <param name="X">The (feasible) solution.</param>
/// <param name="Objective">½xᵀHx + gᵀx at <paramref name="X"/>.</param>
/// <param name="Iterations">Gradient steps taken.</param>
/// <param name="Converged">Whether the stopping rule was met before the iteration limit.</param>
/// <param name="Residual">The last step's ‖x⁺ − y‖∞ (the projected-gradient residual the rule tests).</param>
public sealed record QpSolution(double[] X, double Objective, int Iterations, bool Converged, double Residual);
