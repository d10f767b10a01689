using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TabularOd.Data;
using TabularOd.Detectors.Persistence;
using TabularOd.Sampling;

namespace TabularOd.Detectors.Ensembles;

/// <summary>
/// The fitted trees of an isolation forest in one flat node array, and the scoring walk over them.
/// Immutable once grown, so any number of threads may score at once.
/// </summary>
internal sealed class IsolationForestModel
{
    // Rows scored together: a tree's nodes stay in cache while every row of the block walks it.
    private const int BlockRows = 64;

    private readonly IsolationNode[] _nodes;
    private readonly int[] _roots;

    // The scoring form of the same trees: a leaf becomes a split that always leads back to itself, so every walk
    // takes its tree's full depth in steps, with no branch to mispredict, and a block's walks interleave.
    private readonly WalkNode[] _walk;
    private readonly double[] _leafPath;
    private readonly int[] _treeDepth;

    private IsolationForestModel(IsolationNode[] nodes, int[] roots, int features, int subsampleSize, int maxDepth)
    {
        _nodes = nodes;
        _roots = roots;
        Features = features;
        SubsampleSize = subsampleSize;
        MaxDepth = maxDepth;
        // c(ψ) is 0 for ψ = 1: scikit-learn then sets E[h]/c(ψ) to 1, a score of 0.5 for every row.
        Denominator = roots.Length * AveragePathLength.Of(subsampleSize);
        _walk = new WalkNode[nodes.Length];
        _leafPath = new double[nodes.Length];
        for (int i = 0; i < nodes.Length; i++)
        {
            var node = nodes[i];
            _walk[i] = node.IsLeaf ? new WalkNode(double.PositiveInfinity, 0, i) : new WalkNode(node.Value, node.Feature, node.Left);
            _leafPath[i] = node.IsLeaf ? node.Value : 0;
        }
        _treeDepth = TreeDepths(nodes, roots);
    }

    /// <summary>
    /// A node as the scoring walk reads it: x goes to <see cref="Left"/> + (x[<see cref="Feature"/>] &gt; <see cref="Threshold"/>).
    /// A leaf is (+∞, 0, itself): finite x never exceeds +∞, so the walk stays put.
    /// </summary>
    private readonly record struct WalkNode(double Threshold, int Feature, int Left);

    /// <summary>Width of the rows the forest scores.</summary>
    public int Features { get; }

    /// <summary>The learned subsample size ψ = min(MaxSamples, training rows).</summary>
    public int SubsampleSize { get; }

    /// <summary>The depth limit ⌈log2 ψ⌉ (at least 1) the trees were grown with.</summary>
    public int MaxDepth { get; }

    /// <summary>Number of trees.</summary>
    public int Trees => _roots.Length;

    private double Denominator { get; }

    /// <summary>The depth limit scikit-learn uses: ⌈log2 max(ψ, 2)⌉.</summary>
    public static int DepthLimit(int subsampleSize) =>
        // The bit length of ψ − 1 is ⌈log2 ψ⌉ exactly, where a floating-point log2 could round across an integer.
        Math.Max(1, 32 - int.LeadingZeroCount(subsampleSize - 1));

    /// <summary>
    /// Grows <see cref="IsolationForestOptions.NEstimators"/> trees on <paramref name="train"/> (options already
    /// validated). Tree t draws all its randomness from its own stream seeded by (Seed, t), so the forest is the
    /// same whatever <paramref name="degreeOfParallelism"/> is.
    /// </summary>
    public static IsolationForestModel Grow(DataMatrix train, IsolationForestOptions options, int degreeOfParallelism)
    {
        int n = train.Rows, d = train.Columns;
        int subsampleSize = Math.Min(options.MaxSamples, n);
        int maxDepth = DepthLimit(subsampleSize);
        int featuresPerTree = Math.Max(1, (int)(options.MaxFeatures * d));
        var trees = new IsolationNode[options.NEstimators][];

        void GrowTree(int t)
        {
            var random = TreeRandom(options.Seed, t);
            int[] features = featuresPerTree < d ? Sorted(DrawWithoutReplacement(d, featuresPerTree, random)) : Identity(d);
            int[] rows = options.Bootstrap ? DistinctDrawsWithReplacement(n, subsampleSize, random)
                // Which rows a tree holds matters, not their order, so taking all of them needs no draw.
                : subsampleSize < n ? DrawWithoutReplacement(n, subsampleSize, random) : Identity(n);
            trees[t] = IsolationTree.Grow(train, rows, features, maxDepth, random);
        }

        if (degreeOfParallelism <= 1 || options.NEstimators == 1)
        {
            for (int t = 0; t < trees.Length; t++)
            {
                GrowTree(t);
            }
        }
        else
        {
            Parallel.For(0, trees.Length, new ParallelOptions { MaxDegreeOfParallelism = degreeOfParallelism }, GrowTree);
        }
        return Concatenate(trees, d, subsampleSize, maxDepth);
    }

    /// <summary>
    /// Writes 2^(−E[h(x)]/c(ψ)) for every row: higher is more anomalous, −score_samples in scikit-learn.
    /// Each row sums its path lengths over the trees in tree order, so neither threads nor batching change a bit.
    /// </summary>
    public void Score(DataMatrix rows, Span<double> scores, int degreeOfParallelism)
    {
        int blocks = (rows.Rows + BlockRows - 1) / BlockRows;
        if (blocks <= 1 || degreeOfParallelism <= 1)
        {
            for (int b = 0; b < blocks; b++)
            {
                ScoreBlock(rows, b, scores);
            }
            return;
        }
        var result = new double[rows.Rows];
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = degreeOfParallelism }, b => ScoreBlock(rows, b, result));
        result.CopyTo(scores);
    }

    private void ScoreBlock(DataMatrix rows, int block, Span<double> scores)
    {
        int first = block * BlockRows;
        int count = Math.Min(BlockRows, rows.Rows - first);
        int width = rows.Columns;
        ReadOnlySpan<double> values = rows.AsSpan().Slice(first * width, count * width);
        Span<double> pathSums = stackalloc double[BlockRows];
        Span<int> at = stackalloc int[BlockRows];
        pathSums.Clear();
        // The walk indices come from trees checked when grown or loaded (children inside their tree, features
        // inside the width), so the hot loop reads without bounds checks.
        ref WalkNode walk = ref MemoryMarshal.GetArrayDataReference(_walk);
        ref double x = ref MemoryMarshal.GetReference(values);
        for (int t = 0; t < _roots.Length; t++)
        {
            at[..count].Fill(_roots[t]);
            for (int level = _treeDepth[t]; level > 0; level--)
            {
                for (int r = 0; r < count; r++)
                {
                    ref WalkNode node = ref Unsafe.Add(ref walk, at[r]);
                    double v = Unsafe.Add(ref x, (r * width) + node.Feature);
                    at[r] = node.Left + (v > node.Threshold ? 1 : 0);
                }
            }
            for (int r = 0; r < count; r++)
            {
                pathSums[r] += _leafPath[at[r]];
            }
        }
        for (int r = 0; r < count; r++)
        {
            double ratio = Denominator > 0 ? pathSums[r] / Denominator : 1.0;
            scores[first + r] = Math.Pow(2.0, -ratio);
        }
    }

    /// <summary>The deepest leaf of any tree (root = depth 0).</summary>
    internal int DeepestLeaf() => _treeDepth.Max();

    /// <summary>
    /// The depth of each tree, in one forward pass: children come after their parent, so a node's depth is final
    /// before its own children are reached (no recursion, whatever a loaded file holds).
    /// </summary>
    private static int[] TreeDepths(IsolationNode[] nodes, int[] roots)
    {
        var nodeDepth = new int[nodes.Length];
        var depths = new int[roots.Length];
        for (int t = 0; t < roots.Length; t++)
        {
            int end = t + 1 < roots.Length ? roots[t + 1] : nodes.Length;
            for (int i = roots[t]; i < end; i++)
            {
                depths[t] = Math.Max(depths[t], nodeDepth[i]);
                if (!nodes[i].IsLeaf)
                {
                    int left = nodes[i].Left;
                    nodeDepth[left] = Math.Max(nodeDepth[left], nodeDepth[i] + 1);
                    nodeDepth[left + 1] = Math.Max(nodeDepth[left + 1], nodeDepth[i] + 1);
                }
            }
        }
        return depths;
    }

    /// <summary>Writes ψ, the depth limit, the tree roots and the nodes as three parallel flat arrays.</summary>
    public void Write(ModelWriter writer)
    {
        writer.Write(SubsampleSize);
        writer.Write(MaxDepth);
        writer.Write(_roots);
        writer.Write(_nodes.Select(n => n.Feature).ToArray());
        writer.Write(_nodes.Select(n => n.Left).ToArray());
        writer.Write(_nodes.Select(n => n.Value).ToArray());
    }

    /// <summary>
    /// Reads what <see cref="Write"/> wrote and checks that the trees are well formed (children after their
    /// parent and inside their tree, features inside the width), so a damaged file cannot make scoring loop or
    /// read out of range.
    /// </summary>
    public static IsolationForestModel Read(ModelReader reader, int features, int expectedTrees)
    {
        int subsampleSize = reader.ReadInt32();
        int maxDepth = reader.ReadInt32();
        int[] roots = reader.ReadInt32s();
        int[] feature = reader.ReadInt32s();
        int[] left = reader.ReadInt32s();
        double[] value = reader.ReadDoubles();
        if (subsampleSize < 1 || maxDepth != DepthLimit(subsampleSize) || expectedTrees < 1 || roots.Length != expectedTrees
            || feature.Length != left.Length || feature.Length != value.Length)
        {
            throw Damaged("the header or array lengths disagree");
        }
        if (roots[0] != 0)
        {
            throw Damaged("the first tree does not start at node 0");
        }
        var nodes = new IsolationNode[feature.Length];
        for (int t = 0; t < roots.Length; t++)
        {
            int start = roots[t], end = t + 1 < roots.Length ? roots[t + 1] : nodes.Length;
            if (start >= end)
            {
                throw Damaged($"tree {t} has no nodes");
            }
            for (int i = start; i < end; i++)
            {
                bool leaf = feature[i] == IsolationNode.LeafFeature;
                bool validSplit = feature[i] >= 0 && feature[i] < features && left[i] > i && left[i] + 1 < end;
                if (!double.IsFinite(value[i]) || !(leaf || validSplit))
                {
                    throw Damaged($"node {i - start} of tree {t} is invalid");
                }
                nodes[i] = new IsolationNode(value[i], feature[i], left[i]);
            }
        }
        if (TreeDepths(nodes, roots).Max() > maxDepth)
        {
            throw Damaged($"a tree is deeper than the limit of {maxDepth}");
        }
        return new IsolationForestModel(nodes, roots, features, subsampleSize, maxDepth);
    }

    private static InvalidDataException Damaged(string why) => new($"the isolation forest in the model is damaged: {why}.");

    // Two 32-bit halves make one distinct 64-bit seed per (Seed, tree); SplitMix64 seeding decorrelates neighbours.
    private static SeededRandom TreeRandom(int seed, int tree) => new(((long)seed << 32) | (uint)tree);

    private static IsolationForestModel Concatenate(IsolationNode[][] trees, int features, int subsampleSize, int maxDepth)
    {
        var roots = new int[trees.Length];
        var nodes = new IsolationNode[trees.Sum(t => t.Length)];
        int offset = 0;
        for (int t = 0; t < trees.Length; t++)
        {
            roots[t] = offset;
            foreach (var node in trees[t])
            {
                nodes[offset++] = node.IsLeaf ? node : node with { Left = node.Left + roots[t] };
            }
        }
        return new IsolationForestModel(nodes, roots, features, subsampleSize, maxDepth);
    }

    /// <summary>
    /// <paramref name="count"/> distinct values of 0..n−1: the first steps of a Fisher–Yates shuffle, with the
    /// displaced entries kept in a dictionary so the cost does not grow with n.
    /// </summary>
    private static int[] DrawWithoutReplacement(int n, int count, SeededRandom random)
    {
        var result = new int[count];
        var moved = new Dictionary<int, int>(count);
        for (int i = 0; i < count; i++)
        {
            int j = i + random.NextInt(n - i);
            int atJ = moved.TryGetValue(j, out int vj) ? vj : j;
            int atI = moved.TryGetValue(i, out int vi) ? vi : i;
            result[i] = atJ;
            moved[j] = atI;
        }
        return result;
    }

    /// <summary>
    /// The distinct rows of <paramref name="count"/> draws with replacement, as scikit-learn's bagging fits a tree:
    /// repeats become sample weights, which neither the splits nor the leaf sizes of an isolation tree use.
    /// </summary>
    private static int[] DistinctDrawsWithReplacement(int n, int count, SeededRandom random)
    {
        var drawn = new int[count];
        for (int i = 0; i < count; i++)
        {
            drawn[i] = random.NextInt(n);
        }
        Array.Sort(drawn);
        return drawn.Distinct().ToArray();
    }

    private static int[] Identity(int n) => Enumerable.Range(0, n).ToArray();

    private static int[] Sorted(int[] values)
    {
        Array.Sort(values);
        return values;
    }
}
