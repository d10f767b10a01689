using System.Numerics.Tensors;
using TabularOd.Compute;

namespace TabularOd.Detectors.Kernel;

/// <summary>
/// Rows of the RBF kernel matrix Q_ij = exp(−γ‖x_i − x_j‖²) of the training rows, stored as float as libsvm's
/// <c>Qfloat</c> does (the solver follows libsvm's arithmetic, and float halves the memory).
/// </summary>
internal abstract class KernelRows
{
    private const int BlockRows = 128;

    protected KernelRows(double[] x, int n, int d, double gamma)
    {
        X = x;
        N = n;
        D = d;
        Gamma = gamma;
    }

    /// <summary>Training rows, row-major n×d.</summary>
    protected double[] X { get; }

    /// <summary>Number of training rows.</summary>
    public int N { get; }

    /// <summary>Number of features.</summary>
    protected int D { get; }

    /// <summary>RBF width.</summary>
    protected double Gamma { get; }

    /// <summary>
    /// Row <paramref name="i"/> (length n). The span stays valid until two further rows have been requested,
    /// which is all the solver needs (it holds Q_i and Q_j of one step).
    /// </summary>
    public abstract ReadOnlySpan<float> Row(int i);

    /// <summary>The full matrix up to <paramref name="precomputeLimit"/> rows, else an LRU cache of rows within the memory budget.</summary>
    public static KernelRows Create(double[] x, int n, int d, double gamma, int precomputeLimit, int cacheMegabytes) =>
        n <= precomputeLimit
            ? new Full(x, n, d, gamma)
            : new Cached(x, n, d, gamma, (int)Math.Clamp((long)cacheMegabytes * 1024 * 1024 / (4L * n), 2, n));

    /// <summary>Kernel rows <paramref name="first"/>..first+count−1 into <paramref name="destination"/> (count×n floats).</summary>
    protected void ComputeRows(int first, int count, Span<float> destination, Span<double> scratch)
    {
        var distances = scratch[..(count * N)];
        ComputeBackends.Default.SquaredDistances<double>(X.AsSpan(first * D, count * D), count, X, N, D, distances);
        TensorPrimitives.Multiply(distances, -Gamma, distances);
        TensorPrimitives.Exp(distances, distances);
        for (int k = 0; k < distances.Length; k++)
        {
            destination[k] = (float)distances[k];
        }
    }

    /// <summary>Every row computed once, in blocks so the double scratch stays small.</summary>
    private sealed class Full : KernelRows
    {
        private readonly float[] _matrix;

        public Full(double[] x, int n, int d, double gamma)
            : base(x, n, d, gamma)
        {
            _matrix = new float[(long)n * n];
            // Blocks write disjoint rows, so computing them in parallel gives the same matrix as in sequence.
            int blocks = (n + BlockRows - 1) / BlockRows;
            Parallel.For(0, blocks, () => new double[Math.Min(BlockRows, n) * n], (block, _, scratch) =>
            {
                int first = block * BlockRows;
                int count = Math.Min(BlockRows, n - first);
                ComputeRows(first, count, _matrix.AsSpan(first * n, count * n), scratch);
                return scratch;
            }, _ => { });
        }

        public override ReadOnlySpan<float> Row(int i) => _matrix.AsSpan(i * N, N);
    }

    /// <summary>Least-recently-used cache of rows, as libsvm's kernel cache (for training sets too big to precompute).</summary>
    private sealed class Cached : KernelRows
    {
        private readonly float[][] _slots;
        private readonly int[] _slotOfRow;
        private readonly int[] _rowOfSlot;
        private readonly long[] _lastUse;
        private readonly double[] _scratch;
        private long _clock;
        private int _filled;

        public Cached(double[] x, int n, int d, double gamma, int capacity)
            : base(x, n, d, gamma)
        {
            _slots = new float[capacity][];
            _rowOfSlot = new int[capacity];
            _lastUse = new long[capacity];
            _slotOfRow = new int[n];
            Array.Fill(_slotOfRow, -1);
            _scratch = new double[n];
        }

        public override ReadOnlySpan<float> Row(int i)
        {
            int slot = _slotOfRow[i];
            if (slot < 0)
            {
                slot = _filled < _slots.Length ? _filled++ : LeastRecentlyUsed();
                if (_slots[slot] is null)
                {
                    _slots[slot] = new float[N];
                }
                else
                {
                    _slotOfRow[_rowOfSlot[slot]] = -1;
                }
                _rowOfSlot[slot] = i;
                _slotOfRow[i] = slot;
                ComputeRows(i, 1, _slots[slot], _scratch);
            }
            _lastUse[slot] = ++_clock;
            return _slots[slot];
        }

        // A linear scan over slots costs O(capacity) per miss, small beside the O(n·d) of computing the row.
        private int LeastRecentlyUsed()
        {
            int best = 0;
            for (int s = 1; s < _lastUse.Length; s++)
            {
                if (_lastUse[s] < _lastUse[best])
                {
                    best = s;
                }
            }
            return best;
        }
    }
}
