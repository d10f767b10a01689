using System.Globalization;
using TabularOd.Data;

namespace TabularOd.Stacking;

/// <summary>
/// Argument checks shared by the stacking estimators, worded in the project's one format
/// ("The 'Alpha' parameter of Ridge must be &gt; 0. Got -1.") and naming the parameter, so that a caller who
/// passes a wrong matrix to a meta-model learns which argument was wrong and why.
/// </summary>
internal static class StackingArguments
{
    /// <summary>The exception for a broken constraint.</summary>
    public static ArgumentException Invalid(string parameter, string owner, string constraint, object value) =>
        new($"The '{parameter}' parameter of {owner} must be {constraint}. Got {Format(value)}.", parameter);

    /// <summary>Requires <paramref name="value"/> &gt; 0 and finite.</summary>
    public static void Positive(double value, string parameter, string owner)
    {
        if (!(value > 0 && double.IsFinite(value)))
        {
            throw Invalid(parameter, owner, "> 0 and finite", value);
        }
    }

    /// <summary>Requires <paramref name="value"/> ≥ <paramref name="minimum"/>.</summary>
    public static void AtLeast(int value, int minimum, string parameter, string owner)
    {
        if (value < minimum)
        {
            throw Invalid(parameter, owner, $"≥ {minimum.ToString(CultureInfo.InvariantCulture)}", value);
        }
    }

    /// <summary>Requires <paramref name="low"/> ≤ <paramref name="value"/> ≤ <paramref name="high"/>.</summary>
    public static void InRange(double value, double low, double high, string parameter, string owner)
    {
        if (!(value >= low && value <= high))
        {
            throw Invalid(parameter, owner, $"in [{Format(low)}, {Format(high)}]", value);
        }
    }

    /// <summary>Requires a non-empty grid of values each &gt; 0 and finite.</summary>
    public static double[] PositiveGrid(IReadOnlyList<double>? values, string parameter, string owner)
    {
        if (values is null || values.Count == 0)
        {
            throw new ArgumentException($"The '{parameter}' parameter of {owner} must hold at least one value.", parameter);
        }
        foreach (double v in values)
        {
            Positive(v, parameter, owner);
        }
        return [.. values];
    }

    /// <summary>
    /// Checks a regression problem: a non-empty finite design, a finite target with one value per row, and sample
    /// weights that are either absent (empty) or one finite non-negative value per row with a positive sum.
    /// </summary>
    public static void Regression(DataMatrix x, ReadOnlySpan<double> y, ReadOnlySpan<double> sampleWeight, string owner)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rows < 1 || x.Columns < 1)
        {
            throw new ArgumentException($"{owner} needs at least one row and one column. Got {x.Rows}×{x.Columns}.", nameof(x));
        }
        foreach (double v in x.AsSpan())
        {
            if (!double.IsFinite(v))
            {
                throw new ArgumentException($"{owner} needs finite inputs; the design holds {Format(v)}.", nameof(x));
            }
        }
        if (y.Length != x.Rows)
        {
            throw new ArgumentException($"{owner} needs one target value per row: {x.Rows} rows. Got {y.Length} values.", nameof(y));
        }
        foreach (double v in y)
        {
            if (!double.IsFinite(v))
            {
                throw new ArgumentException($"{owner} needs a finite target; it holds {Format(v)}.", nameof(y));
            }
        }
        Weights(sampleWeight, x.Rows, owner);
    }

    /// <summary>Checks optional sample weights: empty, or one finite non-negative value per row with a positive sum.</summary>
    public static void Weights(ReadOnlySpan<double> sampleWeight, int rows, string owner)
    {
        if (sampleWeight.IsEmpty)
        {
            return;
        }
        if (sampleWeight.Length != rows)
        {
            throw new ArgumentException(
                $"{owner} needs one sample weight per row: {rows} rows. Got {sampleWeight.Length} weights.", nameof(sampleWeight));
        }
        double sum = 0;
        foreach (double w in sampleWeight)
        {
            if (!(w >= 0 && double.IsFinite(w)))
            {
                throw new ArgumentException($"{owner} needs finite non-negative sample weights. Got {Format(w)}.", nameof(sampleWeight));
            }
            sum += w;
        }
        if (!(sum > 0))
        {
            throw new ArgumentException($"{owner} needs sample weights with a positive sum.", nameof(sampleWeight));
        }
    }

    public static string Format(object value) => value switch
    {
        double d => d.ToString("G", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "null",
    };
}
