using TabularOd.Data;

namespace TabularOd.Shift;

/// <summary>The features the logistic train-vs-test classifier of <see cref="LogisticDensityRatio"/> sees.</summary>
public enum LogisticBasis
{
    /// <summary>The features as given: the ratio can only tilt along a direction.</summary>
    Linear,

    /// <summary>
    /// Each feature and its square (2d columns, no cross terms): a log-ratio that is quadratic per feature, which
    /// captures changes of location and of spread, and so flags rows beyond the training range on either side.
    /// </summary>
    Quadratic,
}

/// <summary>Builds the basis columns of <see cref="LogisticBasis"/>.</summary>
internal static class LogisticBasisExpansion
{
    /// <summary>The expanded matrix: x, or [x, x²].</summary>
    public static DataMatrix Expand(DataMatrix x, LogisticBasis basis)
    {
        if (basis == LogisticBasis.Linear)
        {
            return x;
        }
        int n = x.Rows, d = x.Columns;
        var result = new DataMatrix(n, 2 * d);
        for (int i = 0; i < n; i++)
        {
            var source = x.Row(i);
            var target = result.Row(i);
            for (int j = 0; j < d; j++)
            {
                target[j] = source[j];
                target[d + j] = source[j] * source[j];
            }
        }
        return result;
    }
}
