using System.CommandLine;
using System.Numerics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using TabularOd.Compute;

namespace TabularOd.Cli.Commands;

/// <summary>
/// <c>tabod info</c>: what this installation computes with — version, runtime, OS, cores, SIMD width, the
/// selected compute backend (and why), and every backend that loads here. The first thing to attach to a
/// performance report or a bug.
/// </summary>
public static class InfoCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console)
    {
        var command = new Command("info", "Show the version, runtime, CPU features and the compute backend in use.");
        command.SetAction(_ => Run(console, () => (ComputeBackends.Default, ComputeBackends.Selection), () => ComputeBackends.Available));
        return command;
    }

    /// <summary>
    /// Prints the report. The backend sources are parameters so that tests can show a failed selection without
    /// touching the process-wide, cached default.
    /// </summary>
    internal static int Run(CliConsole console, Func<(IComputeBackend Backend, string Selection)> selected,
        Func<IReadOnlyList<IComputeBackend>> available)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        void Row(string key, string value) => grid.AddRow(new Text(key), new Text(value));

        Row("tabod", Version());
        Row("runtime", $"{RuntimeInformation.FrameworkDescription} ({RuntimeInformation.RuntimeIdentifier})");
        Row("os", $"{RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture})");
        Row("cores", Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Row("simd", Simd());

        string? failure = null;
        try
        {
            var (backend, selection) = selected();
            Row("backend", selection);
            Row("backend details", backend.Description);
        }
        catch (ComputeBackendUnavailableException e)
        {
            failure = e.Message;
            Row("backend", $"none: {e.Message}");
        }
        Row("available backends", string.Join(", ", available().Select(b => b.Name)));
        console.Out.Write(grid);

        if (failure is not null)
        {
            console.Fail(failure);
            return ExitCodes.Failure;
        }
        return ExitCodes.Ok;
    }

    private static string Version()
    {
        var assembly = typeof(InfoCommand).Assembly;
        return assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "unknown";
    }

    private static string Simd()
    {
        // The widest vectors the JIT accelerates decide how the managed kernels run; Vector<T> is their default width.
        static string Accelerated(bool yes) => yes ? "hardware accelerated" : "not accelerated";
        return $"Vector512 {Accelerated(Vector512.IsHardwareAccelerated)}, Vector256 {Accelerated(Vector256.IsHardwareAccelerated)}, "
            + $"Vector<T> {Vector<byte>.Count * 8} bits";
    }
}
