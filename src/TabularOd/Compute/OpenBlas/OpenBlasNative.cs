using System.Runtime.InteropServices;

namespace TabularOd.Compute.OpenBlas;

/// <summary>
/// The entry points of a loaded OpenBLAS: CBLAS for GEMM, LAPACK through its Fortran symbols (Debian's build
/// exports no LAPACKE), and the OpenBLAS introspection calls. Loaded once per process and never unloaded,
/// because OpenBLAS keeps worker threads alive that would outlive an unload.
/// </summary>
/// <remarks>
/// Fortran routines take every argument by reference and, when compiled by gfortran, one hidden
/// <c>size_t</c> length per character argument after the visible ones. OpenBLAS's own C re-implementations
/// (<c>dpotrf_</c>, <c>dgetrf_</c>, …) ignore them, but the reference-LAPACK routines it bundles
/// (<c>dgesdd_</c>, <c>dsyevd_</c>, <c>dpotrs_</c>) may read them, so they are always passed.
/// Function pointers rather than <c>[LibraryImport]</c>: the library name is only known after probing, and
/// every symbol is resolved up front so that a partial library is rejected at load time, not mid-run.
/// <para>
/// OpenBLAS's own thread pool is kept at one thread (<see cref="EnsureSingleThreaded"/>): how its threads split
/// a GEMM depends on the pool size and changes the rounding, so the backend parallelises over fixed blocks
/// itself and results stay bit-identical whatever the core count.
/// </para>
/// </remarks>
internal sealed unsafe class OpenBlasNative
{
    internal const int RowMajor = 101;
    internal const int NoTrans = 111;
    internal const int Trans = 112;
    internal const int Right = 142;
    internal const int Lower = 122;
    internal const int NonUnit = 131;

    /// <summary>The sonames probed, most specific first; resolved by the system loader's own search path.</summary>
    internal static readonly string[] LibraryNames = OperatingSystem.IsWindows() ? ["libopenblas.dll", "openblas.dll"]
        : OperatingSystem.IsMacOS() ? ["libopenblas.0.dylib", "libopenblas.dylib"]
        : ["libopenblas.so.0", "libopenblas.so"];

    private static readonly Lazy<(OpenBlasNative? Native, string Status)> Loaded = new(() => Load(LibraryNames));

    private OpenBlasNative(string libraryName, nint handle)
    {
        LibraryName = libraryName;
        Sgemm = (delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void>)Export(handle, "cblas_sgemm");
        Dgemm = (delegate* unmanaged<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void>)Export(handle, "cblas_dgemm");
        Dtrsm = (delegate* unmanaged<int, int, int, int, int, int, int, double, double*, int, double*, int, void>)Export(handle, "cblas_dtrsm");
        Dpotrf = (delegate* unmanaged<byte*, int*, double*, int*, int*, nuint, void>)Export(handle, "dpotrf_");
        Dpotrs = (delegate* unmanaged<byte*, int*, int*, double*, int*, double*, int*, int*, nuint, void>)Export(handle, "dpotrs_");
        Dpotri = (delegate* unmanaged<byte*, int*, double*, int*, int*, nuint, void>)Export(handle, "dpotri_");
        Dgesdd = (delegate* unmanaged<byte*, int*, int*, double*, int*, double*, double*, int*, double*, int*, double*, int*, int*, int*, nuint, void>)Export(handle, "dgesdd_");
        Dsyevd = (delegate* unmanaged<byte*, byte*, int*, double*, int*, double*, double*, int*, int*, int*, int*, nuint, nuint, void>)Export(handle, "dsyevd_");
        Dgetrf = (delegate* unmanaged<int*, int*, double*, int*, int*, int*, void>)Export(handle, "dgetrf_");
        Dgetrs = (delegate* unmanaged<byte*, int*, int*, double*, int*, int*, double*, int*, int*, nuint, void>)Export(handle, "dgetrs_");
        GetConfig = (delegate* unmanaged<byte*>)Export(handle, "openblas_get_config");
        GetNumThreads = (delegate* unmanaged<int>)Export(handle, "openblas_get_num_threads");
        SetNumThreads = (delegate* unmanaged<int, void>)Export(handle, "openblas_set_num_threads");
    }

    /// <summary>The name the library was loaded by.</summary>
    internal string LibraryName { get; }

    internal delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void> Sgemm { get; }

    internal delegate* unmanaged<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void> Dgemm { get; }

    /// <summary>cblas_dtrsm(order, side, uplo, transA, diag, m, n, alpha, a, lda, b, ldb).</summary>
    internal delegate* unmanaged<int, int, int, int, int, int, int, double, double*, int, double*, int, void> Dtrsm { get; }

    /// <summary>dpotrf_(uplo, n, a, lda, info, len(uplo)).</summary>
    internal delegate* unmanaged<byte*, int*, double*, int*, int*, nuint, void> Dpotrf { get; }

    /// <summary>dpotrs_(uplo, n, nrhs, a, lda, b, ldb, info, len(uplo)).</summary>
    internal delegate* unmanaged<byte*, int*, int*, double*, int*, double*, int*, int*, nuint, void> Dpotrs { get; }

    /// <summary>dpotri_(uplo, n, a, lda, info, len(uplo)).</summary>
    internal delegate* unmanaged<byte*, int*, double*, int*, int*, nuint, void> Dpotri { get; }

    /// <summary>dgesdd_(jobz, m, n, a, lda, s, u, ldu, vt, ldvt, work, lwork, iwork, info, len(jobz)).</summary>
    internal delegate* unmanaged<byte*, int*, int*, double*, int*, double*, double*, int*, double*, int*, double*, int*, int*, int*, nuint, void> Dgesdd { get; }

    /// <summary>dsyevd_(jobz, uplo, n, a, lda, w, work, lwork, iwork, liwork, info, len(jobz), len(uplo)).</summary>
    internal delegate* unmanaged<byte*, byte*, int*, double*, int*, double*, double*, int*, int*, int*, int*, nuint, nuint, void> Dsyevd { get; }

    /// <summary>dgetrf_(m, n, a, lda, ipiv, info).</summary>
    internal delegate* unmanaged<int*, int*, double*, int*, int*, int*, void> Dgetrf { get; }

    /// <summary>dgetrs_(trans, n, nrhs, a, lda, ipiv, b, ldb, info, len(trans)).</summary>
    internal delegate* unmanaged<byte*, int*, int*, double*, int*, int*, double*, int*, int*, nuint, void> Dgetrs { get; }

    private delegate* unmanaged<byte*> GetConfig { get; }

    private delegate* unmanaged<int> GetNumThreads { get; }

    private delegate* unmanaged<int, void> SetNumThreads { get; }

    /// <summary>The build string, e.g. "OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64".</summary>
    internal string Config => Marshal.PtrToStringUTF8((nint)GetConfig())?.Trim() ?? "OpenBLAS";

    /// <summary>
    /// Puts OpenBLAS's pool back to one thread if anything in the process changed it. Called before every native
    /// call; reading the setting is a load of one global, so the check costs nothing measurable.
    /// </summary>
    internal void EnsureSingleThreaded()
    {
        if (GetNumThreads() != 1)
        {
            SetNumThreads(1);
        }
    }

    /// <summary>
    /// The process-wide library, or null with the reason it could not be loaded; the status is
    /// "libopenblas.so.0 loaded" on success.
    /// </summary>
    internal static OpenBlasNative? TryGet(out string status)
    {
        var (native, text) = Loaded.Value;
        status = text;
        return native;
    }

    /// <summary>Loads the first of <paramref name="names"/> that the system loader finds and that exports every symbol.</summary>
    internal static (OpenBlasNative? Native, string Status) Load(IReadOnlyList<string> names)
    {
        foreach (string name in names)
        {
            if (!NativeLibrary.TryLoad(name, out nint handle))
            {
                continue;
            }
            try
            {
                var native = new OpenBlasNative(name, handle);
                native.EnsureSingleThreaded();
                return (native, $"{name} loaded");
            }
            catch (EntryPointNotFoundException e)
            {
                // A BLAS-only build (or another library under the same name) lacks the LAPACK symbols.
                NativeLibrary.Free(handle);
                return (null, $"{name} was found but {e.Message}");
            }
        }
        return (null, $"none of {string.Join(", ", names)} could be loaded (on Debian: apt-get install libopenblas0)");
    }

    private static nint Export(nint handle, string symbol) =>
        NativeLibrary.TryGetExport(handle, symbol, out nint address)
            ? address
            : throw new EntryPointNotFoundException($"it does not export '{symbol}'");
}
