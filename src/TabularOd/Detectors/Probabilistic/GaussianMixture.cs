using TabularOd.Compute;
using TabularOd.Detectors.Linear;
using TabularOd.Detectors.Persistence;

namespace TabularOd.Detectors.Probabilistic;

/// <summary>
/// A fitted Gaussian mixture p(x) = Σₖ πₖ 𝒩(x | μₖ, Σₖ): its log-density for one row (scoring) or for many
/// (the EM loop), and its saved form.
/// </summary>
internal sealed class GaussianMixture
{
    private static readonly double LogTwoPi = Math.Log(2 * Math.PI);

    private readonly double[] _weights;
    private readonly WhitenedDistance[] _components;
    private readonly double[] _logNormalisers;

    /// <summary>A mixture from its weights (summing to 1) and its factorised components.</summary>
    public GaussianMixture(double[] weights, WhitenedDistance[] components)
    {
        _weights = weights;
        _components = components;
        int d = components[0].Features;
        // log πₖ − ½(d·log 2π + log det Σₖ): the part of log πₖ𝒩(x | μₖ, Σₖ) that does not depend on x.
        _logNormalisers = new double[weights.Length];
        for (int k = 0; k < weights.Length; k++)
        {
            _logNormalisers[k] = Math.Log(weights[k]) - (0.5 * ((d * LogTwoPi) + components[k].LogDeterminant));
        }
    }

    /// <summary>Number of components.</summary>
    public int Components => _weights.Length;

    /// <summary>Number of features.</summary>
    public int Features => _components[0].Features;

    /// <summary>Scratch length <see cref="NegativeLogDensity"/> needs.</summary>
    public int ScratchLength => Features + Components;

    /// <summary>−log p(x) for one row; the same bits whatever batch the row comes in.</summary>
    public double NegativeLogDensity(ReadOnlySpan<double> x, Span<double> scratch)
    {
        var logs = scratch.Slice(Features, Components);
        for (int k = 0; k < Components; k++)
        {
            logs[k] = _logNormalisers[k] - (0.5 * _components[k].Evaluate(x, scratch));
        }
        return -LogSumExp(logs);
    }

    /// <summary>log πₖ𝒩(xᵢ | μₖ, Σₖ) for the n rows of x, into the row-major n×K <paramref name="logs"/>.</summary>
    public void WeightedLogDensities(IComputeBackend backend, double[] x, int n, double[] logs)
    {
        int components = Components;
        var squared = new double[n];
        for (int k = 0; k < components; k++)
        {
            _components[k].EvaluateMany(backend, x, n, squared);
            for (int i = 0; i < n; i++)
            {
                logs[(i * components) + k] = _logNormalisers[k] - (0.5 * squared[i]);
            }
        }
    }

    /// <summary>log Σ exp(vₖ), shifted by the maximum so that no term overflows.</summary>
    public static double LogSumExp(ReadOnlySpan<double> values)
    {
        double max = double.NegativeInfinity;
        foreach (double v in values)
        {
            max = Math.Max(max, v);
        }
        if (double.IsNegativeInfinity(max))
        {
            return max;
        }
        double sum = 0;
        foreach (double v in values)
        {
            sum += Math.Exp(v - max);
        }
        return max + Math.Log(sum);
    }

    /// <summary>Writes the weights and components.</summary>
    public void Write(ModelWriter writer)
    {
        writer.Write(_weights);
        foreach (var component in _components)
        {
            component.Write(writer);
        }
    }

    /// <summary>Reads what <see cref="Write"/> wrote.</summary>
    public static GaussianMixture Read(ModelReader reader, int features)
    {
        var weights = reader.ReadDoubles();
        if (weights.Length == 0)
        {
            throw new InvalidDataException("A stored Gaussian mixture has no components.");
        }
        var components = new WhitenedDistance[weights.Length];
        for (int k = 0; k < components.Length; k++)
        {
            components[k] = WhitenedDistance.Read(reader, features);
        }
        return new GaussianMixture(weights, components);
    }
}
