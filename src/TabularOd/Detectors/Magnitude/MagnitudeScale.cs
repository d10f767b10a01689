using System.Globalization;

namespace TabularOd.Detectors.Magnitude;

/// <summary>
/// Finds the scale t at which a point set's magnitude equals a target: bisection on log t.
/// </summary>
/// <remarks>
/// <para>
/// For a finite subset of Euclidean space the magnitude runs from 1 (t → 0: every point merges into one) to the number
/// of distinct points m (t → ∞: every point is isolated), increasing along the way (Leinster, "The magnitude of metric
/// spaces", Doc. Math. 2013, for the limits), so a target in (1, m) is met at one scale. Searching on log t suits a
/// quantity that changes on every scale from the smallest to the largest distance.
/// </para>
/// <para>
/// From the starting scale, t is multiplied (or divided) by 4 until the target is bracketed, at most 40 times, then the
/// bracket is halved in log t until the magnitude is within <see cref="RelativeTolerance"/> of the target or the
/// bracket cannot shrink further; the solution closest to the target is returned. Bisection needs only continuity,
/// not monotonicity: it finds a crossing of the target whenever the bracket holds one. Each step is a full solve —
/// O(m³) for the exact weighting vector — so about 40 solves in all.
/// </para>
/// </remarks>
public static class MagnitudeScale
{
    /// <summary>The search stops once |magnitude − target| ≤ this × target.</summary>
    public const double RelativeTolerance = 1e-10;

    private const double BracketFactor = 4.0;
    private const int MaxBracketSteps = 40;
    private const int MaxBisections = 200;

    /// <summary>
    /// The solution, among those <paramref name="solveAt"/> returns for the scales tried from <paramref name="start"/>,
    /// whose magnitude is closest to <paramref name="target"/>; its <see cref="WeightingSolution.Scale"/> is the t found.
    /// Throws <see cref="ArgumentException"/> when no scale within 4⁴⁰ of the start brackets the target.
    /// </summary>
    public static TSolution Search<TSolution>(Func<double, TSolution> solveAt, double target, double start = 1.0)
        where TSolution : WeightingSolution
    {
        ArgumentNullException.ThrowIfNull(solveAt);
        if (!(target > 0 && double.IsFinite(target)))
        {
            throw OptionCheck.Invalid("target", "MagnitudeScale.Search", "positive and finite", target);
        }
        WeightingVector.CheckScale(start, "MagnitudeScale.Search");

        var best = solveAt(start);
        if (Close(best, target))
        {
            return best;
        }
        bool below = best.Magnitude < target;
        double step = Math.Log(BracketFactor) * (below ? 1 : -1);
        var previous = best;
        double logPrevious = Math.Log(start), logLow = double.NaN, logHigh = double.NaN;
        for (int i = 0; i < MaxBracketSteps && double.IsNaN(logLow); i++)
        {
            double logNext = logPrevious + step;
            var next = solveAt(Math.Exp(logNext));
            best = Closer(best, next, target);
            if (Close(next, target))
            {
                return next;
            }
            if ((next.Magnitude < target) != below)
            {
                (logLow, logHigh) = below ? (logPrevious, logNext) : (logNext, logPrevious);
            }
            previous = next;
            logPrevious = logNext;
        }
        if (double.IsNaN(logLow))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"No scale t between {start} and {Math.Exp(logPrevious):G3} brings the magnitude to {target}; the last tried gives {previous.Magnitude:G10}."));
        }
        for (int i = 0; i < MaxBisections; i++)
        {
            double logMiddle = (logLow + logHigh) / 2;
            if (!(logMiddle > logLow && logMiddle < logHigh))
            {
                break; // The bracket holds no other double: the best found is as close as t can get.
            }
            var middle = solveAt(Math.Exp(logMiddle));
            best = Closer(best, middle, target);
            if (Close(middle, target))
            {
                return middle;
            }
            if (middle.Magnitude < target)
            {
                logLow = logMiddle;
            }
            else
            {
                logHigh = logMiddle;
            }
        }
        return best;
    }

    private static bool Close(WeightingSolution solution, double target) =>
        Math.Abs(solution.Magnitude - target) <= RelativeTolerance * target;

    private static TSolution Closer<TSolution>(TSolution a, TSolution b, double target)
        where TSolution : WeightingSolution =>
        Math.Abs(b.Magnitude - target) < Math.Abs(a.Magnitude - target) ? b : a;
}
