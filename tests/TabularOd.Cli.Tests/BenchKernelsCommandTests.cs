using System.Text.Json;
using TabularOd.Cli.Tests.Support;
using TabularOd.Compute;
using TabularOd.Tests.Support;

namespace TabularOd.Cli.Tests;

/// <summary>
/// <c>tabod bench-kernels</c> at a tiny hidden <c>--scale</c>, so the whole list runs in well under a second:
/// the table and the JSON cover every kernel on every backend; bad options are usage errors.
/// </summary>
public class BenchKernelsCommandTests
{
    private static readonly string[] KernelIds = ["sqdist-f32", "sqdist-f64", "knn-f64", "gemm-f32", "gemm-f64", "cholesky-2000", "cholesky-5000"];

    private static readonly string[] KernelNames = ["squared distances f32", "squared distances f64", "kNN f64", "GEMM f32", "GEMM f64", "Cholesky factor + solve f64"];

    [Fact]
    public void TimesEveryKernelOnEveryBackendAndWritesJson()
    {
        string json = Path.Combine(TestPaths.NewTempFolder(), "kernels.json");
        var run = CliRun.Of("bench-kernels", "--scale", "0.01", "--repeat", "2", "--json", json);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error);
        Assert.Equal("", run.Error);
        foreach (string kernel in KernelNames)
        {
            Assert.Contains(kernel, run.Output);
        }
        var backends = ComputeBackends.Available.Select(b => b.Name).ToArray();
        foreach (string backend in backends)
        {
            Assert.Contains(backend, run.Output);
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(json));
        var root = document.RootElement;
        Assert.Equal(2, root.GetProperty("repeat").GetInt32());
        Assert.Equal(backends, root.GetProperty("backends").EnumerateArray().Select(b => b.GetProperty("name").GetString()));
        var results = root.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(KernelIds.Length * backends.Length, results.Length);
        foreach (string backend in backends)
        {
            var ids = results.Where(r => r.GetProperty("backend").GetString() == backend).Select(r => r.GetProperty("id").GetString());
            Assert.Equal(KernelIds, ids);
        }
        foreach (var result in results)
        {
            double best = result.GetProperty("best_ms").GetDouble(), median = result.GetProperty("median_ms").GetDouble();
            Assert.InRange(best, 0, median);
            Assert.Equal(2, result.GetProperty("runs").GetInt32());
            var gflops = result.GetProperty("gflops");
            bool counted = result.GetProperty("id").GetString()!.StartsWith("gemm", StringComparison.Ordinal)
                || result.GetProperty("id").GetString()!.StartsWith("cholesky", StringComparison.Ordinal);
            Assert.Equal(counted ? JsonValueKind.Number : JsonValueKind.Null, gflops.ValueKind);
        }
    }

    [Fact]
    public void OneBackendTimesOnlyThatBackend()
    {
        var run = CliRun.Of("bench-kernels", "--scale", "0.01", "--repeat", "1", "--backend", "managed");
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("managed", run.Output);
        Assert.DoesNotContain("│ openblas", run.Output);
    }

    [Theory]
    [InlineData("--backend", "nope")]
    [InlineData("--repeat", "0")]
    [InlineData("--repeat", "many")]
    [InlineData("--scale", "0")]
    [InlineData("--scale", "2")]
    public void BadOptionsAreUsageErrorsInOneLine(string option, string value)
    {
        var run = CliRun.Of("bench-kernels", option, value);
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.StartsWith("error: ", run.ErrorLines[0]);
        Assert.Contains(value == "nope" ? "'nope'" : option, run.ErrorLines[0]);
        Assert.DoesNotContain("   at ", run.Error);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void HelpListsTheOptionsButNotTheTestScale()
    {
        var run = CliRun.Of("bench-kernels", "--help");
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        foreach (string option in new[] { "--backend", "--repeat", "--json" })
        {
            Assert.Contains(option, run.Output);
        }
        Assert.DoesNotContain("--scale", run.Output);
    }
}
