using TabularOd.Detectors.Neural;
using TabularOd.Neural;
using TabularOd.Sampling;

namespace TabularOd.Tests.Detectors.Neural;

public class AutoencoderArchitectureTests
{
    [Theory]
    [InlineData(1, new[] { 1, 1, 2 })]            // r(0.5) = 0, raised to 1
    [InlineData(3, new[] { 3, 2, 6 })]            // r(1.5) = 2
    [InlineData(4, new[] { 4, 2, 8 })]
    [InlineData(5, new[] { 5, 2, 10 })]           // r(2.5) = 2: half to even
    [InlineData(19, new[] { 19, 10, 38 })]        // r(9.5) = 10
    [InlineData(20, new[] { 20, 10, 5, 10, 40 })]
    [InlineData(22, new[] { 22, 11, 6, 11, 44 })] // r(5.5) = 6
    [InlineData(99, new[] { 99, 50, 25, 50, 198 })] // r(49.5) = 50, r(24.75) = 25
    [InlineData(100, new[] { 100, 50, 25, 12, 25, 50, 200 })] // r(12.5) = 12
    [InlineData(199, new[] { 199, 100, 50, 25, 50, 100, 398 })]
    [InlineData(200, new[] { 200, 100, 50, 12, 50, 100, 400 })] // r(12.5) = 12
    [InlineData(264, new[] { 264, 132, 66, 16, 66, 132, 528 })] // r(16.5) = 16
    public void WidthsFollowTheSpecTable(int d, int[] expected) =>
        Assert.Equal(expected, AutoencoderArchitecture.Widths(d, probabilistic: true));

    [Fact]
    public void ThePlainAutoencoderEndsAtTheInputWidth() =>
        Assert.Equal(new[] { 20, 10, 5, 10, 20 }, AutoencoderArchitecture.Widths(20, probabilistic: false));

    [Fact]
    public void TheNetworkHasReluBetweenDenseLayersAndASoftplusVarianceHead()
    {
        var network = AutoencoderArchitecture.Build(22, probabilistic: true, new SeededRandom(1));
        var kinds = network.Layers.Select(l => l.GetType().Name).ToArray();

        Assert.Equal(
            new[] { "DenseLayer", "ReluLayer", "DenseLayer", "ReluLayer", "DenseLayer", "ReluLayer", "DenseLayer", "SoftplusLayer" }, kinds);
        Assert.Equal(22, ((SoftplusLayer)network.Layers[^1]).FirstColumn);
        Assert.Equal(44, network.OutputWidth);
        var plain = AutoencoderArchitecture.Build(22, probabilistic: false, new SeededRandom(1));
        Assert.IsType<DenseLayer>(plain.Layers[^1]);
    }

    [Fact]
    public void InitialWeightsStayWithinTheirBoundsAndBiasesStartAtZero()
    {
        var network = AutoencoderArchitecture.Build(30, probabilistic: true, new SeededRandom(2));
        var dense = network.Layers.OfType<DenseLayer>().ToArray();
        for (int l = 0; l < dense.Length; l++)
        {
            double bound = l < dense.Length - 1
                ? Math.Sqrt(6.0 / dense[l].InputWidth)
                : Math.Sqrt(6.0 / (dense[l].InputWidth + dense[l].OutputWidth));
            Assert.All(dense[l].Weights.Values, w => Assert.InRange(Math.Abs(w), 0, bound));
            Assert.All(dense[l].Bias.Values, b => Assert.Equal(0.0, b));
        }
    }
}
