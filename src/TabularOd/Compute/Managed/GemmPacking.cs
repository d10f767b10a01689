using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TabularOd.Compute.Managed;

/// <summary>
/// Copies blocks of op(A) and op(B) into the contiguous, zero-padded micro-panel layout the micro-kernel
/// streams through: the kernel then reads both operands with unit stride whatever the transposes and leading
/// dimensions, and never needs an edge case for a partial panel.
/// </summary>
/// <remarks>Callers have checked every dimension against the spans, so the loops index without bounds checks.</remarks>
internal static class GemmPacking
{
    /// <summary>
    /// Packs op(A)[i0..i0+rows, p0..p0+kc] as ⌈rows/mr⌉ panels; panel q holds, for each p, the mr elements
    /// op(A)[i0 + q·mr + r, p0 + p] (rows past the end are zero).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA<T>(ReadOnlySpan<T> a, int lda, bool transposed, int i0, int rows, int p0, int kc, int mr, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T src = ref MemoryMarshal.GetReference(a);
        ref T dst = ref MemoryMarshal.GetReference(destination);
        for (int q = 0; q * mr < rows; q++)
        {
            int first = i0 + q * mr;
            int valid = Math.Min(mr, rows - q * mr);
            ref T panel = ref Unsafe.Add(ref dst, (nint)q * mr * kc);
            if (transposed)
            {
                // op(A)[i, p] = a[p·lda + i]: each step copies a contiguous run of the stored row p.
                for (int p = 0; p < kc; p++)
                {
                    ref T from = ref Unsafe.Add(ref src, (nint)(p0 + p) * lda + first);
                    ref T to = ref Unsafe.Add(ref panel, (nint)p * mr);
                    CopyAndPad(ref from, ref to, valid, mr);
                }
            }
            else
            {
                // op(A)[i, p] = a[i·lda + p]: read each stored row once, scatter it with stride mr.
                for (int r = 0; r < valid; r++)
                {
                    ref T from = ref Unsafe.Add(ref src, (nint)(first + r) * lda + p0);
                    ref T to = ref Unsafe.Add(ref panel, r);
                    for (int p = 0; p < kc; p++)
                    {
                        Unsafe.Add(ref to, (nint)p * mr) = Unsafe.Add(ref from, p);
                    }
                }
                ZeroRows(ref panel, valid, mr, kc);
            }
        }
    }

    /// <summary>
    /// Packs op(B)[p0..p0+kc, j0..j0+cols] as ⌈cols/nr⌉ panels; panel q holds, for each p, the nr elements
    /// op(B)[p0 + p, j0 + q·nr + j] (columns past the end are zero).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackB<T>(ReadOnlySpan<T> b, int ldb, bool transposed, int p0, int kc, int j0, int cols, int nr, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T src = ref MemoryMarshal.GetReference(b);
        ref T dst = ref MemoryMarshal.GetReference(destination);
        for (int q = 0; q * nr < cols; q++)
        {
            int first = j0 + q * nr;
            int valid = Math.Min(nr, cols - q * nr);
            ref T panel = ref Unsafe.Add(ref dst, (nint)q * nr * kc);
            if (transposed)
            {
                // op(B)[p, j] = b[j·ldb + p]: read each stored row (a column of op(B)) once, scatter with stride nr.
                for (int j = 0; j < valid; j++)
                {
                    ref T from = ref Unsafe.Add(ref src, (nint)(first + j) * ldb + p0);
                    ref T to = ref Unsafe.Add(ref panel, j);
                    for (int p = 0; p < kc; p++)
                    {
                        Unsafe.Add(ref to, (nint)p * nr) = Unsafe.Add(ref from, p);
                    }
                }
                ZeroRows(ref panel, valid, nr, kc);
            }
            else
            {
                for (int p = 0; p < kc; p++)
                {
                    ref T from = ref Unsafe.Add(ref src, (nint)(p0 + p) * ldb + first);
                    ref T to = ref Unsafe.Add(ref panel, (nint)p * nr);
                    CopyAndPad(ref from, ref to, valid, nr);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyAndPad<T>(ref T from, ref T to, int valid, int width)
        where T : unmanaged
    {
        MemoryMarshal.CreateReadOnlySpan(ref from, valid).CopyTo(MemoryMarshal.CreateSpan(ref to, valid));
        if (valid < width)
        {
            MemoryMarshal.CreateSpan(ref Unsafe.Add(ref to, valid), width - valid).Clear();
        }
    }

    /// <summary>Zeroes slots valid..width−1 of each of the kc steps of a panel.</summary>
    private static void ZeroRows<T>(ref T panel, int valid, int width, int kc)
        where T : unmanaged
    {
        if (valid == width)
        {
            return;
        }
        for (int p = 0; p < kc; p++)
        {
            MemoryMarshal.CreateSpan(ref Unsafe.Add(ref panel, (nint)p * width + valid), width - valid).Clear();
        }
    }
}
