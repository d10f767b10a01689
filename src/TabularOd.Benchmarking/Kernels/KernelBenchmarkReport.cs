using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TabularOd.Benchmarking.Kernels;

/// <summary>
/// Everything a <c>tabod bench-kernels</c> run measured, and its JSON form for scripts
/// (benchmarks/peers/compute.py reads it).
/// </summary>
/// <param name="Repeat">Timed runs per case.</param>
/// <param name="Scale">The shape scale the cases were built with (1 for the standard shapes).</param>
/// <param name="ProcessorCount">Logical processors of the machine.</param>
/// <param name="Backends">The backends timed.</param>
/// <param name="Timings">One timing per case and backend.</param>
public sealed record KernelBenchmarkReport(int Repeat, double Scale, int ProcessorCount,
    IReadOnlyList<KernelBackendInfo> Backends, IReadOnlyList<KernelTiming> Timings)
{
    /// <summary>
    /// Writes the report as JSON: <c>{"format": "tabod-bench-kernels/1", "repeat", "scale", "processors",
    /// "runtime", "backends": [{"name", "description"}], "results": [{"id", "kernel", "shape", "backend", "runs",
    /// "best_ms", "median_ms", "gflops"}]}</c>, with <c>gflops</c> null where the case has no flop count.
    /// </summary>
    public void WriteJson(Stream stream)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions
        {
            Indented = true,
            // Shapes contain "×"; keep them readable instead of \u00D7 (the file is never embedded in HTML).
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        json.WriteStartObject();
        json.WriteString("format", "tabod-bench-kernels/1");
        json.WriteNumber("repeat", Repeat);
        json.WriteNumber("scale", Scale);
        json.WriteNumber("processors", ProcessorCount);
        json.WriteString("runtime", RuntimeInformation.FrameworkDescription);
        json.WriteStartArray("backends");
        foreach (var backend in Backends)
        {
            json.WriteStartObject();
            json.WriteString("name", backend.Name);
            json.WriteString("description", backend.Description);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("results");
        foreach (var timing in Timings)
        {
            json.WriteStartObject();
            json.WriteString("id", timing.Id);
            json.WriteString("kernel", timing.Kernel);
            json.WriteString("shape", timing.Shape);
            json.WriteString("backend", timing.Backend);
            json.WriteNumber("runs", timing.Runs);
            json.WriteNumber("best_ms", Math.Round(timing.BestMilliseconds, 4));
            json.WriteNumber("median_ms", Math.Round(timing.MedianMilliseconds, 4));
            if (timing.GflopsPerSecond is { } gflops)
            {
                json.WriteNumber("gflops", Math.Round(gflops, 3));
            }
            else
            {
                json.WriteNull("gflops");
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Writes the JSON form to <paramref name="path"/>, replacing the file if it exists.</summary>
    public void WriteJson(string path)
    {
        using var stream = File.Create(path);
        WriteJson(stream);
    }
}
