using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace TabularOd.Compute.Managed;

/// <summary>
/// The vector loops of the one-right-hand-side substitutions and the unblocked Cholesky kernel: a dot
/// product and y += α·x over contiguous rows.
/// </summary>
internal static class RowKernels
{
    /// <summary>Σ x_i·y_i over the common length.</summary>
    /// <remarks>
    /// Written out rather than taken from TensorPrimitives.Dot so that the summation order depends only on the
    /// length, never on where the data happens to be aligned in memory: the factorizations promise the same bits
    /// for the same input on every run.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        int length = x.Length;
        ref double xs = ref MemoryMarshal.GetReference(x);
        ref double ys = ref MemoryMarshal.GetReference(y[..length]);
        int i = 0;
        double sum = 0;
        if (Vector256.IsHardwareAccelerated && length >= 8)
        {
            var acc0 = Vector256<double>.Zero;
            var acc1 = Vector256<double>.Zero;
            for (; i <= length - 8; i += 8)
            {
                acc0 += Vector256.LoadUnsafe(ref xs, (nuint)i) * Vector256.LoadUnsafe(ref ys, (nuint)i);
                acc1 += Vector256.LoadUnsafe(ref xs, (nuint)(i + 4)) * Vector256.LoadUnsafe(ref ys, (nuint)(i + 4));
            }
            sum = Vector256.Sum(acc0 + acc1);
        }
        for (; i < length; i++)
        {
            sum += Unsafe.Add(ref xs, i) * Unsafe.Add(ref ys, i);
        }
        return sum;
    }

    /// <summary>y ← y + α·x over the length of y.</summary>
    /// <remarks>
    /// TensorPrimitives.MultiplyAdd rounds the product and the sum separately (it is not the fused variant), so
    /// each element's value is the same whichever of its vector or scalar paths reached it.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddScaled(ReadOnlySpan<double> x, double alpha, Span<double> y) =>
        TensorPrimitives.MultiplyAdd(x[..y.Length], alpha, y, y);
}
