namespace TabularOd.Compute;

/// <summary>
/// The parallel loop every compute kernel uses: a <see cref="Parallel.For(int, int, ParallelOptions, Action{int})"/>
/// that marks its bodies as running inside a compute region, so a kernel called from one (a GEMM on one distance
/// tile, say) runs on its own thread instead of starting a second, nested level of tasks.
/// </summary>
/// <remarks>
/// This is the managed counterpart of a BLAS library checking <c>omp_in_parallel()</c>: the outer loop already
/// keeps every core busy, and nested loops would only add scheduling overhead. Which thread runs a body never
/// changes what it computes, so results stay bit-identical whatever the thread count.
/// </remarks>
internal static class ComputeParallelism
{
    [ThreadStatic]
    private static int depth;

    /// <summary>Threads a kernel uses when the caller does not say: one per processor.</summary>
    public static int DefaultDegree => Environment.ProcessorCount;

    /// <summary>Whether the current thread is running a body of a <see cref="For"/> loop.</summary>
    public static bool IsInsideRegion => depth > 0;

    /// <summary>
    /// Runs <paramref name="body"/> for 0 ≤ i &lt; <paramref name="count"/> on at most
    /// <paramref name="maxDegreeOfParallelism"/> threads, or inline on this thread when there is one item, one
    /// thread, or when this call is itself inside a region.
    /// </summary>
    public static void For(int count, int maxDegreeOfParallelism, Action<int> body)
    {
        if (count <= 0)
        {
            return;
        }
        if (count == 1 || maxDegreeOfParallelism <= 1 || IsInsideRegion)
        {
            depth++;
            try
            {
                for (int i = 0; i < count; i++)
                {
                    body(i);
                }
            }
            finally
            {
                depth--;
            }
            return;
        }
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, i =>
        {
            depth++;
            try
            {
                body(i);
            }
            finally
            {
                depth--;
            }
        });
    }
}
