using TabularOd.Data;
using TabularOd.Stacking;

namespace TabularOd.Tests.Stacking;

/// <summary>
/// Hand-made libraries on three mutually orthogonal zero-mean directions of length 4, a = (1,−1,1,−1),
/// b = (1,1,−1,−1), d = (1,−1,−1,1), whose correlations and condition numbers are derivable by hand.
/// </summary>
public sealed class DeduplicationTests
{
    private static readonly double[] A = [1, -1, 1, -1];
    private static readonly double[] B = [1, 1, -1, -1];
    private static readonly double[] D = [1, -1, -1, 1];

    private static DataMatrix Columns(params double[][] columns)
    {
        var x = new DataMatrix(4, columns.Length);
        for (int j = 0; j < columns.Length; j++)
        {
            for (int i = 0; i < 4; i++)
            {
                x[i, j] = columns[j][i];
            }
        }
        return x;
    }

    private static double[] Combine(double[] u, double cu, double[] v, double cv, double shift = 0) =>
        [.. Enumerable.Range(0, 4).Select(i => (cu * u[i]) + (cv * v[i]) + shift)];

    [Fact]
    public void NearCopy_OfABetterModel_IsDropped_AndConditioningImproves()
    {
        // y = a + 0.01b: RMSE(a) = 0.01, RMSE(a + 0.05d) = √(0.05² + 0.01²) ≈ 0.051, RMSE(b) ≈ 1.
        // ρ(a, a + 0.05d) = 1/√1.0025 ≥ 0.95 and their MSD = 0.05² = 0.0025 ≤ 0.01, so the worse copy goes,
        // although it comes first in the matrix.
        var y = Combine(A, 1, B, 0.01);
        var p = Columns(Combine(A, 1, D, 0.05), B, A);
        var result = new PredictionDeduplicator().Apply(p, y);

        Assert.Equal([1, 2], result.Kept);
        Assert.Equal([2, 0, 1], result.Ranking);
        Assert.Equal(DeduplicationVerdict.Duplicate, result.Verdicts[0]);
        Assert.Equal(2, result.DuplicateOf[0]);
        Assert.Equal([-1, -1], result.DuplicateOf.Skip(1));

        // Before: [[1, 0, r], [0, 1, 0], [r, 0, 1]] with r = 1/√1.0025 has eigenvalues 1 − r, 1, 1 + r.
        double r = 1 / Math.Sqrt(1.0025);
        Assert.Equal((1 + r) / (1 - r), result.ConditionNumberBefore, 1e-9 * ((1 + r) / (1 - r)));
        // After: a and b are uncorrelated, the identity.
        Assert.Equal(1.0, result.ConditionNumberAfter, 12);
    }

    [Fact]
    public void PerfectlyCorrelated_ButFarApart_IsKept_UnlessTauMseAllowsIt()
    {
        // 2a and a + 0.5 have ρ = 1 with a, but mean squared differences 1 and 0.25: distinct inputs for a linear model.
        var y = A;
        var p = Columns(A, Combine(A, 2, B, 0), Combine(A, 1, B, 0, shift: 0.5), Combine(A, 1, D, 0.5));
        var strict = new PredictionDeduplicator().Apply(p, y);
        Assert.Equal([0, 1, 2, 3], strict.Kept);
        // τ_mse = 0.3 merges the shifted copy (MSD 0.25) but not 2a (MSD 1); ρ(a, a + 0.5d) = 1/√1.25 ≈ 0.894 < 0.95.
        var loose = new PredictionDeduplicator(new DeduplicationOptions { MseThreshold = 0.3 }).Apply(p, y);
        Assert.Equal([0, 1, 3], loose.Kept);
        Assert.Equal(0, loose.DuplicateOf[2]);
        // τ_corr = 0.85 then also merges a + 0.5d (MSD 0.25).
        var looser = new PredictionDeduplicator(new DeduplicationOptions { MseThreshold = 0.3, CorrelationThreshold = 0.85 }).Apply(p, y);
        Assert.Equal([0, 1], looser.Kept);
    }

    [Fact]
    public void LowVariance_IsDroppedAfterTheWalk_AndAConstantModelIsNeverADuplicate()
    {
        // 0.05d has variance 0.0025 < 0.01; the constant 7 has variance 0, no correlation, and before-conditioning +∞.
        var y = A;
        var p = Columns(A, Combine(D, 0.05, B, 0), [7, 7, 7, 7], B);
        var result = new PredictionDeduplicator().Apply(p, y);
        Assert.Equal([0, 3], result.Kept);
        Assert.Equal(DeduplicationVerdict.LowVariance, result.Verdicts[1]);
        Assert.Equal(DeduplicationVerdict.LowVariance, result.Verdicts[2]);
        Assert.Equal(-1, result.DuplicateOf[2]);
        Assert.Equal(0.0025, result.Variance[1], 15);
        Assert.Equal(double.PositiveInfinity, result.ConditionNumberBefore);
        Assert.Equal(1.0, result.ConditionNumberAfter, 12);
        // τ_var = 0.001 keeps the small but varying model.
        var lenient = new PredictionDeduplicator(new DeduplicationOptions { VarianceThreshold = 0.001 }).Apply(p, y);
        Assert.Equal([0, 1, 3], lenient.Kept);
    }

    [Fact]
    public void TwoColumns_ConditionNumberIs_OnePlusROverOneMinusR()
    {
        // ρ(a, a + b) = 1/√2: eigenvalues 1 ± 1/√2, condition (√2 + 1)/(√2 − 1) = 3 + 2√2.
        var p = Columns(A, Combine(A, 1, B, 1));
        var result = new PredictionDeduplicator().Apply(p, A);
        Assert.Equal(3 + (2 * Math.Sqrt(2)), result.ConditionNumberAfter, 1e-12);
        Assert.Equal(result.ConditionNumberBefore, result.ConditionNumberAfter);
    }

    [Fact]
    public void BadArguments_NameTheParameter()
    {
        var p = Columns(A, B);
        var ex = Assert.Throws<ArgumentException>(() =>
            new PredictionDeduplicator(new DeduplicationOptions { CorrelationThreshold = 1.5 }).Apply(p, A));
        Assert.Equal("CorrelationThreshold", ex.ParamName);
        ex = Assert.Throws<ArgumentException>(() =>
            new PredictionDeduplicator(new DeduplicationOptions { MseThreshold = -1 }).Apply(p, A));
        Assert.Equal("MseThreshold", ex.ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => new PredictionDeduplicator().Apply(p, [1, 2])).ParamName);
    }
}
