using TabularOd.Compute;

namespace TabularOd.Benchmarking.Kernels;

/// <summary>
/// One kernel timing of <c>tabod bench-kernels</c>: what is computed, on which shape, how many floating-point
/// operations that takes, and how to set it up on a backend.
/// </summary>
/// <param name="Id">Stable key for scripts, e.g. "gemm-f64" (the peer script joins on it).</param>
/// <param name="Kernel">What is timed, e.g. "GEMM f64".</param>
/// <param name="Shape">The operand shapes, e.g. "2000×2000 · 2000×2000".</param>
/// <param name="Flops">Floating-point operations of one run, for GFLOP/s; 0 where the count depends on the algorithm (distances, k-nearest).</param>
/// <param name="Prepare">
/// Builds the inputs for a backend, outside the timing, and returns the work to time. The work may be run many
/// times and must leave its inputs as it found them (an in-place factorization copies its input first).
/// </param>
public sealed record KernelCase(string Id, string Kernel, string Shape, double Flops, Func<IComputeBackend, Action> Prepare);
