using System.Numerics;

namespace TabularOd.Compute.Managed;

// PLACEHOLDER: replaced by the SIMD GEMM.
internal static class ManagedGemm
{
    public static string Describe() => "managed";

    public static void Gemm<T>(MatrixTranspose transA, MatrixTranspose transB, int m, int n, int k,
        T alpha, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T> => throw new NotImplementedException();
}
