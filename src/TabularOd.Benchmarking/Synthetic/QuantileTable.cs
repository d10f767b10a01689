namespace TabularOd.Benchmarking.Synthetic;

/// <summary>
/// The inverse of a continuous CDF that has no closed form, by linear interpolation in a table of CDF values on an
/// even grid, with bisection beyond the table's ends.
/// </summary>
/// <remarks>
/// A copula draw needs one quantile per value, and MathNet's inverse CDFs for the beta and Student-t solve a root
/// for every call (and mixtures have none at all); a table costs a fixed number of CDF evaluations per feature, so
/// a 3000 × 40 dataset needs tens of thousands of evaluations instead of millions.
/// </remarks>
internal sealed class QuantileTable
{
    private const int GridPoints = 1025;
    private const int BisectionSteps = 100;

    private readonly Func<double, double> _cdf;
    private readonly double[] _x;
    private readonly double[] _p;
    private readonly double _low;
    private readonly double _high;

    /// <summary>Tabulates <paramref name="cdf"/> on [<paramref name="low"/>, <paramref name="high"/>], a range that should hold nearly all the mass.</summary>
    public QuantileTable(Func<double, double> cdf, double low, double high)
    {
        _cdf = cdf;
        _low = low;
        _high = high;
        _x = new double[GridPoints];
        _p = new double[GridPoints];
        for (int k = 0; k < GridPoints; k++)
        {
            _x[k] = low + ((high - low) * k / (GridPoints - 1));
            // Rounding can make a CDF dip by an ulp; the search below needs a non-decreasing column.
            _p[k] = Math.Max(cdf(_x[k]), k > 0 ? _p[k - 1] : 0.0);
        }
    }

    /// <summary>The value whose CDF is <paramref name="u"/>, for u in (0, 1).</summary>
    public double Quantile(double u)
    {
        if (u < _p[0])
        {
            return Bisect(u, outward: -1);
        }
        if (u > _p[^1])
        {
            return Bisect(u, outward: +1);
        }
        int hi = Array.BinarySearch(_p, u);
        if (hi >= 0)
        {
            return _x[hi];
        }
        hi = ~hi;
        int lo = hi - 1;
        double width = _p[hi] - _p[lo];
        return width > 0 ? _x[lo] + ((_x[hi] - _x[lo]) * (u - _p[lo]) / width) : _x[lo];
    }

    // Beyond the table: step outward by doubling widths until the CDF brackets u, then halve the bracket.
    private double Bisect(double u, int outward)
    {
        double span = _high - _low;
        double inner = outward < 0 ? _low : _high;
        double outer = inner + (outward * span);
        for (int k = 0; k < 200 && (outward < 0 ? _cdf(outer) > u : _cdf(outer) < u); k++)
        {
            inner = outer;
            span *= 2;
            outer = inner + (outward * span);
        }
        double a = Math.Min(inner, outer), b = Math.Max(inner, outer);
        for (int k = 0; k < BisectionSteps && b - a > 1e-12 * Math.Max(1.0, Math.Abs(a)); k++)
        {
            double mid = 0.5 * (a + b);
            if (_cdf(mid) < u)
            {
                a = mid;
            }
            else
            {
                b = mid;
            }
        }
        return 0.5 * (a + b);
    }
}
