namespace TabularOd.Tests.Compute.Conformance;

/// <summary>Tests that change process-wide thread settings (the OpenBLAS pool) run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ThreadCountCollection
{
    public const string Name = "Compute thread count";
}
