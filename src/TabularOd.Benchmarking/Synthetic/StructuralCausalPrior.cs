using TabularOd.Data;
using TabularOd.Sampling;

namespace TabularOd.Benchmarking.Synthetic;

/// <summary>
/// The structural causal model prior: a random sparse multilayer network read as a DAG. Layer 0 holds the root
/// causes (standard normal); each later node applies tanh, leaky ReLU, ELU or the identity to a weighted sum of
/// its parents in the layer before (each edge present with probability 0.6–0.7) and adds its own Gaussian noise,
/// whose scale is log-normal across nodes. The features are a random choice of nodes, in random order.
/// </summary>
/// <remarks>
/// Measurement outliers multiply each node's noise by 5 with probability 0.2; structural outliers zero or flip the
/// sign of each edge weight with probability 0.2. Both are drawn per row, and each outlier row is made to touch at
/// least one observed node, since a change that reaches no feature would leave the row a plain inlier.
/// </remarks>
internal sealed class StructuralCausalPrior : PriorModel
{
    private const double PerturbationProbability = 0.2;
    private const double NoiseInflation = 5.0;
    private const double LeakySlope = 0.01;

    private enum Activation
    {
        Tanh,
        LeakyRelu,
        Elu,
        Identity,
    }

    private readonly int _roots;
    private readonly int _nodes;

    // Parents of node v are _parents[_edgeStart[v - _roots] .. _edgeStart[v - _roots + 1]), with their weights.
    private readonly int[] _edgeStart;
    private readonly int[] _parents;
    private readonly double[] _weights;
    private readonly double[] _bias;
    private readonly Activation[] _activation;
    private readonly double[] _noise;
    private readonly int[] _observed;
    private readonly bool[] _isObserved;
    private readonly int[] _edgesIntoObserved;
    private readonly bool[] _isEdgeIntoObserved;

    public StructuralCausalPrior(int features, SeededRandom random)
        : base(features)
    {
        int layers = random.IntInclusive(2, 4);
        int width = Math.Max(2, (int)Math.Ceiling(features * random.Uniform(1.2, 2.0) / layers));
        double edgeProbability = random.Uniform(0.6, 0.7);
        _roots = width;
        _nodes = layers * width;

        // The scale is drawn per node around a per-graph median, so some nodes are nearly deterministic functions
        // of their parents and others mostly noise.
        double medianNoise = random.Uniform(0.05, 0.25);
        _noise = new double[_nodes];
        for (int v = 0; v < _nodes; v++)
        {
            _noise[v] = medianNoise * Math.Exp(0.5 * random.NextGaussian());
        }

        var edgeStart = new List<int> { 0 };
        var parents = new List<int>();
        var weights = new List<double>();
        _bias = new double[_nodes - _roots];
        _activation = new Activation[_nodes - _roots];
        // He-style scaling by the expected fan-in keeps pre-activations of order one at any width (the ReLU-like
        // units roughly halve the variance that the factor 2 restores).
        double weightScale = Math.Sqrt(2.0 / (edgeProbability * width));
        for (int v = _roots; v < _nodes; v++)
        {
            int previousLayer = (v / width) - 1;
            int first = parents.Count;
            for (int p = previousLayer * width; p < (previousLayer + 1) * width; p++)
            {
                if (random.Chance(edgeProbability))
                {
                    parents.Add(p);
                    weights.Add(weightScale * random.NextGaussian());
                }
            }
            if (parents.Count == first)
            {
                // A node without parents would be one more root; give it one so every layer stays causal.
                parents.Add((previousLayer * width) + random.NextInt(width));
                weights.Add(weightScale * random.NextGaussian());
            }
            edgeStart.Add(parents.Count);
            _bias[v - _roots] = 0.3 * random.NextGaussian();
            _activation[v - _roots] = (Activation)random.NextInt(4);
        }
        _edgeStart = [.. edgeStart];
        _parents = [.. parents];
        _weights = [.. weights];

        var nodes = random.Subset(_nodes, features);
        random.Shuffle(nodes.AsSpan());
        _observed = nodes;
        _isObserved = new bool[_nodes];
        foreach (int v in _observed)
        {
            _isObserved[v] = true;
        }
        _edgesIntoObserved = Enumerable.Range(_roots, _nodes - _roots)
            .Where(v => _isObserved[v])
            .SelectMany(v => Enumerable.Range(_edgeStart[v - _roots], _edgeStart[v - _roots + 1] - _edgeStart[v - _roots]))
            .ToArray();
        _isEdgeIntoObserved = new bool[_weights.Length];
        foreach (int e in _edgesIntoObserved)
        {
            _isEdgeIntoObserved[e] = true;
        }
    }

    public override DataMatrix SampleInliers(int count, SeededRandom random)
    {
        var rows = new DataMatrix(count, Features);
        var values = new double[_nodes];
        for (int i = 0; i < count; i++)
        {
            Evaluate(values, random, noiseScale: null, edgeScale: null);
            Observe(values, rows.Row(i));
        }
        return rows;
    }

    public override DataMatrix SampleOutliers(OutlierArchetype archetype, int count, SeededRandom random)
    {
        var rows = new DataMatrix(count, Features);
        var values = new double[_nodes];
        switch (archetype)
        {
            case OutlierArchetype.Measurement:
                var noiseScale = new double[_nodes];
                for (int i = 0; i < count; i++)
                {
                    bool touched = false;
                    for (int v = 0; v < _nodes; v++)
                    {
                        bool inflate = random.Chance(PerturbationProbability);
                        noiseScale[v] = inflate ? NoiseInflation : 1.0;
                        touched |= inflate && _isObserved[v];
                    }
                    if (!touched)
                    {
                        noiseScale[_observed[random.NextInt(_observed.Length)]] = NoiseInflation;
                    }
                    Evaluate(values, random, noiseScale, edgeScale: null);
                    Observe(values, rows.Row(i));
                }
                return rows;
            case OutlierArchetype.Structural:
                var edgeScale = new double[_weights.Length];
                for (int i = 0; i < count; i++)
                {
                    bool touched = false;
                    for (int e = 0; e < edgeScale.Length; e++)
                    {
                        edgeScale[e] = 1.0;
                        if (random.Chance(PerturbationProbability))
                        {
                            edgeScale[e] = random.Chance(0.5) ? 0.0 : -1.0;
                            touched |= _isEdgeIntoObserved[e];
                        }
                    }
                    if (!touched)
                    {
                        // Every observed node may be a root (no incoming edges); then any edge will have to do.
                        int e = _edgesIntoObserved.Length > 0
                            ? _edgesIntoObserved[random.NextInt(_edgesIntoObserved.Length)]
                            : random.NextInt(edgeScale.Length);
                        edgeScale[e] = random.Chance(0.5) ? 0.0 : -1.0;
                    }
                    Evaluate(values, random, noiseScale: null, edgeScale);
                    Observe(values, rows.Row(i));
                }
                return rows;
            default:
                throw Unsupported(archetype);
        }
    }

    // One forward pass in topological (layer) order.
    private void Evaluate(Span<double> values, SeededRandom random, double[]? noiseScale, double[]? edgeScale)
    {
        for (int v = 0; v < _nodes; v++)
        {
            double noise = _noise[v] * (noiseScale?[v] ?? 1.0) * random.NextGaussian();
            if (v < _roots)
            {
                values[v] = random.NextGaussian() + noise;
                continue;
            }
            int k = v - _roots;
            double sum = _bias[k];
            for (int e = _edgeStart[k]; e < _edgeStart[k + 1]; e++)
            {
                sum += _weights[e] * (edgeScale?[e] ?? 1.0) * values[_parents[e]];
            }
            values[v] = Activate(_activation[k], sum) + noise;
        }
    }

    private void Observe(ReadOnlySpan<double> values, Span<double> row)
    {
        for (int j = 0; j < Features; j++)
        {
            row[j] = values[_observed[j]];
        }
    }

    private static double Activate(Activation activation, double x) => activation switch
    {
        Activation.Tanh => Math.Tanh(x),
        Activation.LeakyRelu => x >= 0 ? x : LeakySlope * x,
        Activation.Elu => x >= 0 ? x : Math.Exp(x) - 1.0,
        _ => x,
    };
}
