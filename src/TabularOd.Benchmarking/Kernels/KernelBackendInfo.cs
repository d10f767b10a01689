namespace TabularOd.Benchmarking.Kernels;

/// <summary>A backend as a kernel report records it.</summary>
/// <param name="Name">The backend's name ("managed", "openblas").</param>
/// <param name="Description">The backend's one-line description (library, threads, SIMD width).</param>
public sealed record KernelBackendInfo(string Name, string Description);
