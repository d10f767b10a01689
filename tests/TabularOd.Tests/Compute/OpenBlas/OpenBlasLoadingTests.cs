using TabularOd.Compute;
using TabularOd.Compute.Managed;
using TabularOd.Compute.OpenBlas;

namespace TabularOd.Tests.Compute.OpenBlas;

public class OpenBlasLoadingTests
{
    [OpenBlasFact]
    public void LoadsBySonameAndDescribesItself()
    {
        Assert.True(OpenBlasBackend.TryLoad(out var backend, out string status));
        Assert.EndsWith(" loaded", status);
        Assert.Equal("openblas", backend.Name);
        Assert.Contains("OpenBLAS", backend.Description);
        Assert.Contains("thread", backend.Description);
        Assert.DoesNotContain("/", backend.Description);
    }

    [OpenBlasFact]
    public void LoadingTwiceGivesTheSameInstance()
    {
        OpenBlasBackend.TryLoad(out var first, out _);
        OpenBlasBackend.TryLoad(out var second, out _);
        Assert.Same(first, second);
    }

    [OpenBlasFact]
    public void AvailableListsManagedFirstThenOpenBlas()
    {
        Assert.Equal(["managed", "openblas"], ComputeBackends.Available.Select(b => b.Name));
    }

    [Fact]
    public void ManagedIsAlwaysAvailable()
    {
        Assert.Same(ManagedBackend.Instance, ComputeBackends.Available[0]);
        Assert.Same(ManagedBackend.Instance, ComputeBackends.Get("managed"));
    }

    [OpenBlasFact]
    public void GetIsCaseInsensitive()
    {
        Assert.Same(Blas.Backend, ComputeBackends.Get("OpenBLAS"));
        Assert.Same(Blas.Backend, ComputeBackends.Get(" openblas "));
    }

    [Fact]
    public void GetRejectsUnknownNames()
    {
        var e = Assert.Throws<ArgumentException>(() => ComputeBackends.Get("cuda"));
        Assert.Contains("'cuda'", e.Message);
        Assert.Contains("managed", e.Message);
    }

    [Fact]
    public void AMissingLibraryIsReportedWithTheNamesTried()
    {
        var (native, status) = OpenBlasNative.Load(["libtabod-no-such-blas.so.0", "libtabod-no-such-blas.so"]);
        Assert.Null(native);
        Assert.Contains("libtabod-no-such-blas.so.0, libtabod-no-such-blas.so", status);
        Assert.Contains("libopenblas0", status);
    }

    [Fact]
    public void ALibraryWithoutTheSymbolsIsRejectedAtLoadTime()
    {
        // The C maths library loads everywhere glibc does, and exports no BLAS.
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        var (native, status) = OpenBlasNative.Load(["libm.so.6"]);
        Assert.Null(native);
        Assert.Equal("libm.so.6 was found but it does not export 'cblas_sgemm'", status);
    }
}
