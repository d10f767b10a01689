using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace TabularOd.Benchmarking.Tests.Support;

/// <summary>
/// Runs Debian's <c>chromium</c> headless on a local HTML file and returns the DOM after its scripts ran, so tests
/// can check what a browser actually laid out rather than only what we wrote.
/// </summary>
/// <remarks>
/// Flags, and why each is there: <c>--headless</c> (no display in CI); <c>--no-sandbox</c> (Chromium refuses to
/// start as root with its sandbox on, and CI runs as root); <c>--disable-gpu</c> (no GPU, and software GL start-up
/// is slow and noisy); <c>--disable-dev-shm-usage</c> (containers have a small /dev/shm, and Debian's launcher
/// script that would add this flag mis-parses <c>findmnt</c> when /dev/shm is listed twice);
/// <c>--user-data-dir</c> with a fresh temp folder (parallel runs must not share a profile lock, and nothing is
/// left in $HOME); the rest turn off first-run, extension and network chatter that only slows a one-shot dump.
/// The real binary in /usr/lib/chromium is preferred over the /usr/bin launcher script because it takes the same
/// flags without sourcing /etc/chromium.d, and because killing it on a timeout kills Chromium rather than a shell.
/// </remarks>
public static class HeadlessChromium
{
    /// <summary>Environment variable that names a Chromium binary to use instead of searching for one.</summary>
    public const string BinaryVariable = "TABOD_CHROMIUM";

    private static readonly Lazy<string?> Binary = new(Locate);

    /// <summary>
    /// JavaScript for a test page: on load, writes onto every <c>&lt;svg&gt;</c> its bounding-box size
    /// (<c>data-bbox-width/height</c>, from <c>getBBox</c>: the extent of what was drawn), its on-page size
    /// (<c>data-client-width/height</c>, from <c>getBoundingClientRect</c>), the number of shapes inside it
    /// (<c>data-shapes</c>), and how many non-empty texts have zero computed length (<c>data-blank-texts</c>: text
    /// that took no space, e.g. with no usable font). Sets <c>data-svg-measured</c> on the body when done, so a
    /// missing attribute proves the script did not run.
    /// </summary>
    public const string MeasurementScript = """
        window.addEventListener('load', function () {
          var svgs = document.querySelectorAll('svg');
          for (var i = 0; i < svgs.length; i++) {
            var svg = svgs[i];
            var box = svg.getBBox();
            var rect = svg.getBoundingClientRect();
            var shapes = svg.querySelectorAll('rect, line, circle, ellipse, polyline, polygon, path, text').length;
            var blank = 0;
            var texts = svg.querySelectorAll('text');
            for (var j = 0; j < texts.length; j++) {
              if (texts[j].textContent.trim().length > 0 && !(texts[j].getComputedTextLength() > 0)) { blank++; }
            }
            svg.setAttribute('data-bbox-width', box.width);
            svg.setAttribute('data-bbox-height', box.height);
            svg.setAttribute('data-client-width', rect.width);
            svg.setAttribute('data-client-height', rect.height);
            svg.setAttribute('data-shapes', shapes);
            svg.setAttribute('data-blank-texts', blank);
          }
          document.body.setAttribute('data-svg-measured', String(svgs.length));
        });
        """;

    /// <summary>The Chromium binary, or null where none is installed (then tests using it are skipped).</summary>
    public static string? BinaryPath => Binary.Value;

    /// <summary>
    /// Loads <paramref name="htmlFile"/> in headless Chromium and returns the serialized DOM after the load event,
    /// with the wall time the browser took (start-up included).
    /// </summary>
    /// <exception cref="InvalidOperationException">No Chromium, or it exited with an error or printed no DOM.</exception>
    /// <exception cref="TimeoutException">Chromium did not finish within <paramref name="timeout"/> (default 60 s).</exception>
    public static (string Dom, TimeSpan Elapsed) DumpDom(string htmlFile, TimeSpan? timeout = null)
    {
        string binary = BinaryPath ?? throw new InvalidOperationException(
            $"No Chromium binary found (install Debian's 'chromium' or set {BinaryVariable}).");
        string profile = Path.Combine(Path.GetTempPath(), "tabod-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (string flag in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--user-data-dir=" + profile,
            "--no-first-run", "--no-default-browser-check", "--disable-extensions",
            "--disable-background-networking", "--disable-sync", "--disable-component-update",
            "--mute-audio", "--hide-scrollbars",
            "--dump-dom", new Uri(Path.GetFullPath(htmlFile)).AbsoluteUri,
        })
        {
            start.ArgumentList.Add(flag);
        }
        // Chromium looks for a D-Bus session and logs an error per attempt without one; say there is none.
        start.Environment["DBUS_SESSION_BUS_ADDRESS"] = "disabled:";

        var watch = Stopwatch.StartNew();
        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {binary}.");
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout ?? TimeSpan.FromSeconds(60)))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                throw new TimeoutException($"Chromium did not finish within {(timeout ?? TimeSpan.FromSeconds(60)).TotalSeconds} s. "
                    + Tail(stderr.Result));
            }
            process.WaitForExit(); // flushes the asynchronous readers
            watch.Stop();
            string dom = stdout.Result;
            if (process.ExitCode != 0 || dom.Length == 0)
            {
                throw new InvalidOperationException(
                    $"Chromium exited with code {process.ExitCode} and {dom.Length} characters of DOM. {Tail(stderr.Result)}");
            }
            return (dom, watch.Elapsed);
        }
        finally
        {
            TryDelete(profile);
        }
    }

    /// <summary>
    /// Reads the measurements <see cref="MeasurementScript"/> left on each <c>&lt;svg&gt;</c> of a dumped DOM, in
    /// document order.
    /// </summary>
    /// <exception cref="InvalidOperationException">The script did not run, or an SVG lacks a measurement.</exception>
    public static IReadOnlyList<SvgMeasurement> ReadSvgMeasurements(string dom)
    {
        var measured = Regex.Match(dom, "<body[^>]*\\sdata-svg-measured=\"(\\d+)\"");
        if (!measured.Success)
        {
            throw new InvalidOperationException("The measurement script did not run: <body> has no data-svg-measured.");
        }
        var result = new List<SvgMeasurement>();
        // Only opening <svg> tags are read, so attributes of the shapes inside can never be mistaken for them.
        foreach (Match tag in Regex.Matches(dom, "<svg\\b[^>]*>"))
        {
            var attributes = Regex.Matches(tag.Value, "([\\w:-]+)=\"([^\"]*)\"")
                .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.OrdinalIgnoreCase);
            double Number(string name) => attributes.TryGetValue(name, out string? v)
                ? double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture)
                : throw new InvalidOperationException($"An <svg> has no {name}: {tag.Value[..Math.Min(200, tag.Value.Length)]}");
            result.Add(new SvgMeasurement(
                attributes.GetValueOrDefault("id") ?? string.Empty,
                Number("data-bbox-width"), Number("data-bbox-height"),
                Number("data-client-width"), Number("data-client-height"),
                (int)Number("data-shapes"), (int)Number("data-blank-texts")));
        }
        int expected = int.Parse(measured.Groups[1].Value, CultureInfo.InvariantCulture);
        if (expected != result.Count)
        {
            throw new InvalidOperationException($"The script measured {expected} SVGs but the DOM has {result.Count}.");
        }
        return result;
    }

    private static string? Locate()
    {
        string? chosen = Environment.GetEnvironmentVariable(BinaryVariable);
        if (!string.IsNullOrWhiteSpace(chosen))
        {
            return File.Exists(chosen) ? chosen : null;
        }
        // Debian installs the browser here and a launcher script as /usr/bin/chromium.
        string debian = Path.Combine("/usr", "lib", "chromium", "chromium");
        if (File.Exists(debian))
        {
            return debian;
        }
        string path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (string name in new[] { "chromium", "chromium-browser" })
        {
            foreach (string dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                string candidate = Path.Combine(dir, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        return null;
    }

    private static string Tail(string text) =>
        text.Length <= 2000 ? "stderr: " + text : "stderr (end): " + text[^2000..];

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A helper process may still hold a file for a moment; a leftover temp folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>What a browser reported for one rendered <c>&lt;svg&gt;</c> (see <see cref="HeadlessChromium.MeasurementScript"/>).</summary>
public sealed record SvgMeasurement(string Id, double BBoxWidth, double BBoxHeight, double ClientWidth, double ClientHeight,
    int Shapes, int BlankTexts);
