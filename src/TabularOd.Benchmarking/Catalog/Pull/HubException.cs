namespace TabularOd.Benchmarking.Catalog.Pull;

/// <summary>
/// A request to the hub failed. The message is one line naming the URL; <see cref="IsTransient"/> says whether
/// trying again may help (server errors, timeouts, dropped connections) or not (401, 403, 404, a bad answer).
/// </summary>
/// <remarks>An <see cref="IOException"/>, so that callers which report I/O failures report this one too.</remarks>
public sealed class HubException : IOException
{
    /// <summary>Creates the exception; the message becomes "GET <paramref name="url"/>: <paramref name="problem"/>".</summary>
    public HubException(Uri url, string problem, bool transient, Exception? inner = null)
        : base($"GET {url}: {problem}", inner)
    {
        Url = url;
        Problem = problem;
        IsTransient = transient;
    }

    /// <summary>The URL that failed.</summary>
    public Uri Url { get; }

    /// <summary>What went wrong, without the URL.</summary>
    public string Problem { get; }

    /// <summary>Whether the same request may succeed if tried again.</summary>
    public bool IsTransient { get; }
}
