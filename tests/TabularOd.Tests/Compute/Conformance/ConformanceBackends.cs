using TabularOd.Compute;

namespace TabularOd.Tests.Compute.Conformance;

/// <summary>
/// The backends the conformance suite runs against: every one <see cref="ComputeBackends.Available"/> lists
/// in this process (managed always; OpenBLAS when libopenblas0 is installed). Theories take the backend's
/// name rather than the instance so each test case is named after the backend it checks.
/// </summary>
public static class ConformanceBackends
{
    /// <summary>One theory row per available backend.</summary>
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var backend in ComputeBackends.Available)
        {
            data.Add(backend.Name);
        }
        return data;
    }

    /// <summary>The available backend called <paramref name="name"/>.</summary>
    public static IComputeBackend Get(string name) => ComputeBackends.Available.Single(b => b.Name == name);
}
