using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace TabularOd.Compute.Simd;

/// <summary>Which vector width the compute kernels run on here.</summary>
internal static class SimdWidth
{
    /// <summary>The widest vectors the hardware accelerates: 512, 256 or 128 bits.</summary>
    public static int Bits { get; } =
        Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : 128;

    /// <summary>
    /// Whether the vector register file has 32 registers (AVX-512, Arm64) rather than 16 (AVX2, SSE); the GEMM
    /// picks its register tile by this.
    /// </summary>
    public static bool HasWideRegisterFile(int bits) =>
        bits == 512 || RuntimeInformation.ProcessArchitecture == Architecture.Arm64;

    /// <summary>The instruction set behind a width, for descriptions: "AVX-512", "AVX2", "AdvSIMD" or "SSE".</summary>
    public static string InstructionSet(int bits) => bits switch
    {
        512 => "AVX-512",
        256 => "AVX2",
        _ => RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "AdvSIMD" : "SSE",
    };

    /// <summary>
    /// A width a caller pinned (512, 256 or 128 bits; tests use this to run the narrower code paths on a machine
    /// that would not choose them), or <see cref="Bits"/> for 0.
    /// </summary>
    public static int Resolve(int requested, string method) => requested switch
    {
        0 => Bits,
        512 or 256 or 128 => requested,
        _ => throw new ArgumentOutOfRangeException(nameof(requested), $"The 'vectorBits' parameter of {method} must be 0, 128, 256 or 512. Got {requested}."),
    };
}
