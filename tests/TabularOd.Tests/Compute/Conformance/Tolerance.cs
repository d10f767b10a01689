namespace TabularOd.Tests.Compute.Conformance;

/// <summary>
/// The relative tolerances every backend is held to. "Relative" is to the magnitudes a kernel combines
/// (Σ|a·b| for a dot product, ‖x‖² + ‖y‖² for a squared distance), which bounds the rounding any summation
/// order can make; relative to the result alone, cancellation would make any tolerance meaningless.
/// </summary>
public static class Tolerance
{
    /// <summary>For double-precision kernels.</summary>
    public const double Double = 1e-10;

    /// <summary>For single-precision kernels.</summary>
    public const double Single = 1e-4;

    /// <summary>The tolerance for element type <typeparamref name="T"/>.</summary>
    public static double Of<T>() => typeof(T) == typeof(float) ? Single : Double;

    /// <summary>|actual − expected| ≤ tolerance·scale, false for NaN; exact equality is required when scale is zero.</summary>
    public static bool Within(double actual, double expected, double tolerance, double scale) =>
        Math.Abs(actual - expected) <= tolerance * scale;
}
