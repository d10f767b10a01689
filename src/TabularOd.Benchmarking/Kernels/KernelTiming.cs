namespace TabularOd.Benchmarking.Kernels;

/// <summary>The timing of one <see cref="KernelCase"/> on one backend: best and median of the timed runs after a warm-up.</summary>
/// <param name="Id">The case's <see cref="KernelCase.Id"/>.</param>
/// <param name="Kernel">The case's <see cref="KernelCase.Kernel"/>.</param>
/// <param name="Shape">The case's <see cref="KernelCase.Shape"/>.</param>
/// <param name="Backend">The backend's name.</param>
/// <param name="Runs">Timed runs (the warm-up is not counted).</param>
/// <param name="BestMilliseconds">The fastest run: the least disturbed by the rest of the machine.</param>
/// <param name="MedianMilliseconds">The median run.</param>
/// <param name="GflopsPerSecond">Flops over the best time, or null when the case has no flop count.</param>
public sealed record KernelTiming(string Id, string Kernel, string Shape, string Backend, int Runs,
    double BestMilliseconds, double MedianMilliseconds, double? GflopsPerSecond);
