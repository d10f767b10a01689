namespace TabularOd.Tests.Support;

/// <summary>Locates the repository, its fixtures and the shared datasets beside it, from the test binary's folder.</summary>
public static class TestPaths
{
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    /// <summary>The folder holding TabularOd.sln.</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>Committed test fixtures (<c>tests/TabularOd.Tests/Fixtures</c>).</summary>
    public static string Fixtures => Path.Combine(RepositoryRoot, "tests", "TabularOd.Tests", "Fixtures");

    /// <summary>The shared datasets folder beside the checkout (<c>../shared/datasets</c>), which may be absent.</summary>
    public static string SharedDatasets => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "datasets"));

    /// <summary>A fresh empty folder under the system temp folder.</summary>
    public static string NewTempFolder()
    {
        string path = Path.Combine(Path.GetTempPath(), "tabod-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    private static string FindRepositoryRoot()
    {
        var stamped = typeof(TestPaths).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
        if (stamped is not null && File.Exists(Path.Combine(stamped, "TabularOd.sln")))
        {
            return stamped;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TabularOd.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("TabularOd.sln not found above the test binaries.");
    }
}
