namespace TabularOd.Compute;

/// <summary>A chosen backend and a short account of why it was chosen.</summary>
/// <param name="Backend">The backend.</param>
/// <param name="Description">e.g. "managed (TABOD_BACKEND=managed)".</param>
public sealed record ComputeBackendSelection(IComputeBackend Backend, string Description);
