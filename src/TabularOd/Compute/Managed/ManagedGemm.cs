using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using TabularOd.Compute.Simd;

namespace TabularOd.Compute.Managed;

/// <summary>
/// Row-major GEMM in managed code for <see cref="float"/> and <see cref="double"/>: cache-blocked with packed
/// panels (<see cref="GemmDriver{TKernel, T}"/>) around a register-tiled fused multiply-add micro-kernel on the
/// widest vectors the processor runs, multi-threaded over blocks of C and bit-identical whatever the thread count.
/// </summary>
internal static class ManagedGemm
{
    private const string Method = "Gemm";

    /// <summary>One line for <see cref="ManagedBackend.Description"/>: kernel, vector width, threads.</summary>
    public static string Describe()
    {
        int bits = SimdWidth.Bits;
        string rows = SimdWidth.HasWideRegisterFile(bits) ? "12" : "6";
        return $"managed: blocked SIMD GEMM ({SimdWidth.InstructionSet(bits)}, {bits}-bit vectors, {rows}×2-vector micro-kernel), {Environment.ProcessorCount} threads";
    }

    /// <summary>C ← α·op(A)·op(B) + β·C, row-major, on every processor; see <see cref="IComputeBackend.Gemm{T}"/>.</summary>
    public static void Gemm<T>(MatrixTranspose transA, MatrixTranspose transB, int m, int n, int k,
        T alpha, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Gemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, ComputeParallelism.DefaultDegree, vectorBits: 0);

    /// <summary>
    /// The same GEMM with the thread count and vector width pinned, so tests can show that the result does not
    /// depend on the first and can exercise the narrower kernels on a machine that would not choose them: at
    /// most <c>maxDegreeOfParallelism</c> threads, and <c>vectorBits</c> 512, 256 or 128 (0 picks the widest the
    /// hardware accelerates).
    /// </summary>
    internal static void Gemm<T>(MatrixTranspose transA, MatrixTranspose transB, int m, int n, int k,
        T alpha, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc,
        int maxDegreeOfParallelism, int vectorBits)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ComputeArguments.CheckElementType<T>(Method);
        ComputeArguments.CheckNonNegative(m, nameof(m), Method);
        ComputeArguments.CheckNonNegative(n, nameof(n), Method);
        ComputeArguments.CheckNonNegative(k, nameof(k), Method);
        bool ta = transA == MatrixTranspose.Transpose;
        bool tb = transB == MatrixTranspose.Transpose;
        ComputeArguments.CheckMatrix(a, ta ? k : m, ta ? m : k, lda, nameof(a), nameof(lda), Method);
        ComputeArguments.CheckMatrix(b, tb ? n : k, tb ? k : n, ldb, nameof(b), nameof(ldb), Method);
        ComputeArguments.CheckMatrix<T>(c, m, n, ldc, nameof(c), nameof(ldc), Method);
        ComputeArguments.CheckPositive(maxDegreeOfParallelism, nameof(maxDegreeOfParallelism), Method);
        int bits = SimdWidth.Resolve(vectorBits, Method);

        if (m == 0 || n == 0)
        {
            return;
        }
        if (k == 0 || alpha == T.Zero)
        {
            // BLAS semantics: A and B are not read, so NaN in them does not reach C.
            Scale(c, m, n, ldc, beta);
            return;
        }

        // The 12-row kernel needs 27 vector registers; with only 16 the 6-row one avoids spilling accumulators.
        bool wide = SimdWidth.HasWideRegisterFile(bits);
        switch (bits, wide)
        {
            case (512, _):
                GemmDriver<GemmKernel12x2<SimdLanes512<T>, Vector512<T>, T>, T>.Run(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, maxDegreeOfParallelism);
                break;
            case (256, true):
                GemmDriver<GemmKernel12x2<SimdLanes256<T>, Vector256<T>, T>, T>.Run(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, maxDegreeOfParallelism);
                break;
            case (256, false):
                GemmDriver<GemmKernel6x2<SimdLanes256<T>, Vector256<T>, T>, T>.Run(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, maxDegreeOfParallelism);
                break;
            case (_, true):
                GemmDriver<GemmKernel12x2<SimdLanes128<T>, Vector128<T>, T>, T>.Run(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, maxDegreeOfParallelism);
                break;
            default:
                GemmDriver<GemmKernel6x2<SimdLanes128<T>, Vector128<T>, T>, T>.Run(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, maxDegreeOfParallelism);
                break;
        }
    }

    /// <summary>C ← β·C; with β = 0 C is cleared, so NaN already in C does not survive.</summary>
    private static void Scale<T>(Span<T> c, int m, int n, int ldc, T beta)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < m; i++)
        {
            Span<T> row = c.Slice(i * ldc, n);
            if (beta == T.Zero)
            {
                row.Clear();
            }
            else
            {
                TensorPrimitives.Multiply(row, beta, row);
            }
        }
    }
}
