using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace TabularOd.Cli.Tests.DataPull;

/// <summary>
/// A small HTTP server on 127.0.0.1 serving the Hugging Face Hub's dataset layout for files held in memory:
/// the tree API (JSON entries with LFS SHA-256s, paged through a Link header) and resolve URLs with Range support.
/// It logs every request and can be told to misbehave.
/// </summary>
internal sealed class LocalHub : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private readonly ConcurrentDictionary<string, (byte[] Bytes, bool Lfs)> _files = new();

    public LocalHub()
    {
        // Ask the system for a free port, then serve on it; the tiny window between the two is harmless in tests.
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>The hub's base URL, for --hub.</summary>
    public string Url { get; }

    /// <summary>Every request as "METHOD path?query", with " Range=…" when it had one.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Tree entries per page; a smaller value makes the listing span pages.</summary>
    public int PageSize { get; set; } = 1000;

    /// <summary>Repository paths whose download answers with other bytes of the same length.</summary>
    public ConcurrentDictionary<string, bool> Corrupt { get; } = new();

    /// <summary>
    /// Repository paths whose first download misbehaves once: "503" answers Service Unavailable, "cut" sends half
    /// the body and drops the connection.
    /// </summary>
    public ConcurrentDictionary<string, string> FailOnce { get; } = new();

    /// <summary>Answer Range requests with the whole file (200), as a server without range support does.</summary>
    public bool IgnoreRange { get; set; }

    /// <summary>Publishes a file; <paramref name="lfs"/> false lists it without an LFS block (no SHA-256).</summary>
    public void Add(string repository, string path, byte[] bytes, bool lfs = true) => _files[$"{repository}/{path}"] = (bytes, lfs);

    /// <summary>The downloads (resolve requests) logged so far.</summary>
    public string[] Downloads => Requests.Where(r => r.Contains("/resolve/", StringComparison.Ordinal)).ToArray();

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The accept loop ends with an exception once the listener is closed.
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(() => Handle(context));
        }
    }

    private void Handle(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        string path = Uri.UnescapeDataString(request.Url!.AbsolutePath);
        string? range = request.Headers["Range"];
        Requests.Enqueue($"{request.HttpMethod} {request.Url.PathAndQuery}{(range is null ? "" : $" Range={range}")}");
        try
        {
            const string tree = "/api/datasets/", resolve = "/datasets/";
            if (path.StartsWith(tree, StringComparison.Ordinal) && path.Contains("/tree/main/", StringComparison.Ordinal))
            {
                ServeTree(context, path[tree.Length..]);
            }
            else if (path.StartsWith(resolve, StringComparison.Ordinal) && path.Contains("/resolve/main/", StringComparison.Ordinal))
            {
                ServeFile(response, path[resolve.Length..].Replace("/resolve/main/", "/", StringComparison.Ordinal), range);
            }
            else
            {
                Reply(response, 404, "{\"error\": \"Not Found\"}");
            }
        }
        catch (HttpListenerException)
        {
            // The client went away mid-answer.
        }
        catch (DroppedConnection)
        {
            response.Abort();
            return;
        }
        response.Close();
    }

    private void ServeTree(HttpListenerContext context, string rest)
    {
        int split = rest.IndexOf("/tree/main/", StringComparison.Ordinal);
        string repository = rest[..split], folder = rest[(split + "/tree/main/".Length)..].TrimEnd('/');
        string prefix = $"{repository}/{folder}/";
        var inside = _files.Where(f => f.Key.StartsWith(prefix, StringComparison.Ordinal)).OrderBy(f => f.Key, StringComparer.Ordinal).ToList();
        // Like the Hub, a listing is not recursive: deeper files show up as their sub-folder's entry.
        var entries = inside
            .Select(f => f.Key[prefix.Length..])
            .Where(rest => rest.Contains('/'))
            .Select(rest => rest[..rest.IndexOf('/')])
            .Distinct()
            .Select(sub => new Dictionary<string, object> { ["type"] = "directory", ["oid"] = "0", ["size"] = 0, ["path"] = $"{folder}/{sub}" })
            .Concat(inside
                .Where(f => !f.Key[prefix.Length..].Contains('/'))
                .Select(f => Entry(f.Key[(repository.Length + 1)..], f.Value.Bytes, f.Value.Lfs)))
            .ToList();
        if (entries.Count == 0)
        {
            Reply(context.Response, 404, "{\"error\": \"Entry not found\"}");
            return;
        }
        int cursor = int.TryParse(context.Request.QueryString["cursor"], out int c) ? c : 0;
        var page = entries.Skip(cursor).Take(PageSize).ToList();
        if (cursor + PageSize < entries.Count)
        {
            context.Response.AddHeader("Link", $"<{Url}api/datasets/{repository}/tree/main/{folder}?cursor={cursor + PageSize}>; rel=\"next\"");
        }
        Reply(context.Response, 200, JsonSerializer.Serialize(page));
    }

    private static Dictionary<string, object> Entry(string path, byte[] bytes, bool lfs)
    {
        var entry = new Dictionary<string, object>
        {
            ["type"] = "file",
            ["oid"] = Convert.ToHexStringLower(SHA1.HashData(bytes)),
            ["size"] = bytes.Length,
            ["path"] = path,
        };
        if (lfs)
        {
            entry["lfs"] = new Dictionary<string, object> { ["oid"] = Convert.ToHexStringLower(SHA256.HashData(bytes)), ["size"] = bytes.Length, ["pointerSize"] = 134 };
        }
        return entry;
    }

    private void ServeFile(HttpListenerResponse response, string key, string? range)
    {
        if (!_files.TryGetValue(key, out var file))
        {
            Reply(response, 404, "Entry not found");
            return;
        }
        byte[] bytes = file.Bytes;
        string path = key[(key.IndexOf('/', key.IndexOf('/') + 1) + 1)..];
        if (Corrupt.ContainsKey(path))
        {
            bytes = bytes.Select(b => (byte)(b ^ 0x5A)).ToArray();
        }
        if (FailOnce.TryRemove(path, out string? failure))
        {
            if (failure == "503")
            {
                Reply(response, 503, "Service Unavailable");
                return;
            }
            response.ContentLength64 = bytes.Length;
            response.OutputStream.Write(bytes, 0, bytes.Length / 2);
            response.OutputStream.Flush();
            throw new DroppedConnection();
        }
        long from = 0;
        if (range is not null && !IgnoreRange && range.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-'))
        {
            from = long.Parse(range["bytes=".Length..^1], System.Globalization.CultureInfo.InvariantCulture);
            if (from >= bytes.Length)
            {
                response.StatusCode = 416;
                response.AddHeader("Content-Range", $"bytes */{bytes.Length}");
                return;
            }
            response.StatusCode = 206;
            response.AddHeader("Content-Range", $"bytes {from}-{bytes.Length - 1}/{bytes.Length}");
        }
        response.ContentType = "application/octet-stream";
        response.ContentLength64 = bytes.Length - from;
        response.OutputStream.Write(bytes, (int)from, (int)(bytes.Length - from));
    }

    private static void Reply(HttpListenerResponse response, int status, string body)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        response.StatusCode = status;
        response.ContentType = body.StartsWith('{') || body.StartsWith('[') ? "application/json" : "text/plain";
        response.ContentLength64 = bytes.Length;
        response.OutputStream.Write(bytes);
    }

    private sealed class DroppedConnection : Exception;
}
