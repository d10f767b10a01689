using TabularOd.Data;
using TabularOd.Sampling;

namespace TabularOd.Detectors.Ensembles;

/// <summary>
/// One node of a flattened isolation tree. A split sends x to <see cref="Left"/> when
/// x[<see cref="Feature"/>] ≤ <see cref="Value"/> and to <see cref="Left"/> + 1 otherwise (siblings are stored
/// side by side, so one index serves both). A leaf has <see cref="Feature"/> = −1 and keeps in
/// <see cref="Value"/> the whole path length it contributes: its depth plus c(rows that reached it).
/// </summary>
/// <remarks>The form trees are grown, saved and checked in; scoring walks a branch-free copy (see <see cref="IsolationForestModel"/>).</remarks>
internal readonly record struct IsolationNode(double Value, int Feature, int Left)
{
    /// <summary>Marks a leaf in <see cref="Feature"/>.</summary>
    public const int LeafFeature = -1;

    /// <summary>Whether the node is a leaf.</summary>
    public bool IsLeaf => Feature < 0;

    /// <summary>A leaf contributing <paramref name="pathLength"/>.</summary>
    public static IsolationNode Leaf(double pathLength) => new(pathLength, LeafFeature, 0);
}

/// <summary>
/// Grows one isolation tree (Liu, Ting and Zhou, ICDM 2008) the way scikit-learn's <c>ExtraTreeRegressor</c>
/// with <c>max_features=1</c> does inside <c>IsolationForest</c>: at each node a feature drawn uniformly among
/// those not constant on the node's rows, a threshold uniform between their minimum and maximum, and a leaf
/// when the node has one row, reaches the depth limit, or no feature varies.
/// </summary>
internal sealed class IsolationTree
{
    private readonly double[] _columns;
    private readonly int _rows;
    private readonly int[] _featureOf;
    private readonly int[] _samples;
    private readonly int[] _candidates;
    private readonly IsolationNode[] _nodes;
    private readonly int _maxDepth;
    private readonly SeededRandom _random;
    private int _count;

    private IsolationTree(double[] columns, int rows, int[] featureOf, int maxDepth, SeededRandom random)
    {
        _columns = columns;
        _rows = rows;
        _featureOf = featureOf;
        _maxDepth = maxDepth;
        _random = random;
        _samples = new int[rows];
        for (int s = 0; s < rows; s++)
        {
            _samples[s] = s;
        }
        _candidates = new int[featureOf.Length];
        _nodes = new IsolationNode[(2 * rows) - 1];
    }

    /// <summary>
    /// Grows a tree on the training rows <paramref name="rows"/>, splitting only on the columns
    /// <paramref name="features"/>. Returns its nodes, root first; child indices are relative to the root.
    /// </summary>
    public static IsolationNode[] Grow(DataMatrix train, ReadOnlySpan<int> rows, int[] features, int maxDepth, SeededRandom random)
    {
        // Column-major copy of the subsample: a node's min/max scan then reads one short column.
        int count = rows.Length;
        var columns = new double[count * features.Length];
        for (int s = 0; s < count; s++)
        {
            var row = train.Row(rows[s]);
            for (int k = 0; k < features.Length; k++)
            {
                columns[(k * count) + s] = row[features[k]];
            }
        }
        var tree = new IsolationTree(columns, count, features, maxDepth, random);
        tree._count = 1;
        tree.Split(0, 0, count, 0);
        return tree._nodes.AsSpan(0, tree._count).ToArray();
    }

    private void Split(int node, int start, int end, int depth)
    {
        int size = end - start;
        if (depth >= _maxDepth || size < 2 || !TryDrawSplit(start, end, out int feature, out double threshold))
        {
            _nodes[node] = IsolationNode.Leaf(depth + AveragePathLength.Of(size));
            return;
        }
        int middle = Partition(start, end, feature, threshold);
        int left = _count;
        _count += 2;
        _nodes[node] = new IsolationNode(threshold, _featureOf[feature], left);
        Split(left, start, middle, depth + 1);
        Split(left + 1, middle, end, depth + 1);
    }

    /// <summary>
    /// Draws features until one varies on the node's rows; a constant one is set aside for the rest of this node,
    /// so the feature used is uniform among the varying ones (scikit-learn's random splitter does the same).
    /// </summary>
    private bool TryDrawSplit(int start, int end, out int feature, out double threshold)
    {
        for (int k = 0; k < _candidates.Length; k++)
        {
            _candidates[k] = k;
        }
        for (int remaining = _candidates.Length; remaining > 0; remaining--)
        {
            int pick = _random.NextInt(remaining);
            feature = _candidates[pick];
            var column = _columns.AsSpan(feature * _rows, _rows);
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            for (int i = start; i < end; i++)
            {
                double v = column[_samples[i]];
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
            if (max > min)
            {
                threshold = Threshold(min, max, _random.NextDouble());
                return true;
            }
            _candidates[pick] = _candidates[remaining - 1];
            _candidates[remaining - 1] = feature;
        }
        feature = -1;
        threshold = 0;
        return false;
    }

    /// <summary>A uniform threshold in [min, max) for a uniform <paramref name="u"/> in [0, 1).</summary>
    internal static double Threshold(double min, double max, double u)
    {
        double range = max - min;
        // Far-apart finite values can overflow the range; the convex combination cannot.
        double threshold = double.IsFinite(range) ? min + (range * u) : (min * (1 - u)) + (max * u);
        // Rounding can land on max (scikit-learn then uses min) or just outside; min keeps both sides non-empty.
        return threshold >= min && threshold < max ? threshold : min;
    }

    /// <summary>Moves the node's rows with value ≤ threshold to the front; returns where the rest begin.</summary>
    private int Partition(int start, int end, int feature, double threshold)
    {
        var column = _columns.AsSpan(feature * _rows, _rows);
        int i = start, j = end - 1;
        while (i <= j)
        {
            if (column[_samples[i]] <= threshold)
            {
                i++;
            }
            else
            {
                (_samples[i], _samples[j]) = (_samples[j], _samples[i]);
                j--;
            }
        }
        return i;
    }
}
