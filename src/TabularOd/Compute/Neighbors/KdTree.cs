using System.Numerics;
using System.Runtime.CompilerServices;

namespace TabularOd.Compute.Neighbors;

/// <summary>
/// A k-d tree over the rows of a matrix, for exact k-nearest-neighbour queries in few dimensions (Bentley, CACM
/// 1975; Friedman, Bentley &amp; Finkel, ACM TOMS 1977). Each node splits its rows at the median of its widest
/// coordinate and keeps the bounding box of its rows; a query visits the nearer child first and skips every node
/// whose box lies farther than its current k-th neighbour.
/// </summary>
/// <remarks>
/// In a handful of dimensions this visits a few leaves per query instead of all n rows, which is why
/// <see cref="KNearestSearch"/> uses it there (as scikit-learn's <c>algorithm='auto'</c> does); beyond about
/// fifteen dimensions the boxes stop pruning and the tiled brute force wins. Results are the same as brute force:
/// the order (distance, then index) is total and a box at exactly the current k-th distance is still visited,
/// so an equidistant row of lower index is never missed. Distances are summed directly, (x − y)² per coordinate.
/// </remarks>
internal sealed unsafe class KdTree<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Rows per leaf: scanning a leaf is cheap, so leaves are kept big enough that few nodes are visited.</summary>
    private const int LeafSize = 32;

    private readonly int _d;
    private readonly T[] _points;
    private readonly int[] _original;
    private readonly Node[] _nodes;
    private readonly T[] _bounds;

    // Filled while building, then frozen into the arrays above.
    private readonly List<Node> _nodeList = [];
    private readonly List<T> _boundList = [];

    private KdTree(ReadOnlySpan<T> x, int n, int d)
    {
        _d = d;
        _original = new int[n];
        for (int i = 0; i < n; i++)
        {
            _original[i] = i;
        }
        if (n > 0)
        {
            BuildNode(x, 0, n);
        }
        _nodes = [.. _nodeList];
        _bounds = [.. _boundList];
        _nodeList.Clear();
        _boundList.Clear();
        // Rows in tree order, so a leaf's rows are contiguous in memory.
        _points = new T[(long)n * d];
        for (int i = 0; i < n; i++)
        {
            x.Slice((int)((nint)_original[i] * d), d).CopyTo(_points.AsSpan((int)((nint)i * d), d));
        }
    }

    /// <summary>
    /// The row at each position of the tree's order: rows of one leaf are neighbours in space, so visiting queries
    /// in this order keeps the same few nodes in cache from one query to the next.
    /// </summary>
    public ReadOnlySpan<int> TreeOrder => _original;

    /// <summary>Builds the tree over x (n×d, row-major).</summary>
    public static KdTree<T> Create(ReadOnlySpan<T> x, int n, int d) => new(x, n, d);

    /// <summary>
    /// Offers to <paramref name="heap"/> the squared distance from <paramref name="query"/> to every row that can
    /// still enter its k nearest; row <paramref name="skip"/> (an original index, or −1) is left out.
    /// </summary>
    public void Search(ReadOnlySpan<T> query, int skip, ref BoundedTopK<T> heap)
    {
        if (_nodes.Length == 0)
        {
            return;
        }
        fixed (T* q = query)
        fixed (T* points = _points)
        fixed (T* bounds = _bounds)
        fixed (int* original = _original)
        fixed (Node* nodes = _nodes)
        {
            var view = new View(q, points, bounds, original, nodes, _d, skip);
            Visit(in view, 0, ref heap);
        }
    }

    private static void Visit(in View view, int node, ref BoundedTopK<T> heap)
    {
        Node* current = view.Nodes + node;
        if (current->Left < 0)
        {
            if (current->Constant)
            {
                ScanConstantLeaf(in view, current, ref heap);
            }
            else
            {
                ScanLeaf(in view, current, ref heap);
            }
            return;
        }
        T left = BoxDistance(in view, current->Left);
        T right = BoxDistance(in view, current->Right);
        (int near, T nearDistance, int far, T farDistance) = left <= right
            ? (current->Left, left, current->Right, right)
            : (current->Right, right, current->Left, left);
        if (!heap.IsFull || nearDistance <= heap.WorstDistance)
        {
            Visit(in view, near, ref heap);
        }
        if (!heap.IsFull || farDistance <= heap.WorstDistance)
        {
            Visit(in view, far, ref heap);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ScanLeaf(in View view, Node* leaf, ref BoundedTopK<T> heap)
    {
        int d = view.D;
        T* q = view.Query;
        T* row = view.Points + ((nint)leaf->Start * d);
        for (int i = leaf->Start; i < leaf->End; i++, row += d)
        {
            T sum = T.Zero;
            for (int c = 0; c < d; c++)
            {
                T diff = row[c] - q[c];
                sum += diff * diff;
            }
            if ((!heap.IsFull || sum <= heap.WorstDistance) && view.Original[i] != view.Skip)
            {
                heap.Offer(sum, view.Original[i]);
            }
        }
    }

    /// <summary>
    /// A leaf of identical rows, kept in index order: they share one distance, so once a row fails to enter the
    /// top-k every later (higher-index) row would fail too. Heavily duplicated data (a few distinct rows repeated
    /// thousands of times is common in tabular data) would otherwise cost a scan of every copy per query.
    /// </summary>
    private static void ScanConstantLeaf(in View view, Node* leaf, ref BoundedTopK<T> heap)
    {
        int d = view.D;
        T* row = view.Points + ((nint)leaf->Start * d);
        T sum = T.Zero;
        for (int c = 0; c < d; c++)
        {
            T diff = row[c] - view.Query[c];
            sum += diff * diff;
        }
        for (int i = leaf->Start; i < leaf->End; i++)
        {
            int original = view.Original[i];
            if (original == view.Skip)
            {
                continue;
            }
            if (heap.IsFull && !BoundedTopK<T>.Precedes(sum, original, heap.WorstDistance, heap.WorstIndex))
            {
                return;
            }
            heap.Offer(sum, original);
        }
    }

    /// <summary>Squared distance from the query to the nearest point of the node's bounding box (0 inside it).</summary>
    private static T BoxDistance(in View view, int node)
    {
        int d = view.D;
        T* low = view.Bounds + view.Nodes[node].Bounds;
        T* high = low + d;
        T sum = T.Zero;
        for (int c = 0; c < d; c++)
        {
            T v = view.Query[c];
            T gap = v < low[c] ? low[c] - v : v > high[c] ? v - high[c] : T.Zero;
            sum += gap * gap;
        }
        return sum;
    }

    /// <summary>Builds the node over tree positions [start, end) and returns its number.</summary>
    private int BuildNode(ReadOnlySpan<T> x, int start, int end)
    {
        int node = _nodeList.Count;
        int bounds = _boundList.Count;
        _nodeList.Add(default);
        int widest = 0;
        T widestSpread = -T.One;
        for (int c = 0; c < _d; c++)
        {
            _boundList.Add(T.Zero);
        }
        for (int c = 0; c < _d; c++)
        {
            _boundList.Add(T.Zero);
        }
        for (int c = 0; c < _d; c++)
        {
            T low = T.PositiveInfinity, high = T.NegativeInfinity;
            for (int i = start; i < end; i++)
            {
                T v = x[(int)(((nint)_original[i] * _d) + c)];
                low = T.Min(low, v);
                high = T.Max(high, v);
            }
            _boundList[bounds + c] = low;
            _boundList[bounds + _d + c] = high;
            if (high - low > widestSpread)
            {
                widestSpread = high - low;
                widest = c;
            }
        }
        if (widestSpread <= T.Zero)
        {
            Array.Sort(_original, start, end - start);
            _nodeList[node] = new Node(start, end, -1, -1, bounds, Constant: true);
            return node;
        }
        if (end - start <= LeafSize)
        {
            _nodeList[node] = new Node(start, end, -1, -1, bounds, Constant: false);
            return node;
        }
        int middle = start + ((end - start) / 2);
        SelectNth(x, widest, start, end, middle);
        int left = BuildNode(x, start, middle);
        int right = BuildNode(x, middle, end);
        _nodeList[node] = new Node(start, end, left, right, bounds, Constant: false);
        return node;
    }

    /// <summary>
    /// Reorders tree positions [start, end) so that position <paramref name="nth"/> holds the row that sorting
    /// by (coordinate <paramref name="c"/>, original index) would put there, smaller ones before it and larger
    /// after (Hoare's selection with a median-of-three pivot; deterministic).
    /// </summary>
    private void SelectNth(ReadOnlySpan<T> x, int c, int start, int end, int nth)
    {
        int lo = start, hi = end - 1;
        while (hi > lo)
        {
            int mid = lo + ((hi - lo) / 2);
            if (Before(x, c, _original[mid], _original[lo]))
            {
                Swap(mid, lo);
            }
            if (Before(x, c, _original[hi], _original[lo]))
            {
                Swap(hi, lo);
            }
            if (Before(x, c, _original[hi], _original[mid]))
            {
                Swap(hi, mid);
            }
            int pivot = _original[mid];
            int i = lo, j = hi;
            while (i <= j)
            {
                while (Before(x, c, _original[i], pivot))
                {
                    i++;
                }
                while (Before(x, c, pivot, _original[j]))
                {
                    j--;
                }
                if (i <= j)
                {
                    Swap(i, j);
                    i++;
                    j--;
                }
            }
            if (nth <= j)
            {
                hi = j;
            }
            else if (nth >= i)
            {
                lo = i;
            }
            else
            {
                return;
            }
        }
    }

    private bool Before(ReadOnlySpan<T> x, int c, int a, int b)
    {
        T va = x[(int)(((nint)a * _d) + c)], vb = x[(int)(((nint)b * _d) + c)];
        return va < vb || (va == vb && a < b);
    }

    private void Swap(int a, int b) => (_original[a], _original[b]) = (_original[b], _original[a]);

    /// <summary>One query's pinned view of the tree, passed down the recursion.</summary>
    private readonly struct View(T* query, T* points, T* bounds, int* original, Node* nodes, int d, int skip)
    {
        public T* Query { get; } = query;
        public T* Points { get; } = points;
        public T* Bounds { get; } = bounds;
        public int* Original { get; } = original;
        public Node* Nodes { get; } = nodes;
        public int D { get; } = d;
        public int Skip { get; } = skip;
    }

    /// <summary>
    /// Tree positions [Start, End); children (−1 for a leaf); offset of the box (d lows, then d highs); whether
    /// the node is a leaf of identical rows.
    /// </summary>
    private readonly record struct Node(int Start, int End, int Left, int Right, int Bounds, bool Constant);
}
