using MathNet.Numerics;

namespace TabularOd.Evaluation.Statistics;

/// <summary>
/// Standard normal tails written through erf/erfc so that neither tail loses precision by subtracting
/// from 1, plus the log1p/expm1 the studentized range needs: .NET's <c>double.LogP1</c>/<c>ExpM1</c>
/// compute log(1 + x) and exp(x) − 1 literally and lose every digit for tiny x.
/// </summary>
internal static class StandardNormal
{
    private const double InverseSqrt2 = 0.70710678118654752440;
    private const double InverseSqrt2Pi = 0.39894228040143267794;

    /// <summary>Density φ(x).</summary>
    public static double Density(double x) => InverseSqrt2Pi * Math.Exp(-0.5 * x * x);

    /// <summary>Upper tail Q(x) = P(Z &gt; x), accurate for large positive x.</summary>
    public static double UpperTail(double x) => 0.5 * SpecialFunctions.Erfc(x * InverseSqrt2);

    /// <summary>P(|Z| ≥ |z|), with the branch SciPy's ndtr takes (erf near 0, erfc beyond).</summary>
    public static double TwoSidedTail(double z)
    {
        double x = Math.Abs(z) * InverseSqrt2;
        return x < InverseSqrt2 ? 1 - SpecialFunctions.Erf(x) : SpecialFunctions.Erfc(x);
    }

    /// <summary>log(1 + x) to a few ulps for x &gt; −1 (Goldberg's correction of the rounded 1 + x).</summary>
    public static double Log1P(double x)
    {
        double u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }

    /// <summary>exp(x) − 1 to a few ulps (Kahan's correction of the rounded exp(x)).</summary>
    public static double ExpM1(double x)
    {
        double u = Math.Exp(x);
        if (u == 1)
        {
            return x;
        }
        if (double.IsPositiveInfinity(u))
        {
            return u;
        }
        double um1 = u - 1;
        return um1 == -1 ? -1 : um1 * x / Math.Log(u);
    }
}
