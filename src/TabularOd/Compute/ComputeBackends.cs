using TabularOd.Compute.Managed;
using TabularOd.Compute.OpenBlas;

namespace TabularOd.Compute;

/// <summary>
/// Finds the compute backends at run time and picks the default one: <c>TABOD_BACKEND</c> when set, otherwise
/// OpenBLAS when the system library loads, otherwise the managed backend.
/// </summary>
/// <remarks>
/// The choice is made once, on first use, and kept for the life of the process so that every detector in a run
/// computes with the same kernels. <see cref="Choose"/> is the same decision as a pure function of the
/// variable's value.
/// </remarks>
public static class ComputeBackends
{
    /// <summary>The environment variable that overrides the automatic choice.</summary>
    public const string EnvironmentVariable = "TABOD_BACKEND";

    private static readonly Lazy<ComputeBackendSelection> Selected =
        new(() => Choose(Environment.GetEnvironmentVariable(EnvironmentVariable)));

    private static readonly Lazy<IReadOnlyList<IComputeBackend>> Loadable = new(() =>
        OpenBlasBackend.TryLoad(out var openBlas, out _) ? [ManagedBackend.Instance, openBlas] : [ManagedBackend.Instance]);

    /// <summary>The names <see cref="Get"/> and <c>TABOD_BACKEND</c> accept.</summary>
    public static IReadOnlyList<string> Names { get; } = ["managed", "openblas"];

    /// <summary>
    /// The backend the library uses unless told otherwise. Throws <see cref="ComputeBackendUnavailableException"/>
    /// (every time) when <c>TABOD_BACKEND</c> names an unknown backend or one that cannot be loaded here.
    /// </summary>
    public static IComputeBackend Default => Selected.Value.Backend;

    /// <summary>How <see cref="Default"/> was chosen, e.g. "openblas (automatic: libopenblas.so.0 loaded)".</summary>
    public static string Selection => Selected.Value.Description;

    /// <summary>Every backend that loads in this process, the managed one first.</summary>
    public static IReadOnlyList<IComputeBackend> Available => Loadable.Value;

    /// <summary>
    /// The backend called <paramref name="name"/> (case-insensitive). Throws <see cref="ArgumentException"/> for an
    /// unknown name and <see cref="ComputeBackendUnavailableException"/> when the backend cannot be loaded here.
    /// </summary>
    public static IComputeBackend Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        switch (name.Trim().ToLowerInvariant())
        {
            case "managed":
                return ManagedBackend.Instance;
            case "openblas":
                return OpenBlasBackend.TryLoad(out var openBlas, out string status)
                    ? openBlas
                    : throw new ComputeBackendUnavailableException($"The openblas backend is not available: {status}.");
            default:
                throw new ArgumentException($"Unknown compute backend '{name}'; known: {string.Join(", ", Names)}.", nameof(name));
        }
    }

    /// <summary>
    /// The default-backend decision for a given value of <c>TABOD_BACKEND</c> (null or blank: automatic). Throws
    /// <see cref="ComputeBackendUnavailableException"/> naming the variable and its value when the value is unknown or
    /// names a backend that cannot be loaded.
    /// </summary>
    public static ComputeBackendSelection Choose(string? requested)
    {
        if (string.IsNullOrWhiteSpace(requested))
        {
            return OpenBlasBackend.TryLoad(out var openBlas, out string status)
                ? new ComputeBackendSelection(openBlas, $"openblas (automatic: {status})")
                : new ComputeBackendSelection(ManagedBackend.Instance, $"managed (automatic: OpenBLAS not loaded: {status})");
        }
        IComputeBackend backend;
        try
        {
            backend = Get(requested);
        }
        catch (ArgumentException)
        {
            throw new ComputeBackendUnavailableException(
                $"{EnvironmentVariable}={requested} is not a compute backend; use one of {string.Join(", ", Names)}, or unset {EnvironmentVariable} to choose automatically.");
        }
        catch (ComputeBackendUnavailableException e)
        {
            throw new ComputeBackendUnavailableException($"{EnvironmentVariable}={requested} asks for a backend that cannot be used here. {e.Message}", e);
        }
        return new ComputeBackendSelection(backend, $"{backend.Name} ({EnvironmentVariable}={requested.Trim()})");
    }
}
