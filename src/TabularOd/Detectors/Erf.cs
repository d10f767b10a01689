namespace TabularOd.Detectors;

/// <summary>The error function, through MathNet (accurate to about 1e-16), in one place.</summary>
internal static class Erf
{
    public static double Of(double x) => MathNet.Numerics.SpecialFunctions.Erf(x);
}
