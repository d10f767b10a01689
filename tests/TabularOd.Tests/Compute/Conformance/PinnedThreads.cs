using System.Numerics;
using System.Runtime.InteropServices;
using TabularOd.Compute;
using TabularOd.Compute.Managed;
using TabularOd.Compute.OpenBlas;

namespace TabularOd.Tests.Compute.Conformance;

/// <summary>
/// The kernels at a chosen thread count. The interface has no knob, so this goes through the library's
/// internal degree-of-parallelism overloads (the managed and OpenBLAS GEMM drivers, the distance tiles and the
/// k-nearest search that every <see cref="ComputeBackendBase"/> backend uses) and, for OpenBLAS, through the size
/// of its own thread pool.
/// </summary>
public static class PinnedThreads
{
    /// <summary>GEMM with its blocks spread over at most <paramref name="threads"/> threads (as the backend chooses for a backend without that knob).</summary>
    public static void Gemm<T>(IComputeBackend backend, int threads, MatrixTranspose ta, MatrixTranspose tb, int m, int n, int k,
        T alpha, T[] a, int lda, T[] b, int ldb, T beta, T[] c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (backend is ManagedBackend)
        {
            ManagedGemm.Gemm(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, threads, vectorBits: 0);
        }
        else if (backend is OpenBlasBackend openBlas)
        {
            openBlas.Gemm(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, threads);
        }
        else
        {
            backend.Gemm(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        }
    }

    /// <summary>Squared distances with their tiles spread over at most <paramref name="threads"/> threads.</summary>
    public static void SquaredDistances<T>(IComputeBackend backend, int threads, T[] x, int n, T[] y, int m, int d, T[] result)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        SquaredDistanceTiles.Compute(backend, x, n, y, m, d, result, threads);

    /// <summary>The symmetric squared distances with their tiles spread over at most <paramref name="threads"/> threads.</summary>
    public static void SquaredDistances<T>(IComputeBackend backend, int threads, T[] x, int n, int d, T[] result)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        SquaredDistanceTiles.ComputeSymmetric(backend, x, n, d, result, threads);

    /// <summary>k-nearest search with its query blocks spread over at most <paramref name="threads"/> threads.</summary>
    public static NeighborResult<T> KNearest<T>(IComputeBackend backend, int threads, T[] reference, int n, T[] queries, int q, int d, int k)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        KNearestSearch.Search(backend, reference, n, queries, q, d, k, threads);

    /// <summary>Self k-nearest search with its query blocks spread over at most <paramref name="threads"/> threads.</summary>
    public static NeighborResult<T> KNearest<T>(IComputeBackend backend, int threads, T[] x, int n, int d, int k, bool excludeSelf)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        KNearestSearch.SearchSelf(backend, x, n, d, k, excludeSelf, threads);

    /// <summary>Runs <paramref name="work"/> with OpenBLAS's thread pool set to <paramref name="threads"/>, then restores it.</summary>
    public static TResult WithOpenBlasPool<TResult>(int threads, Func<TResult> work)
    {
        var (set, get) = OpenBlasPoolControls();
        int before = get();
        set(threads);
        try
        {
            return work();
        }
        finally
        {
            set(before);
        }
    }

    private static (SetThreads Set, GetThreads Get) OpenBlasPoolControls()
    {
        // The same soname the backend loaded: the loader hands back the library already in the process.
        foreach (string name in OpenBlasNative.LibraryNames)
        {
            if (NativeLibrary.TryLoad(name, out nint handle)
                && NativeLibrary.TryGetExport(handle, "openblas_set_num_threads", out nint setter)
                && NativeLibrary.TryGetExport(handle, "openblas_get_num_threads", out nint getter))
            {
                return (Marshal.GetDelegateForFunctionPointer<SetThreads>(setter), Marshal.GetDelegateForFunctionPointer<GetThreads>(getter));
            }
        }
        throw new InvalidOperationException("The openblas backend is available but openblas_set_num_threads could not be found.");
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void SetThreads(int threads);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int GetThreads();
}
