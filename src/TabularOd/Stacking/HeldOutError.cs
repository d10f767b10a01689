using System.Numerics.Tensors;

namespace TabularOd.Stacking;

/// <summary>
/// The weighted mean squared error of any linear model on a set of held-out rows, from their moments about the
/// training means (<see cref="BlockMoments.HeldOut"/>): (C − 2·w·Q + wᵀS·w)/W, O(p²) per model instead of a pass
/// over the rows.
/// </summary>
internal sealed class HeldOutError(double[] s, double[] q, double c, double weight)
{
    /// <summary>The error of centred weights <paramref name="w"/> (the intercept is the training means').</summary>
    public double Of(ReadOnlySpan<double> w)
    {
        int p = q.Length;
        double quadratic = 0;
        for (int j = 0; j < p; j++)
        {
            quadratic += w[j] * TensorPrimitives.Dot(s.AsSpan(j * p, p), w);
        }
        // Rounding can take an exact fit a hair below zero.
        return Math.Max(0.0, c - (2.0 * TensorPrimitives.Dot(w, q)) + quadratic) / weight;
    }
}
