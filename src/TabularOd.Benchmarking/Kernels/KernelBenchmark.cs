using System.Diagnostics;
using TabularOd.Compute;

namespace TabularOd.Benchmarking.Kernels;

/// <summary>
/// Times kernel cases the way the peer script times NumPy: inputs built first, one untimed warm-up run (JIT,
/// page faults, thread-pool and OpenBLAS thread start-up), then the best of N runs.
/// </summary>
public static class KernelBenchmark
{
    /// <summary>Times <paramref name="kernelCase"/> on <paramref name="backend"/>: a warm-up, then <paramref name="repeat"/> timed runs.</summary>
    public static KernelTiming Time(KernelCase kernelCase, IComputeBackend backend, int repeat)
    {
        ArgumentNullException.ThrowIfNull(kernelCase);
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentOutOfRangeException.ThrowIfLessThan(repeat, 1);
        var run = kernelCase.Prepare(backend);
        run();
        // Input building and the warm-up leave garbage; collecting it now keeps a collection out of the timed runs.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var milliseconds = new double[repeat];
        for (int i = 0; i < repeat; i++)
        {
            long start = Stopwatch.GetTimestamp();
            run();
            milliseconds[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(milliseconds);
        double best = milliseconds[0];
        double median = repeat % 2 == 1 ? milliseconds[repeat / 2] : (milliseconds[repeat / 2 - 1] + milliseconds[repeat / 2]) / 2;
        double? gflops = kernelCase.Flops > 0 && best > 0 ? kernelCase.Flops / (best * 1e6) : null;
        return new KernelTiming(kernelCase.Id, kernelCase.Kernel, kernelCase.Shape, backend.Name, repeat, best, median, gflops);
    }

    /// <summary>
    /// Times every case on every backend, backend by backend, telling <paramref name="starting"/> before each
    /// case (so a run of a minute or more can show where it is).
    /// </summary>
    public static KernelBenchmarkReport Run(IReadOnlyList<KernelCase> cases, IReadOnlyList<IComputeBackend> backends, int repeat,
        double scale, Action<KernelCase, IComputeBackend>? starting = null)
    {
        var timings = new List<KernelTiming>();
        foreach (var backend in backends)
        {
            foreach (var kernelCase in cases)
            {
                starting?.Invoke(kernelCase, backend);
                timings.Add(Time(kernelCase, backend, repeat));
            }
        }
        return new KernelBenchmarkReport(
            repeat, scale, Environment.ProcessorCount,
            backends.Select(b => new KernelBackendInfo(b.Name, b.Description)).ToArray(),
            timings);
    }
}
