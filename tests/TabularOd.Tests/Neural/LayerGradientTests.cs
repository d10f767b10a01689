using TabularOd.Compute;
using TabularOd.Neural;
using TabularOd.Sampling;

namespace TabularOd.Tests.Neural;

/// <summary>
/// Every layer's backward pass against central finite differences of L = Σ G ⊙ layer(X) for a random G: the analytic
/// ∂L/∂X and ∂L/∂θ must match to a relative error below 10⁻⁶.
/// </summary>
public class LayerGradientTests
{
    private const int Rows = 3;

    public static TheoryData<string> Backends() => new(ComputeBackends.Available.Select(b => b.Name));

    [Theory]
    [MemberData(nameof(Backends))]
    public void DenseLayerGradientsMatchFiniteDifferences(string backend)
    {
        var random = new SeededRandom(11);
        var layer = new DenseLayer(4, 5, backend: ComputeBackends.Get(backend));
        layer.Initialize(random, WeightInitialization.GlorotUniform);
        GradientCheck.Values(random, layer.Bias.Length, 0.1, 1).CopyTo(layer.Bias.Values, 0);

        CheckLayer(layer, GradientCheck.Values(random, Rows * 4, 0.1, 2), random);
    }

    [Fact]
    public void ReluGradientsMatchFiniteDifferences()
    {
        var random = new SeededRandom(12);
        // Inputs at least 0.1 from the kink, so x ± h stays on one side of it.
        CheckLayer(new ReluLayer(6), GradientCheck.Values(random, Rows * 6, 0.1, 2), random);
    }

    [Fact]
    public void SoftplusGradientsMatchFiniteDifferencesOnItsColumnsAndPassTheOthers()
    {
        var random = new SeededRandom(13);
        CheckLayer(new SoftplusLayer(6, firstColumn: 2), GradientCheck.Values(random, Rows * 6, 0, 4), random);
        CheckLayer(new SoftplusLayer(3), GradientCheck.Values(random, Rows * 3, 0, 4), random);
    }

    [Fact]
    public void SoftplusIsAccurateAndFiniteAtTheExtremes()
    {
        Assert.Equal(Math.Log(2), SoftplusLayer.Softplus(0), 15);
        Assert.Equal(Math.Exp(-40), SoftplusLayer.Softplus(-40), 1e-30);
        Assert.Equal(800.0, SoftplusLayer.Softplus(800));
        Assert.Equal(0.0, SoftplusLayer.Softplus(-800));
        Assert.Equal(1.0, SoftplusLayer.Logistic(800));
        Assert.Equal(0.0, SoftplusLayer.Logistic(-800));
        Assert.Equal(0.5, SoftplusLayer.Logistic(0));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void TheRowPathAgreesWithTheBatchedPath(string backend)
    {
        var random = new SeededRandom(14);
        var layer = new DenseLayer(7, 9, backend: ComputeBackends.Get(backend));
        layer.Initialize(random, WeightInitialization.HeUniform);
        var input = GradientCheck.Values(random, 5 * 7, 0, 3);
        var batched = new double[5 * 9];
        layer.Forward(input, 5, batched);

        var row = new double[9];
        for (int r = 0; r < 5; r++)
        {
            layer.ForwardRow(input.AsSpan(r * 7, 7), row);
            for (int c = 0; c < 9; c++)
            {
                Assert.Equal(batched[(r * 9) + c], row[c], 1e-12);
            }
        }
    }

    private static void CheckLayer(ILayer layer, double[] input, SeededRandom random)
    {
        int inWidth = layer.InputWidth, outWidth = layer.OutputWidth;
        var weights = GradientCheck.Values(random, Rows * outWidth, 0.2, 1.5);
        var output = new double[Rows * outWidth];
        double Objective()
        {
            layer.Forward(input, Rows, output);
            return GradientCheck.Weighted(output, weights);
        }

        Objective();
        var inputGradient = new double[Rows * inWidth];
        layer.Backward(input, output, weights, Rows, inputGradient);
        var analyticParameters = layer.Parameters.Select(p => (double[])p.Gradient.Clone()).ToArray();

        GradientCheck.AssertMatches(inputGradient, GradientCheck.Numeric(Objective, input), $"{layer.GetType().Name} ∂L/∂X");
        for (int p = 0; p < layer.Parameters.Count; p++)
        {
            var parameter = layer.Parameters[p];
            GradientCheck.AssertMatches(analyticParameters[p], GradientCheck.Numeric(Objective, parameter.Values), parameter.Name);
        }
    }
}
