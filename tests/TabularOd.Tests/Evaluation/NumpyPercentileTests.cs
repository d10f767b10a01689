using TabularOd.Evaluation;

namespace TabularOd.Tests.Evaluation;

/// <summary>NumpyPercentile against values printed by NumPy 1.24.2's np.percentile (method "linear").</summary>
public sealed class NumpyPercentileTests
{
    public static TheoryData<double[], double, double> NumpyValues() => new()
    {
        { [1, 2, 3, 4, 5], 90, 4.6 },
        { [0.1, 0.2, 0.3, 0.7], 100 * (1 - (1 / 4.0)), 0.39999999999999997 },
        { [0.1, 0.2, 0.3, 0.7], 100 * (1 - (3 / 4.0)), 0.17500000000000002 },
        { [-3.5, 0.25, 0.3, 1e10], 37.5, 0.25625 },
        { [0.11, 0.27, 0.35, 0.41, 0.58, 0.62, 0.77], 100 * (1 - (3 / 7.0)), 0.48285714285714276 },
        { [0.1, 0.7, 0.7, 0.9, 1.3], 100 * (1 - (1 / 5.0)), 0.9800000000000001 },
        { [0.1, 0.7, 0.7, 0.9, 1.3], 100 * (1 - (2 / 5.0)), 0.78 },
        { [2.0], 50, 2.0 },
        { [1, 2], 100, 2.0 },
        { [1, 2], 0, 1.0 },
        { [1, double.PositiveInfinity], 25, double.PositiveInfinity },
        // NumPy's lerp computes inf − inf·0.5 here; a threshold of NaN then predicts nothing, as in PyOD.
        { [1, double.PositiveInfinity], 50, double.NaN },
    };

    [Theory]
    [MemberData(nameof(NumpyValues))]
    public void OfSorted_IsBitIdenticalToNumpy(double[] ascending, double percent, double expected)
    {
        double actual = NumpyPercentile.OfSorted(ascending, percent);
        if (double.IsNaN(expected))
        {
            Assert.True(double.IsNaN(actual), $"expected NaN, got {actual:R}");
            return;
        }
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(actual));
    }
}
