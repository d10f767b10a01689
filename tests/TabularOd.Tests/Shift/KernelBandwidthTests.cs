using TabularOd.Compute;
using TabularOd.Data;
using TabularOd.Sampling;
using TabularOd.Shift;

namespace TabularOd.Tests.Shift;

public class KernelBandwidthTests
{
    [Fact]
    public void OnAnEvenGridTheFiftiethNeighbourDistanceIsCounted()
    {
        // 0, 1, …, 199 on a line: the 50th neighbour of an interior point is 25 away, of an end point 50 away.
        const int n = 200;
        var x = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
        double expected = Enumerable.Range(0, n).Select(i => NaiveKth(x, i, 50)).Average();

        double sigma = KernelBandwidth.Estimate(ComputeBackends.Default, x, n, 1, seed: 0);

        Assert.Equal(expected, sigma, 12);
    }

    [Fact]
    public void FewRowsUseTheFarthestNeighbour()
    {
        double[] x = [0, 1, 3];
        // k = 2: distances to the farthest other row: 3, 2, 3.
        Assert.Equal(8.0 / 3, KernelBandwidth.Estimate(ComputeBackends.Default, x, 3, 1, seed: 0), 12);
    }

    [Fact]
    public void DegenerateDataGetsWidthOne()
    {
        Assert.Equal(1.0, KernelBandwidth.Estimate(ComputeBackends.Default, [4.0, 4.0, 4.0], 3, 1, seed: 0));
        Assert.Equal(1.0, KernelBandwidth.Estimate(ComputeBackends.Default, [4.0], 1, 1, seed: 0));
    }

    [Fact]
    public void LargePoolsAreSampledBySeed()
    {
        const int n = 1500, d = 2;
        var random = new SeededRandom(5);
        var x = Enumerable.Range(0, n * d).Select(_ => random.NextGaussian()).ToArray();

        double a = KernelBandwidth.Estimate(ComputeBackends.Default, x, n, d, seed: 1);
        double b = KernelBandwidth.Estimate(ComputeBackends.Default, x, n, d, seed: 1);
        double c = KernelBandwidth.Estimate(ComputeBackends.Default, x, n, d, seed: 2);

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        // The sample's 50-NN radius of a 1000-row sample is larger than on all 1500 rows, but of the same order.
        Assert.InRange(a, 0.1, 2.0);
    }

    [Fact]
    public void TheKernelMatrixHasOnesOnTheDiagonalAndIsSymmetric()
    {
        var x = DataMatrix.FromArray(new double[,] { { 0, 0 }, { 1, 0 }, { 0, 2 } });
        var k = GaussianKernel.Matrix(ComputeBackends.Default, x.AsSpan(), 3, 2, sigma: 1);

        Assert.Equal(1.0, k[0]);
        Assert.Equal(Math.Exp(-0.5), k[1], 15);
        Assert.Equal(Math.Exp(-2.5), k[5], 15);
        Assert.Equal(k[5], k[7]);
    }

    private static double NaiveKth(double[] x, int i, int k) =>
        x.Where((_, j) => j != i).Select(v => Math.Abs(v - x[i])).Order().ElementAt(k - 1);
}
