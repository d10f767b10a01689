using System.Text;

namespace TabularOd.Tests.Compute.Conformance;

/// <summary>
/// Collects the mismatches of a test that sweeps many shapes, so one run reports every failing shape (with
/// backend, kernel, size and the first differing elements) instead of stopping at the first.
/// </summary>
public sealed class Mismatches
{
    private const int ShownPerShape = 3;
    private const int ShownShapes = 25;

    private readonly List<string> _lines = [];
    private readonly HashSet<string> _failedShapes = [];
    private readonly Dictionary<string, int> _perShape = [];

    /// <summary>Number of shapes with at least one mismatch.</summary>
    public int FailedShapes => _failedShapes.Count;

    /// <summary>Records a mismatch of <paramref name="shape"/> (a description naming backend, kernel and size).</summary>
    public void Add(string shape, string detail)
    {
        _failedShapes.Add(shape);
        int seen = _perShape.GetValueOrDefault(shape);
        _perShape[shape] = seen + 1;
        if (seen < ShownPerShape && _failedShapes.Count <= ShownShapes)
        {
            _lines.Add($"{shape}: {detail}");
        }
    }

    /// <summary>Runs one shape's checks, turning an exception into a mismatch of that shape.</summary>
    public void Run(string shape, Action check)
    {
        try
        {
            check();
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            Add(shape, $"threw {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>Fails the test if anything was recorded.</summary>
    public void AssertNone()
    {
        if (_failedShapes.Count == 0)
        {
            return;
        }
        var text = new StringBuilder();
        text.AppendLine($"{_failedShapes.Count} shape(s) failed:");
        foreach (string line in _lines)
        {
            text.AppendLine("  " + line);
        }
        if (_failedShapes.Count > ShownShapes)
        {
            text.AppendLine($"  … and {_failedShapes.Count - ShownShapes} more shapes.");
        }
        Assert.Fail(text.ToString());
    }
}
