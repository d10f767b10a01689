namespace TabularOd.Neural;

/// <summary>
/// Adam (Kingma and Ba, "Adam: a method for stochastic optimization", ICLR 2015): per value, running means of the
/// gradient and of its square, bias-corrected, set the step.
/// </summary>
/// <remarks>
/// Step t (from 1): m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g²; m̂ = m/(1 − β₁ᵗ); v̂ = v/(1 − β₂ᵗ);
/// θ ← θ − lr·m̂/(√v̂ + ε) — the paper's algorithm, and PyTorch's <c>Adam</c> without weight decay. Every value is
/// updated on its own, so the result does not depend on threads or vector width.
/// </remarks>
public sealed class AdamOptimizer
{
    /// <summary>The paper's default step size.</summary>
    public const double DefaultLearningRate = 1e-3;

    /// <summary>Decay of the gradient mean.</summary>
    public const double DefaultBeta1 = 0.9;

    /// <summary>Decay of the squared-gradient mean.</summary>
    public const double DefaultBeta2 = 0.999;

    /// <summary>Added to √v̂ so that a value with no gradient yet does not divide by zero.</summary>
    public const double DefaultEpsilon = 1e-8;

    private readonly TrainableParameter[] _parameters;
    private readonly double[][] _firstMoments;
    private readonly double[][] _secondMoments;

    /// <summary>An optimiser of <paramref name="parameters"/>, with zero moments.</summary>
    public AdamOptimizer(IReadOnlyList<TrainableParameter> parameters, double beta1 = DefaultBeta1, double beta2 = DefaultBeta2,
        double epsilon = DefaultEpsilon)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(beta1), $"Adam's decays must lie in [0, 1). Got β₁ = {beta1}, β₂ = {beta2}.");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(epsilon);
        _parameters = [.. parameters];
        _firstMoments = [.. _parameters.Select(p => new double[p.Length])];
        _secondMoments = [.. _parameters.Select(p => new double[p.Length])];
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
    }

    /// <summary>β₁.</summary>
    public double Beta1 { get; }

    /// <summary>β₂.</summary>
    public double Beta2 { get; }

    /// <summary>ε.</summary>
    public double Epsilon { get; }

    /// <summary>Steps taken so far (t after the last one).</summary>
    public int Steps { get; private set; }

    /// <summary>Moves every parameter one step against its current <see cref="TrainableParameter.Gradient"/>.</summary>
    public void Step(double learningRate)
    {
        if (!(learningRate >= 0) || double.IsInfinity(learningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "The learning rate must be finite and ≥ 0.");
        }
        Steps++;
        double correction1 = 1.0 - Math.Pow(Beta1, Steps);
        double correction2 = 1.0 - Math.Pow(Beta2, Steps);
        for (int p = 0; p < _parameters.Length; p++)
        {
            var values = _parameters[p].Values;
            var gradient = _parameters[p].Gradient;
            var m = _firstMoments[p];
            var v = _secondMoments[p];
            for (int k = 0; k < values.Length; k++)
            {
                double g = gradient[k];
                m[k] = (Beta1 * m[k]) + ((1.0 - Beta1) * g);
                v[k] = (Beta2 * v[k]) + ((1.0 - Beta2) * g * g);
                double mHat = m[k] / correction1;
                double vHat = v[k] / correction2;
                values[k] -= learningRate * mHat / (Math.Sqrt(vHat) + Epsilon);
            }
        }
    }
}
