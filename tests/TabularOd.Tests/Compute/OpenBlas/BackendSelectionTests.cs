using TabularOd.Compute;
using TabularOd.Compute.Managed;

namespace TabularOd.Tests.Compute.OpenBlas;

/// <summary>
/// The TABOD_BACKEND decision, through <see cref="ComputeBackends.Choose"/>: the process-wide default is cached
/// on first use, and setting the variable in a test would race with every other test that computes.
/// </summary>
public class BackendSelectionTests
{
    [OpenBlasTheory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void UnsetPicksOpenBlasWhenItLoads(string? value)
    {
        var selection = ComputeBackends.Choose(value);
        Assert.Same(Blas.Backend, selection.Backend);
        Assert.StartsWith("openblas (automatic: ", selection.Description);
        Assert.Contains("loaded", selection.Description);
    }

    [Theory]
    [InlineData("managed")]
    [InlineData("Managed")]
    [InlineData(" MANAGED ")]
    public void ManagedCanBeForced(string value)
    {
        var selection = ComputeBackends.Choose(value);
        Assert.Same(ManagedBackend.Instance, selection.Backend);
        Assert.Equal($"managed (TABOD_BACKEND={value.Trim()})", selection.Description);
    }

    [OpenBlasFact]
    public void OpenBlasCanBeForced()
    {
        var selection = ComputeBackends.Choose("openblas");
        Assert.Same(Blas.Backend, selection.Backend);
        Assert.Equal("openblas (TABOD_BACKEND=openblas)", selection.Description);
    }

    [Fact]
    public void AnUnknownValueNamesTheVariableAndTheValue()
    {
        var e = Assert.Throws<ComputeBackendUnavailableException>(() => ComputeBackends.Choose("blis"));
        Assert.Contains("TABOD_BACKEND=blis", e.Message);
        Assert.Contains("managed, openblas", e.Message);
        Assert.DoesNotContain("\n", e.Message);
    }

    [Fact]
    public void TheDefaultAgreesWithTheDecisionForTheProcessEnvironment()
    {
        var expected = ComputeBackends.Choose(Environment.GetEnvironmentVariable(ComputeBackends.EnvironmentVariable));
        Assert.Same(expected.Backend, ComputeBackends.Default);
        Assert.Equal(expected.Description, ComputeBackends.Selection);
    }
}
