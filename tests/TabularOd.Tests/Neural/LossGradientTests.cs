using TabularOd.Compute;
using TabularOd.Neural;
using TabularOd.Sampling;

namespace TabularOd.Tests.Neural;

/// <summary>The losses' values against their formulas and their gradients against central finite differences.</summary>
public class LossGradientTests
{
    [Fact]
    public void MeanSquaredErrorGradientMatchesFiniteDifferences()
    {
        var random = new SeededRandom(21);
        var output = GradientCheck.Values(random, 4 * 3, 0, 2);
        var target = GradientCheck.Values(random, 4 * 3, 0, 2);
        CheckLoss(new MeanSquaredErrorLoss(), output, target, 4);
    }

    [Theory]
    [InlineData(1.0, 1.0)]
    [InlineData(0.5, 2.0)]
    [InlineData(3.0, 0.0)]
    public void ProbabilisticReconstructionErrorGradientMatchesFiniteDifferences(double alpha, double beta)
    {
        var random = new SeededRandom(22);
        const int rows = 4, d = 3;
        var output = new double[rows * 2 * d];
        for (int i = 0; i < rows; i++)
        {
            // μ anywhere; σ² in [0.5, 2] keeps the curvature of r²/σ² modest for the finite difference.
            GradientCheck.Values(random, d, 0, 2).CopyTo(output, i * 2 * d);
            GradientCheck.Values(random, d, 0.5, 2, signed: false).CopyTo(output, (i * 2 * d) + d);
        }
        var target = GradientCheck.Values(random, rows * d, 0, 2);
        CheckLoss(new ProbabilisticReconstructionLoss(alpha, beta), output, target, rows);
    }

    [Fact]
    public void LossValuesFollowTheFormulas()
    {
        // One row, d = 2: μ = (1, −1), σ² = (0.5, 2), target (2, 1).
        double[] output = [1, -1, 0.5, 2];
        double[] target = [2, 1];
        const double e = ReconstructionErrors.VarianceEpsilon;
        double pre = (1 / (0.5 + e)) + (4 / (2 + e)) + Math.Log(0.5 + e) + Math.Log(2 + e);
        double apre = (0.5 * ((1 / (0.5 + e)) + (4 / (2 + e)))) + (2 * (Math.Log(0.5 + e) + Math.Log(2 + e)));

        Assert.Equal(pre, new ProbabilisticReconstructionLoss().Compute(output, target, 1, new double[4]), 1e-13);
        Assert.Equal(apre, ReconstructionErrors.Probabilistic(output, target, 0.5, 2), 1e-13);
        Assert.Equal(5.0, ReconstructionErrors.SquaredError([1, -1], target));
        Assert.Equal(2.5, new MeanSquaredErrorLoss().Compute([1, -1], target, 1, new double[2]));
    }

    [Fact]
    public void AWholeNetworkUnderEachLossMatchesFiniteDifferences()
    {
        var random = new SeededRandom(23);
        const int rows = 5, d = 3;
        var input = GradientCheck.Values(random, rows * d, 0.1, 2);
        foreach (bool probabilistic in new[] { false, true })
        {
            var layers = new List<ILayer>
            {
                new DenseLayer(d, 4, "dense 0", ManagedBackend()),
                new ReluLayer(4),
                new DenseLayer(4, probabilistic ? 2 * d : d, "dense 1", ManagedBackend()),
            };
            if (probabilistic)
            {
                layers.Add(new SoftplusLayer(2 * d, d));
            }
            var network = new SequentialNetwork(layers);
            ((DenseLayer)layers[0]).Initialize(random, WeightInitialization.HeUniform);
            ((DenseLayer)layers[2]).Initialize(random, WeightInitialization.GlorotUniform);
            ILoss loss = probabilistic ? new ProbabilisticReconstructionLoss() : new MeanSquaredErrorLoss();
            var cache = new ActivationCache();
            var gradient = new double[rows * network.OutputWidth];
            double Objective() => loss.Compute(network.Forward(input, rows, cache), input, rows, gradient);

            Objective();
            network.Backward(gradient, cache);
            var analytic = network.Parameters.Select(p => (double[])p.Gradient.Clone()).ToArray();
            for (int p = 0; p < network.Parameters.Count; p++)
            {
                var parameter = network.Parameters[p];
                GradientCheck.AssertMatches(analytic[p], GradientCheck.Numeric(Objective, parameter.Values),
                    $"{(probabilistic ? "PRE" : "MSE")} network {parameter.Name}");
            }
        }
    }

    private static IComputeBackend ManagedBackend() => ComputeBackends.Get("managed");

    private static void CheckLoss(ILoss loss, double[] output, double[] target, int rows)
    {
        var gradient = new double[output.Length];
        loss.Compute(output, target, rows, gradient);
        var scratch = new double[output.Length];
        var numeric = GradientCheck.Numeric(() => loss.Compute(output, target, rows, scratch), output);
        GradientCheck.AssertMatches(gradient, numeric, loss.GetType().Name);
    }
}
