using System.Globalization;

namespace TabularOd.Benchmarking.Runner;

/// <summary>
/// Per-cell peak resident memory of the current process on Linux: the kernel's high-water mark (VmHWM) is reset
/// by writing "5" to <c>/proc/self/clear_refs</c> before a cell and read after it. Elsewhere it reports nothing
/// rather than a number that would mean something else.
/// </summary>
public static class PeakMemory
{
    /// <summary>Resets the high-water mark; false when the OS offers no way to.</summary>
    public static bool Reset()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>Peak resident memory since the last reset (or process start), MiB; null when unknown.</summary>
    public static double? ReadMib()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    return double.Parse(parts[1], CultureInfo.InvariantCulture) / 1024.0;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
        }
        return null;
    }
}
