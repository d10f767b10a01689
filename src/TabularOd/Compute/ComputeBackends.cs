using TabularOd.Compute.Managed;

namespace TabularOd.Compute;

// PLACEHOLDER: replaced by run-time backend discovery (TABOD_BACKEND, OpenBLAS when it loads).
public static class ComputeBackends
{
    public static IComputeBackend Default => ManagedBackend.Instance;

    public static IReadOnlyList<IComputeBackend> Available => [ManagedBackend.Instance];
}
