using System.CommandLine;
using System.Globalization;
using TabularOd.Benchmarking.Kernels;
using TabularOd.Compute;

namespace TabularOd.Cli.Commands;

/// <summary>
/// <c>tabod bench-kernels [--backend NAME|all] [--repeat N] [--json FILE]</c>: times the compute kernels
/// (distances, k-nearest neighbours, GEMM, Cholesky) on each backend and prints a table; with <c>--json</c>
/// also writes the results for scripts (benchmarks/peers/compute.py compares them with NumPy and scikit-learn).
/// </summary>
public static class BenchKernelsCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console)
    {
        var backend = new Option<string>("--backend")
        {
            Description = $"The backend to time: {string.Join(", ", ComputeBackends.Names)}, or 'all' for every one that loads here.",
            DefaultValueFactory = _ => "all",
            HelpName = "NAME|all",
        };
        var repeat = new Option<int>("--repeat")
        {
            Description = "Timed runs per kernel after one warm-up run; the best is reported.",
            DefaultValueFactory = _ => 3,
            HelpName = "N",
        };
        // Validators see the raw token: one that does not parse is already a parse error of its own.
        repeat.Validators.Add(result =>
        {
            if (result.Tokens is [var token] && int.TryParse(token.Value, CultureInfo.InvariantCulture, out int value) && value < 1)
            {
                result.AddError("--repeat must be at least 1.");
            }
        });
        var json = new Option<string?>("--json") { Description = "Also write the results as JSON to this file (replaced if it exists).", HelpName = "FILE" };
        // Shrinks every shape (0 < scale ≤ 1) so tests can run the command in milliseconds; not for measuring.
        var scale = new Option<double>("--scale") { Hidden = true, DefaultValueFactory = _ => 1.0 };
        scale.Validators.Add(result =>
        {
            if (result.Tokens is [var token] && double.TryParse(token.Value, CultureInfo.InvariantCulture, out double value) && !(value > 0 && value <= 1))
            {
                result.AddError("--scale must be in (0, 1].");
            }
        });

        var command = new Command("bench-kernels", "Time the compute kernels (distances, kNN, GEMM, Cholesky) on each backend.")
        {
            backend, repeat, json, scale,
        };
        command.SetAction(parsed => Run(console, parsed.GetValue(backend)!, parsed.GetValue(repeat), parsed.GetValue(json), parsed.GetValue(scale)));
        return command;
    }

    private static int Run(CliConsole console, string backendName, int repeat, string? jsonPath, double scale)
    {
        IReadOnlyList<IComputeBackend> backends;
        if (backendName.Trim().Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            backends = ComputeBackends.Available;
        }
        else
        {
            try
            {
                backends = [ComputeBackends.Get(backendName)];
            }
            catch (ArgumentException)
            {
                throw new UsageException($"unknown backend '{backendName}'; use one of {string.Join(", ", ComputeBackends.Names)}, or all.");
            }
            catch (ComputeBackendUnavailableException e)
            {
                // Known but not loadable here (OpenBLAS not installed): the machine's problem, not the command line's.
                console.Fail(e.Message);
                return ExitCodes.Failure;
            }
        }

        var cases = KernelCases.Standard(scale);
        console.Out.WriteLine($"Timing {cases.Count} kernels on {string.Join(", ", backends.Select(b => b.Name))}: one warm-up, then best of {repeat}.");
        // A spinner naming the kernel on a terminal; redirected output (a script, a test) gets only the results.
        var report = console.Out.Profile.Capabilities.Interactive
            ? console.Out.Status().Start("Timing…", status => KernelBenchmark.Run(cases, backends, repeat, scale,
                (kernelCase, backend) => status.Status(Markup.Escape($"{backend.Name}: {kernelCase.Kernel} {kernelCase.Shape}"))))
            : KernelBenchmark.Run(cases, backends, repeat, scale);

        var table = new Table().AddColumns("kernel", "shape", "backend", "best ms", "median ms", "GFLOP/s");
        foreach (var column in table.Columns.Skip(3))
        {
            column.RightAligned();
        }
        var order = cases.Select((c, i) => (c.Id, i)).ToDictionary(p => p.Id, p => p.i);
        // Kernel by kernel, so the backends of one kernel sit next to each other.
        foreach (var timing in report.Timings.OrderBy(t => order[t.Id]).ThenBy(t => t.Backend, StringComparer.Ordinal))
        {
            table.AddRow(Markup.Escape(timing.Kernel), Markup.Escape(timing.Shape), timing.Backend,
                Milliseconds(timing.BestMilliseconds), Milliseconds(timing.MedianMilliseconds),
                timing.GflopsPerSecond is { } gflops ? gflops.ToString("0.0", CultureInfo.InvariantCulture) : "—");
        }
        console.Out.Write(table);
        foreach (var info in report.Backends)
        {
            console.Out.WriteLine(info.Description.StartsWith(info.Name + ":", StringComparison.Ordinal) ? info.Description : $"{info.Name}: {info.Description}");
        }
        if (jsonPath is not null)
        {
            report.WriteJson(jsonPath);
            console.Out.WriteLine($"wrote {jsonPath}");
        }
        return ExitCodes.Ok;
    }

    private static string Milliseconds(double value) =>
        value.ToString(value < 10 ? "0.000" : "0.0", CultureInfo.InvariantCulture);
}
