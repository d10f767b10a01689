namespace TabularOd.Data;

/// <summary>
/// A file could not be read or written as data: missing, malformed, or holding values the project
/// cannot use. The message is one line that names the file and the problem, fit to show a user as is.
/// </summary>
public sealed class DataFileException : Exception
{
    /// <summary>Creates the exception; the message becomes "<paramref name="path"/>: <paramref name="problem"/>".</summary>
    public DataFileException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        FilePath = path;
        Problem = problem;
    }

    /// <summary>The file that failed.</summary>
    public string FilePath { get; }

    /// <summary>What was wrong with it, without the path.</summary>
    public string Problem { get; }
}
