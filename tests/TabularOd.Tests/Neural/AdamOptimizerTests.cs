using TabularOd.Neural;

namespace TabularOd.Tests.Neural;

public class AdamOptimizerTests
{
    [Fact]
    public void TwoStepsMatchTheHandComputedUpdates()
    {
        var parameter = new TrainableParameter("θ", 2);
        parameter.Values[0] = 0.5;
        parameter.Values[1] = -1.5;
        var adam = new AdamOptimizer([parameter]);

        // Step 1, g = (0.2, −0.05): m = 0.1g, v = 0.001g², so m̂ = g and v̂ = g²; θ −= 0.01·g/(|g| + 10⁻⁸).
        parameter.Gradient[0] = 0.2;
        parameter.Gradient[1] = -0.05;
        adam.Step(0.01);
        Assert.Equal(0.5 - (0.01 * 0.2 / (0.2 + 1e-8)), parameter.Values[0], 1e-15);
        Assert.Equal(-1.5 + (0.01 * 0.05 / (0.05 + 1e-8)), parameter.Values[1], 1e-15);
        Assert.Equal(0.4900000005, parameter.Values[0], 1e-15);

        // Step 2, g = (−0.1, 0.3): m = 0.9m + 0.1g = (0.008, 0.0255); v = 0.999v + 0.001g² = (4.996e-5, 9.24975e-5);
        // m̂ = m/(1 − 0.9²) = m/0.19; v̂ = v/(1 − 0.999²) = v/0.001999; θ −= 0.01·m̂/(√v̂ + 10⁻⁸).
        parameter.Gradient[0] = -0.1;
        parameter.Gradient[1] = 0.3;
        adam.Step(0.01);
        double expected0 = 0.4900000005 - (0.01 * (0.008 / 0.19) / (Math.Sqrt(4.996e-5 / 0.001999) + 1e-8));
        double expected1 = -1.490000002 - (0.01 * (0.0255 / 0.19) / (Math.Sqrt(9.24975e-5 / 0.001999) + 1e-8));
        Assert.Equal(expected0, parameter.Values[0], 1e-12);
        Assert.Equal(expected1, parameter.Values[1], 1e-12);
        Assert.Equal(0.48733663027, parameter.Values[0], 1e-10);
        Assert.Equal(-1.49623918837, parameter.Values[1], 1e-10);
        Assert.Equal(2, adam.Steps);
    }

    [Fact]
    public void DefaultsAreThePapers()
    {
        var adam = new AdamOptimizer([]);
        Assert.Equal(0.9, adam.Beta1);
        Assert.Equal(0.999, adam.Beta2);
        Assert.Equal(1e-8, adam.Epsilon);
        Assert.Equal(1e-3, AdamOptimizer.DefaultLearningRate);
    }
}
