using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace TabularOd.Benchmarking.Catalog.Pull;

/// <summary>
/// Talks to a Hugging Face Hub (or anything serving its layout): lists a dataset repository's folder through
/// <c>GET {hub}/api/datasets/{repo}/tree/main/{folder}</c>, following <c>Link: &lt;…&gt;; rel="next"</c> pages, and
/// downloads files from <c>{hub}/datasets/{repo}/resolve/main/{path}</c>, resuming with a Range request.
/// </summary>
public sealed class HubClient
{
    /// <summary>The public Hugging Face Hub.</summary>
    public static Uri DefaultHub { get; } = new("https://huggingface.co/");

    /// <summary>How long a download may stall between two reads before the attempt counts as timed out.</summary>
    public static TimeSpan DefaultReadTimeout { get; } = TimeSpan.FromSeconds(60);

    private const string Revision = "main";
    private readonly HttpClient _http;
    private readonly TimeSpan _readTimeout;

    /// <summary>Uses <paramref name="http"/> (see <see cref="CreateHttpClient"/>) against the hub at <paramref name="hub"/>.</summary>
    public HubClient(HttpClient http, Uri hub, HubRetryPolicy? retry = null, TimeSpan? readTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(hub);
        _http = http;
        // Relative URLs combine under the hub's path only when it ends with a slash (a mirror may live under /hf/).
        Hub = hub.AbsoluteUri.EndsWith('/') ? hub : new Uri(hub.AbsoluteUri + "/");
        Retry = retry ?? HubRetryPolicy.Default;
        _readTimeout = readTimeout ?? DefaultReadTimeout;
    }

    /// <summary>The hub's base URL, ending with a slash.</summary>
    public Uri Hub { get; }

    /// <summary>The retry policy for listing and downloading.</summary>
    public HubRetryPolicy Retry { get; }

    /// <summary>
    /// An HTTP client fit for downloads: no automatic decompression (the bytes on disk must be the bytes the
    /// hashes describe, and a Range offset counts stored bytes), redirects followed (the Hub sends file downloads
    /// to a CDN), enough connections for <paramref name="connections"/> parallel downloads.
    /// </summary>
    public static HttpClient CreateHttpClient(int connections)
    {
        var handler = new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.None,
            AllowAutoRedirect = true,
            MaxConnectionsPerServer = Math.Max(1, connections),
            ConnectTimeout = TimeSpan.FromSeconds(30),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        // The client's timeout covers a request up to its headers; stalled bodies are caught by the read timeout.
        var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(100) };
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("tabod", typeof(HubClient).Assembly.GetName().Version?.ToString(3) ?? "0"));
        return http;
    }

    /// <summary>The tree-listing URL of a repository folder.</summary>
    public Uri TreeUrl(string repository, string folder) => new(Hub, $"api/datasets/{Escape(repository)}/tree/{Revision}/{Escape(folder)}");

    /// <summary>The download URL of a repository file.</summary>
    public Uri FileUrl(string repository, string path) => new(Hub, $"datasets/{Escape(repository)}/resolve/{Revision}/{Escape(path)}");

    /// <summary>
    /// Lists the files (not sub-folders) directly inside <paramref name="folder"/> of a dataset repository, every
    /// page of the listing together. Throws <see cref="HubException"/> naming the URL that failed.
    /// </summary>
    public async Task<IReadOnlyList<HubFile>> ListFilesAsync(string repository, string folder, CancellationToken cancel = default)
    {
        var files = new List<HubFile>();
        var seen = new HashSet<Uri>();
        for (Uri? page = TreeUrl(repository, folder); page is not null;)
        {
            if (!seen.Add(page))
            {
                throw new HubException(page, "the listing's next-page link points back to a page already read.", transient: false);
            }
            var current = page;
            (var entries, page) = await Retry.RunAsync(c => ListPageAsync(current, c), cancel).ConfigureAwait(false);
            files.AddRange(entries);
        }
        return files;
    }

    private async Task<(IReadOnlyList<HubFile> Files, Uri? Next)> ListPageAsync(Uri url, CancellationToken cancel)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await SendAsync(request, url, cancel).ConfigureAwait(false);
        string json = await ReadBodyAsync(() => response.Content.ReadAsStringAsync(cancel), url, cancel).ConfigureAwait(false);
        var files = ParseTree(json, url);
        return (files, NextPage(response, url));
    }

    /// <summary>
    /// Reads one page of a tree listing: a JSON array whose file entries carry "path", "size" and, for LFS files,
    /// "lfs": {"oid": SHA-256, "size": N}. Folder entries are skipped.
    /// </summary>
    public static IReadOnlyList<HubFile> ParseTree(string json, Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new HubException(url, $"the listing is not JSON: {e.Message.ReplaceLineEndings(" ")}", transient: false, e);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new HubException(url, $"the listing is a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}, not an array of entries.", transient: false);
            }
            var files = new List<HubFile>();
            foreach (var entry in document.RootElement.EnumerateArray())
            {
                if (entry.ValueKind != JsonValueKind.Object || String(entry, "type") != "file")
                {
                    continue;
                }
                string path = String(entry, "path") ?? throw new HubException(url, "a file entry of the listing has no \"path\".", transient: false);
                string? sha = null;
                long? size = Int64(entry, "size");
                if (entry.TryGetProperty("lfs", out var lfs) && lfs.ValueKind == JsonValueKind.Object)
                {
                    sha = String(lfs, "oid")?.ToLowerInvariant();
                    if (sha is not null && (sha.Length != 64 || !sha.All(char.IsAsciiHexDigitLower)))
                    {
                        throw new HubException(url, $"the LFS object id of {path} is not a SHA-256: '{sha}'.", transient: false);
                    }
                    // The top-level size of an LFS entry is the file's; the lfs block repeats it.
                    size ??= Int64(lfs, "size");
                }
                if (size is not { } bytes || bytes < 0)
                {
                    throw new HubException(url, $"the listing gives no size for {path}.", transient: false);
                }
                files.Add(new HubFile(path, bytes, sha));
            }
            return files;
        }
    }

    /// <summary>The target of a <c>Link: &lt;url&gt;; rel="next"</c> header, resolved against the page's URL; null on the last page.</summary>
    public static Uri? ParseNextLink(IEnumerable<string> linkHeaders, Uri pageUrl)
    {
        ArgumentNullException.ThrowIfNull(linkHeaders);
        foreach (string header in linkHeaders)
        {
            // One header may hold several links, each "<url>; param; param"; URLs are bracketed, so split on "<".
            foreach (string link in header.Split('<', StringSplitOptions.RemoveEmptyEntries))
            {
                int close = link.IndexOf('>');
                if (close < 0)
                {
                    continue;
                }
                foreach (string parameter in link[(close + 1)..].Split([';', ','], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    int equals = parameter.IndexOf('=');
                    if (equals < 0 || !parameter[..equals].Trim().Equals("rel", StringComparison.OrdinalIgnoreCase))
                    {
                        continue;
                    }
                    // rel may list several relation types: rel="next last".
                    var relations = parameter[(equals + 1)..].Trim().Trim('"').Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    if (relations.Contains("next", StringComparer.OrdinalIgnoreCase) && Uri.TryCreate(pageUrl, link[..close].Trim(), out var target))
                    {
                        return target;
                    }
                }
            }
        }
        return null;
    }

    /// <summary>
    /// One download attempt of <paramref name="url"/> into <paramref name="partPath"/>: continues from the part's
    /// length with a Range request when it has one (a 206 answer is appended, a 200 answer restarts from zero).
    /// Throws <see cref="HubException"/> on an HTTP or network failure; the part keeps what arrived.
    /// </summary>
    public async Task<DownloadAttempt> DownloadAsync(Uri url, string partPath, CancellationToken cancel = default)
    {
        long have = File.Exists(partPath) ? new FileInfo(partPath).Length : 0;
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (have > 0)
        {
            request.Headers.Range = new RangeHeaderValue(have, null);
        }
        using var response = await SendAsync(request, url, cancel, allow: HttpStatusCode.RequestedRangeNotSatisfiable).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            // The part no longer fits the file (it changed upstream, or the part is complete): start over.
            File.Delete(partPath);
            throw new HubException(url, $"the server refused to resume at byte {have} (416); restarting from zero.", transient: true);
        }
        long from = 0;
        if (response.StatusCode == HttpStatusCode.PartialContent)
        {
            from = response.Content.Headers.ContentRange?.From ?? -1;
            if (from != have)
            {
                File.Delete(partPath);
                throw new HubException(url, $"asked for bytes from {have}, the server sent a range from {from}; restarting from zero.", transient: true);
            }
        }
        await using var file = new FileStream(partPath, from > 0 ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await using var body = await ReadBodyAsync(() => response.Content.ReadAsStreamAsync(cancel), url, cancel).ConfigureAwait(false);
        long received = 0;
        var buffer = new byte[1 << 16];
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        while (true)
        {
            stall.CancelAfter(_readTimeout);
            int read = await ReadBodyAsync(() => body.ReadAsync(buffer, stall.Token).AsTask(), url, cancel).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }
            await file.WriteAsync(buffer.AsMemory(0, read), cancel).ConfigureAwait(false);
            received += read;
        }
        return new DownloadAttempt(from, received);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, Uri url, CancellationToken cancel, HttpStatusCode? allow = null)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new HubException(url, $"request failed: {e.Message.ReplaceLineEndings(" ")}", transient: true, e);
        }
        catch (OperationCanceledException e) when (!cancel.IsCancellationRequested)
        {
            throw new HubException(url, "timed out waiting for the server.", transient: true, e);
        }
        if (response.IsSuccessStatusCode || response.StatusCode == allow)
        {
            return response;
        }
        using (response)
        {
            throw StatusError(url, response.StatusCode, response.ReasonPhrase);
        }
    }

    /// <summary>The exception for an unsuccessful status: transient for 408, 429 and 5xx, final otherwise.</summary>
    public static HubException StatusError(Uri url, HttpStatusCode status, string? reason)
    {
        int code = (int)status;
        string text = $"{code} {(string.IsNullOrWhiteSpace(reason) ? status.ToString() : reason)}";
        return status switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                new HubException(url, $"{text}: the repository is private or gated, or the hub refuses this client.", transient: false),
            HttpStatusCode.NotFound => new HubException(url, $"{text}: no such repository, folder or file.", transient: false),
            HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests => new HubException(url, text, transient: true),
            _ when code >= 500 => new HubException(url, text, transient: true),
            _ => new HubException(url, text, transient: false),
        };
    }

    // Reading a body can fail halfway (reset connection, stalled server); that is worth another attempt.
    private static async Task<T> ReadBodyAsync<T>(Func<Task<T>> read, Uri url, CancellationToken cancel)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancel.IsCancellationRequested)
        {
            throw new HubException(url, "the download stalled; no data arrived in time.", transient: true, e);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw new HubException(url, $"the connection broke: {e.Message.ReplaceLineEndings(" ")}", transient: true, e);
        }
    }

    private static Uri? NextPage(HttpResponseMessage response, Uri url) =>
        response.Headers.TryGetValues("Link", out var links) ? ParseNextLink(links, url) : null;

    private static string Escape(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? Int64(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long n) ? n : null;
}

/// <summary>What one download attempt did.</summary>
/// <param name="ResumedFrom">The byte the server's answer started at: 0 for a full download.</param>
/// <param name="BytesReceived">Bytes that arrived in this attempt.</param>
public readonly record struct DownloadAttempt(long ResumedFrom, long BytesReceived);
