using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using TabularOd.Compute.Simd;

namespace TabularOd.Compute.Distances;

/// <summary>
/// The row-level steps of the squared-distance expansion ‖x‖² + ‖y‖² − 2·x·yᵀ: squared norms, the finishing
/// pass that turns a row of −2·x·yᵀ into distances, and the direct sum used where the expansion cannot resolve
/// a distance.
/// </summary>
/// <remarks>
/// The expansion loses accuracy where a distance is small next to the norms (cancellation), and it never gives
/// an exact zero for identical rows. So every entry with d² ≤ tol·(‖x‖² + ‖y‖²), tol = max(1024, 2d)·ε, is
/// recomputed directly as Σ(x − y)². That covers identical rows (the expansion's error is at most about
/// 2d·ε·(‖x‖² + ‖y‖²)) and every negative value, so no separate clamp is needed; on typical data such entries are
/// rare. Each entry depends only on its two rows and their norms, never on its neighbours in the tile.
/// </remarks>
internal static unsafe class SquaredDistanceRows
{
    /// <summary>The relative threshold below which an entry is recomputed: max(1024, 2d)·ε.</summary>
    public static T Tolerance<T>(int d)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // T.Epsilon is the smallest subnormal for IEEE types; the gap between 1 and the next number is what is meant.
        T machineEpsilon = T.BitIncrement(T.One) - T.One;
        return machineEpsilon * T.CreateTruncating(Math.Max(1024, 2 * d));
    }

    /// <summary>norms[i] = ‖x_i‖² for the n rows of x (n×d), each summed in a fixed order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Norms<T>(T* x, int n, int d, T* norms)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < n; i++)
        {
            T* row = x + (nint)i * d;
            int p = 0;
            T sum = T.Zero;
            if (Vector.IsHardwareAccelerated && d >= Vector<T>.Count)
            {
                Vector<T> acc = Vector<T>.Zero;
                for (; p <= d - Vector<T>.Count; p += Vector<T>.Count)
                {
                    Vector<T> v = Vector.Load(row + p);
                    acc += v * v;
                }
                sum = Vector.Sum(acc);
            }
            for (; p < d; p++)
            {
                sum += row[p] * row[p];
            }
            norms[i] = sum;
        }
    }

    /// <summary>Σ(x − y)² over d elements, in a fixed order; exactly zero when the rows are equal.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static T Exact<T>(T* x, T* y, int d)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int p = 0;
        T sum = T.Zero;
        if (Vector.IsHardwareAccelerated && d >= Vector<T>.Count)
        {
            Vector<T> acc = Vector<T>.Zero;
            for (; p <= d - Vector<T>.Count; p += Vector<T>.Count)
            {
                Vector<T> diff = Vector.Load(x + p) - Vector.Load(y + p);
                acc += diff * diff;
            }
            sum = Vector.Sum(acc);
        }
        for (; p < d; p++)
        {
            T diff = x[p] - y[p];
            sum += diff * diff;
        }
        return sum;
    }

    /// <summary>
    /// Finishes a rows×cols tile of −2·x·yᵀ (row stride <paramref name="ldTile"/>) in place, on vectors of
    /// <paramref name="vectorBits"/> bits. Lanes are independent, so every width gives the same bits.
    /// </summary>
    public static void FinishTile<T>(T* x, T* xNorms, int rows, T* y, T* yNorms, int cols, int d, T* tile, int ldTile, int vectorBits)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T tolerance = Tolerance<T>(d);
        switch (vectorBits)
        {
            case 512:
                FinishRows<T, SimdLanes512<T>, Vector512<T>>(x, xNorms, rows, y, yNorms, cols, d, tile, ldTile, tolerance);
                break;
            case 256:
                FinishRows<T, SimdLanes256<T>, Vector256<T>>(x, xNorms, rows, y, yNorms, cols, d, tile, ldTile, tolerance);
                break;
            default:
                FinishRows<T, SimdLanes128<T>, Vector128<T>>(x, xNorms, rows, y, yNorms, cols, d, tile, ldTile, tolerance);
                break;
        }
    }

    /// <summary>
    /// Turns one row of −2·x·yᵀ into squared distances: adds ‖x‖² + ‖y_j‖² and recomputes the entries the
    /// expansion cannot resolve.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Finish<T, TLanes, TVec>(T* xRow, T xNorm, T* y, T* yNorms, int cols, int d, T* row, T tolerance)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLanes : struct, ISimdLanes<TVec, T>
        where TVec : struct
    {
        int j = 0;
        while (true)
        {
            j = AddNormsUntilUnresolved<T, TLanes, TVec>(xNorm, yNorms, cols, row, tolerance, j, out ulong unresolved);
            if (unresolved == 0)
            {
                break;
            }
            do
            {
                int e = BitOperations.TrailingZeroCount(unresolved);
                unresolved &= unresolved - 1;
                row[j + e] = Exact(xRow, y + (nint)(j + e) * d, d);
            }
            while (unresolved != 0);
            j += TLanes.Count;
        }
        for (; j < cols; j++)
        {
            T sum = xNorm + yNorms[j];
            T value = sum + row[j];
            row[j] = value <= tolerance * sum ? Exact(xRow, y + (nint)j * d, d) : value;
        }
    }

    /// <summary>
    /// The vector part of <see cref="Finish"/>, from <paramref name="j"/> on: adds the norms a vector at a time
    /// and stops at the first vector holding an entry to recompute, returning its start and the lanes in
    /// <paramref name="unresolved"/> (zero when it ran to the last whole vector).
    /// </summary>
    /// <remarks>
    /// Kept apart, without calls in its loop, so the JIT holds the broadcast norms and tolerance in registers;
    /// with the rare call to <see cref="Exact"/> in the same loop it would reload them from the stack every step.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static int AddNormsUntilUnresolved<T, TLanes, TVec>(T xNorm, T* yNorms, int cols, T* row, T tolerance, int j, out ulong unresolved)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLanes : struct, ISimdLanes<TVec, T>
        where TVec : struct
    {
        TVec xn = TLanes.Broadcast(xNorm), tol = TLanes.Broadcast(tolerance);
        for (; j <= cols - TLanes.Count; j += TLanes.Count)
        {
            TVec sum = TLanes.Add(xn, TLanes.Load(ref yNorms[j]));
            TVec value = TLanes.Add(sum, TLanes.Load(ref row[j]));
            TLanes.Store(value, ref row[j]);
            unresolved = TLanes.LessThanOrEqualBits(value, TLanes.Multiply(tol, sum));
            if (unresolved != 0)
            {
                return j;
            }
        }
        unresolved = 0;
        return j;
    }

    private static void FinishRows<T, TLanes, TVec>(T* x, T* xNorms, int rows, T* y, T* yNorms, int cols, int d, T* tile, int ldTile, T tolerance)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLanes : struct, ISimdLanes<TVec, T>
        where TVec : struct
    {
        for (int i = 0; i < rows; i++)
        {
            Finish<T, TLanes, TVec>(x + (nint)i * d, xNorms[i], y, yNorms, cols, d, tile + (nint)i * ldTile, tolerance);
        }
    }
}
