using TabularOd.Data;
using TabularOd.Detectors.Magnitude;

namespace TabularOd.Tests.Detectors.Magnitude;

/// <summary>The [ref] test vectors of SPEC §5, on the points as given (no standardisation).</summary>
public class WeightingVectorReferenceTests
{
    private static readonly double[,] Square = { { 0, 0 }, { 1, 0 }, { 0, 1 }, { 1, 1 }, { 0.5, 0.5 }, { 3, 3 } };

    [Fact]
    public void ThreePointsOnALineHaveTheReferenceWeightsAndMagnitude()
    {
        var points = DataMatrix.FromArray(new double[,] { { 0 }, { 1 }, { 2 } });

        var vector = WeightingVector.Fit(points, 1.0);

        AssertNear([0.731059, 0.462117, 0.731059], vector.WeightsOf(points), 1e-6);
        Assert.Equal(1.924234, vector.Magnitude, 1e-6);
        Assert.Equal(1 + (2 * Math.Tanh(0.5)), vector.Magnitude, 1e-12);
        Assert.Equal(0.0, vector.Jitter);
    }

    [Theory]
    [InlineData(0.5, new[] { 0.420996, 0.371910, 0.371910, 0.228767, -0.113539, 0.790688 }, 2.070732)]
    [InlineData(1.0, new[] { 0.506194, 0.496149, 0.496149, 0.450706, 0.011553, 0.938787 }, 2.899537)]
    [InlineData(2.0, null, 4.088141)]
    public void TheSixPointSetHasTheReferenceWeightsAndMagnitude(double t, double[]? weights, double magnitude)
    {
        var points = DataMatrix.FromArray(Square);

        var vector = WeightingVector.Fit(points, t);

        if (weights is not null)
        {
            AssertNear(weights, vector.WeightsOf(points), 1e-6);
        }
        Assert.Equal(magnitude, vector.Magnitude, 1e-6);
        Assert.Equal(6, vector.Count);
    }

    [Fact]
    public void TheWeightOfANewPointIsItsWeightInTheEnlargedSet()
    {
        var firstFive = DataMatrix.FromArray(Square).SelectRows([0, 1, 2, 3, 4]);
        var newPoint = DataMatrix.FromArray(new double[,] { { 3, 3 } });

        var vector = WeightingVector.Fit(firstFive, 1.0);

        Assert.Equal(0.938787, vector.WeightsOf(newPoint)[0], 1e-6);
    }

    [Fact]
    public void TheApproximationWithEveryPointInOnePatchIsExact()
    {
        var points = DataMatrix.FromArray(Square);

        var local = LocalWeightingVector.Fit(points, 1.0, patchSize: 6, cellSize: 2);

        AssertNear([0.506194, 0.496149, 0.496149, 0.450706, 0.011553, 0.938787], local.WeightsOf(points), 1e-6);
        Assert.Equal(2.899537, local.Magnitude, 1e-6);
        Assert.Equal(1, local.CellCount);
    }

    internal static void AssertNear(double[] expected, double[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])),
                $"index {i}: expected {expected[i]:R}, got {actual[i]:R}");
        }
    }
}
