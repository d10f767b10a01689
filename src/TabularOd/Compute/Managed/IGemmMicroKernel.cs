using System.Numerics;

namespace TabularOd.Compute.Managed;

/// <summary>
/// A register-tiled GEMM micro-kernel: multiplies one packed Mr×kc panel of A by one packed kc×Nr panel of B
/// and merges the Mr×Nr product into C. The driver (<see cref="ManagedGemm"/>) chooses the kernel whose tile
/// fits the register file.
/// </summary>
internal interface IGemmMicroKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Rows of the register tile (elements of A broadcast per step).</summary>
    static abstract int Mr { get; }

    /// <summary>Columns of the register tile (elements of B loaded per step).</summary>
    static abstract int Nr { get; }

    /// <summary>
    /// C[0..Mr, 0..Nr] ← α·Σₚ a[p·Mr + r]·b[p·Nr + j] + β·C, summing p = 0..kc−1 in order with one fused
    /// multiply-add per step. With <paramref name="overwrite"/> C is only written (β is taken as zero and
    /// NaN in C does not propagate); otherwise the merge is FMA(C, β, α·sum).
    /// </summary>
    static abstract void Run(int kc, ref T a, ref T b, ref T c, nint ldc, T alpha, T beta, bool overwrite);
}
