using System.Runtime.InteropServices;
using TabularOd.Compute;
using TabularOd.Compute.OpenBlas;

namespace TabularOd.Tests.Compute.Conformance;

/// <summary>
/// The conformance suite is only as good as the list of backends it runs over: the managed backend is always
/// there, and OpenBLAS is there whenever its library loads (so a discovery slip cannot silently skip it).
/// </summary>
public class BackendDiscoveryTests
{
    [Fact]
    public void ManagedIsAlwaysAvailable() => Assert.Contains(ComputeBackends.Available, b => b.Name == "managed");

    [Fact]
    public void OpenBlasIsAvailableWhenItsLibraryLoads()
    {
        bool loads = OpenBlasNative.LibraryNames.Any(name => NativeLibrary.TryLoad(name, out _));
        Assert.Equal(loads, ComputeBackends.Available.Any(b => b.Name == "openblas"));
    }

    [Fact]
    public void BackendNamesAreDistinctAndDescribed()
    {
        var names = ComputeBackends.Available.Select(b => b.Name).ToArray();
        Assert.Equal(names.Length, names.Distinct().Count());
        Assert.All(ComputeBackends.Available, b => Assert.False(string.IsNullOrWhiteSpace(b.Description)));
    }
}
