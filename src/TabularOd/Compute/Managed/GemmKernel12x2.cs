using System.Numerics;
using System.Runtime.CompilerServices;
using TabularOd.Compute.Simd;

namespace TabularOd.Compute.Managed;

/// <summary>
/// The micro-kernel for 32-register vector files (AVX-512, AdvSIMD): 12 rows × 2 vectors, 24 accumulators
/// plus two B vectors and one broadcast A element.
/// </summary>
/// <remarks>
/// The accumulators are written out as locals rather than an array so that the JIT keeps all of them in
/// registers for the whole k loop; that is what makes the kernel run near the FMA throughput.
/// </remarks>
internal readonly struct GemmKernel12x2<TLanes, TVec, T> : IGemmMicroKernel<T>
    where TLanes : struct, ISimdLanes<TVec, T>
    where TVec : struct
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Mr => 12;

    public static int Nr => 2 * TLanes.Count;

    // Fully optimised from the first call: at tier 0 the lane helpers are not inlined, and a one-off call
    // (a single search) would spend most of its time in that slow code before tiering caught up.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, ref T a, ref T b, ref T c, nint ldc, T alpha, T beta, bool overwrite)
    {
        nint v = TLanes.Count;
        TVec c00 = TLanes.Zero, c01 = TLanes.Zero;
        TVec c10 = TLanes.Zero, c11 = TLanes.Zero;
        TVec c20 = TLanes.Zero, c21 = TLanes.Zero;
        TVec c30 = TLanes.Zero, c31 = TLanes.Zero;
        TVec c40 = TLanes.Zero, c41 = TLanes.Zero;
        TVec c50 = TLanes.Zero, c51 = TLanes.Zero;
        TVec c60 = TLanes.Zero, c61 = TLanes.Zero;
        TVec c70 = TLanes.Zero, c71 = TLanes.Zero;
        TVec c80 = TLanes.Zero, c81 = TLanes.Zero;
        TVec c90 = TLanes.Zero, c91 = TLanes.Zero;
        TVec c100 = TLanes.Zero, c101 = TLanes.Zero;
        TVec c110 = TLanes.Zero, c111 = TLanes.Zero;

        for (int p = 0; p < kc; p++)
        {
            TVec b0 = TLanes.Load(ref b);
            TVec b1 = TLanes.Load(ref Unsafe.Add(ref b, v));
            TVec ar;
            ar = TLanes.Broadcast(a);
            c00 = TLanes.FusedMultiplyAdd(ar, b0, c00);
            c01 = TLanes.FusedMultiplyAdd(ar, b1, c01);
            ar = TLanes.Broadcast(Unsafe.Add(ref a, 1));
            c10 = TLanes.FusedMultiplyAdd(ar, b0, c10);
            c11 = TLanes.FusedMultiplyAdd(ar, b1, c11);
            ar = TLanes.Broadcast(Unsafe.Add(ref a, 2));
            c20 = TLanes.FusedMultiplyAdd(ar, b0, c20);
            c21 = TLanes.FusedMultiplyAdd(ar, b1, c21);
            ar = TLanes.Broadcast(Unsafe.Add(ref a, 3));
            c30 = TLanes.FusedMultiplyAdd(ar, b0, c30);
            c31 = TLanes.FusedMultiplyAdd(ar, b1, c31);
            ar = TLanes.Broadcast(Unsafe.Add(ref a, 4));
            c40 = TLanes.FusedMultiplyAdd(ar, b0, c40);
            c41 = TLanes.FusedMultiplyAdd(ar, b1, c41);
            ar = TLanes.Broadcast(Unsafe.Add(ref a, 5));
            c50 = TLanes.FusedMultiplyAdd(ar, b0, c50);
            c51 = TLanes.FusedMultiplyAdd(ar, b1, c51);
            ar = TLanes.Broadcast(Unsafe.Add(ref a, 6));
            c60 = TLanes.FusedMultiplyAdd(ar, b0, c60);
            c61 = TLanes.FusedMultiplyAdd(ar, b1, c61);
            ar = TLanes.Broadcast(Unsafe.Add(ref a, 7));
            c70 = TLanes.FusedMultiplyAdd(ar, b0, c70);
            c71 = TLanes.FusedMultiplyAdd(ar, b1, c71);
            ar = TLanes.Broadcast(Unsafe.Add(ref a, 8));
            c80 = TLanes.FusedMultiplyAdd(ar, b0, c80);
            c81 = TLanes.FusedMultiplyAdd(ar, b1, c81);
            ar = TLanes.Broadcast(Unsafe.Add(ref a, 9));
            c90 = TLanes.FusedMultiplyAdd(ar, b0, c90);
            c91 = TLanes.FusedMultiplyAdd(ar, b1, c91);
            ar = TLanes.Broadcast(Unsafe.Add(ref a, 10));
            c100 = TLanes.FusedMultiplyAdd(ar, b0, c100);
            c101 = TLanes.FusedMultiplyAdd(ar, b1, c101);
            ar = TLanes.Broadcast(Unsafe.Add(ref a, 11));
            c110 = TLanes.FusedMultiplyAdd(ar, b0, c110);
            c111 = TLanes.FusedMultiplyAdd(ar, b1, c111);
            a = ref Unsafe.Add(ref a, 12);
            b = ref Unsafe.Add(ref b, 2 * v);
        }

        TVec alphaV = TLanes.Broadcast(alpha);
        TVec betaV = TLanes.Broadcast(beta);
        Merge(ref c, v, c00, c01, alphaV, betaV, overwrite);
        Merge(ref Unsafe.Add(ref c, 1 * ldc), v, c10, c11, alphaV, betaV, overwrite);
        Merge(ref Unsafe.Add(ref c, 2 * ldc), v, c20, c21, alphaV, betaV, overwrite);
        Merge(ref Unsafe.Add(ref c, 3 * ldc), v, c30, c31, alphaV, betaV, overwrite);
        Merge(ref Unsafe.Add(ref c, 4 * ldc), v, c40, c41, alphaV, betaV, overwrite);
        Merge(ref Unsafe.Add(ref c, 5 * ldc), v, c50, c51, alphaV, betaV, overwrite);
        Merge(ref Unsafe.Add(ref c, 6 * ldc), v, c60, c61, alphaV, betaV, overwrite);
        Merge(ref Unsafe.Add(ref c, 7 * ldc), v, c70, c71, alphaV, betaV, overwrite);
        Merge(ref Unsafe.Add(ref c, 8 * ldc), v, c80, c81, alphaV, betaV, overwrite);
        Merge(ref Unsafe.Add(ref c, 9 * ldc), v, c90, c91, alphaV, betaV, overwrite);
        Merge(ref Unsafe.Add(ref c, 10 * ldc), v, c100, c101, alphaV, betaV, overwrite);
        Merge(ref Unsafe.Add(ref c, 11 * ldc), v, c110, c111, alphaV, betaV, overwrite);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Merge(ref T row, nint v, TVec sum0, TVec sum1, TVec alphaV, TVec betaV, bool overwrite)
    {
        ref T second = ref Unsafe.Add(ref row, v);
        sum0 = TLanes.Multiply(alphaV, sum0);
        sum1 = TLanes.Multiply(alphaV, sum1);
        if (!overwrite)
        {
            sum0 = TLanes.FusedMultiplyAdd(TLanes.Load(ref row), betaV, sum0);
            sum1 = TLanes.FusedMultiplyAdd(TLanes.Load(ref second), betaV, sum1);
        }
        TLanes.Store(sum0, ref row);
        TLanes.Store(sum1, ref second);
    }
}
