using System.Numerics;
using System.Runtime.InteropServices;
using TabularOd.Compute;
using TabularOd.Sampling;

namespace TabularOd.Tests.Compute.Conformance;

/// <summary>
/// The interface promises the same bits whatever the thread count. GEMM, distances and k-nearest neighbours
/// run twice at the default and on 1 and 3 threads (see <see cref="PinnedThreads"/>); for OpenBLAS also
/// after its own pool has been resized to 1 and 3 threads behind the backend's back (as another library in the
/// process, or OPENBLAS_NUM_THREADS, might). Every result must be bit-identical to the default run's.
/// </summary>
[Collection(ThreadCountCollection.Name)]
public class DeterminismConformanceTests
{
    private static readonly int[] Threads = [1, 3];

    [Theory]
    [MemberData(nameof(ConformanceBackends.Names), MemberType = typeof(ConformanceBackends))]
    public void GemmIsBitIdenticalAcrossThreadCounts(string backend)
    {
        var compute = ConformanceBackends.Get(backend);
        SameAcrossThreads<double>(backend, "Gemm<Double> NT 333×301×257", (threads, random) => Gemm<double>(compute, threads, random, MatrixTranspose.None, MatrixTranspose.Transpose));
        SameAcrossThreads<float>(backend, "Gemm<Single> TN 333×301×257", (threads, random) => Gemm<float>(compute, threads, random, MatrixTranspose.Transpose, MatrixTranspose.None));
    }

    [Theory]
    [MemberData(nameof(ConformanceBackends.Names), MemberType = typeof(ConformanceBackends))]
    public void SquaredDistancesAreBitIdenticalAcrossThreadCounts(string backend)
    {
        foreach (var (what, run) in DistanceRuns(ConformanceBackends.Get(backend)))
        {
            SameAcrossThreads(backend, what, run);
        }
    }

    [Theory]
    [MemberData(nameof(ConformanceBackends.Names), MemberType = typeof(ConformanceBackends))]
    public void KNearestIsBitIdenticalAcrossThreadCounts(string backend)
    {
        foreach (var (what, run) in NeighborRuns(ConformanceBackends.Get(backend)))
        {
            SameAcrossThreads(backend, what, run);
        }
    }

    [Fact]
    public void OpenBlasPoolSizeDoesNotChangeGemmDistancesOrNeighbors()
    {
        var compute = ComputeBackends.Available.FirstOrDefault(b => b.Name == "openblas");
        if (compute is null)
        {
            return; // Nothing to check where OpenBLAS is not installed; BackendDiscoveryTests covers its detection.
        }
        var runs = new List<(string, Func<int, SeededRandom, double[]>)>
        {
            ("Gemm<Double> NT 333×301×257", (_, random) => Gemm<double>(compute, 0, random, MatrixTranspose.None, MatrixTranspose.Transpose)),
            ("Gemm<Single> TN 333×301×257", (_, random) => Gemm<float>(compute, 0, random, MatrixTranspose.Transpose, MatrixTranspose.None).Select(v => (double)v).ToArray()),
        };
        runs.AddRange(DistanceRuns(compute));
        runs.AddRange(NeighborRuns(compute));
        var failures = new List<string>();
        foreach (var (what, run) in runs)
        {
            var baseline = run(0, TestMatrices.Random(what.Length));
            foreach (int pool in new[] { 1, 3 })
            {
                var pinned = PinnedThreads.WithOpenBlasPool(pool, () => run(0, TestMatrices.Random(what.Length)));
                if (Difference(baseline, pinned) is { } difference)
                {
                    failures.Add($"openblas {what}: OpenBLAS pool of {pool} against the default: {difference}");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static IEnumerable<(string What, Func<int, SeededRandom, double[]> Run)> DistanceRuns(IComputeBackend compute)
    {
        yield return ("SquaredDistances<Double>(x, y) 700×450, d=40", (threads, random) => Distances<double>(compute, threads, random, 700, 450, 40));
        yield return ("SquaredDistances<Double>(x) 650, d=24", (threads, random) => SelfDistances<double>(compute, threads, random, 650, 24));
        // Widening float to double is exact, so comparing the widened values compares the float bits.
        yield return ("SquaredDistances<Single>(x, y) 700×450, d=40", (threads, random) =>
            Distances<float>(compute, threads, random, 700, 450, 40).Select(v => (double)v).ToArray());
        yield return ("SquaredDistances<Single>(x) 650, d=24", (threads, random) =>
            SelfDistances<float>(compute, threads, random, 650, 24).Select(v => (double)v).ToArray());
    }

    private static IEnumerable<(string What, Func<int, SeededRandom, double[]> Run)> NeighborRuns(IComputeBackend compute)
    {
        yield return ("KNearest<Double>(x, excludeSelf) n=1000 d=12 k=10", (threads, random) =>
        {
            var x = TestMatrices.Uniform<double>(random, 1000 * 12);
            var result = threads == 0 ? compute.KNearest<double>(x, 1000, 12, 10, excludeSelf: true)
                : PinnedThreads.KNearest(compute, threads, x, 1000, 12, 10, excludeSelf: true);
            return Flatten(result);
        });
        yield return ("KNearest<Double>(reference, queries) n=900 q=600 d=20 k=15", (threads, random) =>
        {
            var reference = TestMatrices.Uniform<double>(random, 900 * 20);
            var queries = TestMatrices.Uniform<double>(random, 600 * 20);
            var result = threads == 0 ? compute.KNearest<double>(reference, 900, queries, 600, 20, 15)
                : PinnedThreads.KNearest(compute, threads, reference, 900, queries, 600, 20, 15);
            return Flatten(result);
        });
    }

    /// <summary>
    /// Runs <paramref name="run"/> from the same seed twice at the default (thread count 0 means the public
    /// interface) and once per pinned thread count; all outputs must match the first bit for bit.
    /// </summary>
    private static void SameAcrossThreads<T>(string backendName, string what, Func<int, SeededRandom, T[]> run)
        where T : unmanaged, IEquatable<T>
    {
        var baseline = run(0, TestMatrices.Random(what.Length));
        var failures = new List<string>();
        if (Difference(baseline, run(0, TestMatrices.Random(what.Length))) is { } repeat)
        {
            failures.Add($"{backendName} {what}: two runs at the default thread count: {repeat}");
        }
        foreach (int threads in Threads)
        {
            if (Difference(baseline, run(threads, TestMatrices.Random(what.Length))) is { } difference)
            {
                failures.Add($"{backendName} {what}: {threads} thread(s) against the default: {difference}");
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static string? Difference<T>(T[] expected, T[] actual)
        where T : unmanaged, IEquatable<T>
    {
        if (expected.Length != actual.Length)
        {
            return $"{actual.Length} values, expected {expected.Length}";
        }
        if (MemoryMarshal.AsBytes(expected.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(actual.AsSpan())))
        {
            return null;
        }
        int first = Enumerable.Range(0, expected.Length).First(i => !expected[i].Equals(actual[i]));
        int count = Enumerable.Range(0, expected.Length).Count(i => !expected[i].Equals(actual[i]));
        return $"{count} of {expected.Length} values differ, first at [{first}] ({expected[first]} vs {actual[first]})";
    }

    private static T[] Gemm<T>(IComputeBackend backend, int threads, SeededRandom random, MatrixTranspose ta, MatrixTranspose tb)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int m = 333, n = 301, k = 257;
        var a = TestMatrices.Uniform<T>(random, m * k);
        var b = TestMatrices.Uniform<T>(random, k * n);
        var c = TestMatrices.Uniform<T>(random, m * n);
        int lda = ta == MatrixTranspose.None ? k : m, ldb = tb == MatrixTranspose.None ? n : k;
        T alpha = T.CreateChecked(1.5), beta = T.CreateChecked(-0.5);
        if (threads == 0)
        {
            backend.Gemm(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, n);
        }
        else
        {
            PinnedThreads.Gemm(backend, threads, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, n);
        }
        return c;
    }

    private static T[] Distances<T>(IComputeBackend backend, int threads, SeededRandom random, int n, int m, int d)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = TestMatrices.Uniform<T>(random, n * d);
        var y = TestMatrices.Uniform<T>(random, m * d);
        var result = new T[n * m];
        if (threads == 0)
        {
            backend.SquaredDistances<T>(x, n, y, m, d, result);
        }
        else
        {
            PinnedThreads.SquaredDistances(backend, threads, x, n, y, m, d, result);
        }
        return result;
    }

    private static T[] SelfDistances<T>(IComputeBackend backend, int threads, SeededRandom random, int n, int d)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = TestMatrices.Uniform<T>(random, n * d);
        var result = new T[n * n];
        if (threads == 0)
        {
            backend.SquaredDistances<T>(x, n, d, result);
        }
        else
        {
            PinnedThreads.SquaredDistances(backend, threads, x, n, d, result);
        }
        return result;
    }

    /// <summary>Indices and distances in one array, so one bitwise comparison covers both.</summary>
    private static double[] Flatten(NeighborResult<double> result) => [.. result.Indices.Select(i => (double)i), .. result.Distances];
}
