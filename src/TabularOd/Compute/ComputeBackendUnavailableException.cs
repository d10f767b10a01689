namespace TabularOd.Compute;

/// <summary>
/// <c>TABOD_BACKEND</c> (or <see cref="ComputeBackends.Get"/>) asked for a backend that is unknown or cannot be
/// loaded here. A configuration mistake, not a defect: the message names the variable, the value and the choices.
/// </summary>
public sealed class ComputeBackendUnavailableException(string message, Exception? inner = null)
    : InvalidOperationException(message, inner);
