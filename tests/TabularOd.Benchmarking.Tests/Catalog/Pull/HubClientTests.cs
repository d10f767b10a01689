using System.Net;
using System.Text;
using TabularOd.Benchmarking.Catalog.Pull;
using TabularOd.Tests.Support;

namespace TabularOd.Benchmarking.Tests.Catalog.Pull;

/// <summary>
/// The hub client's reading of the Hub's answers and its retry rules, against scripted answers (no network);
/// the end-to-end pull runs against a real local server in the CLI tests.
/// </summary>
public class HubClientTests
{
    private static readonly Uri Hub = new("https://hub.test/");
    private static readonly HubRetryPolicy Quick = new() { MaxAttempts = 3, FirstDelay = TimeSpan.FromMilliseconds(1) };
    private const string Sha = "43cc80e68a718c32a53ecdb2b164354dab920980f7c1beeb8015ba20609cec04";

    [Fact]
    public void TheTreeListingGivesFilesWithTheirLfsHashAndSkipsFolders()
    {
        string json = $$$"""
            [
              {"type": "directory", "oid": "aa", "size": 0, "path": "public/more"},
              {"type": "file", "oid": "b1c2", "size": 120, "path": "public/a.npz", "lfs": {"oid": "{{{Sha.ToUpperInvariant()}}}", "size": 120, "pointerSize": 132}},
              {"type": "file", "oid": "d4e5", "size": 33, "path": "public/b.npz"}
            ]
            """;

        var files = HubClient.ParseTree(json, Hub);

        Assert.Equal([new HubFile("public/a.npz", 120, Sha), new HubFile("public/b.npz", 33, null)], files);
        Assert.Equal("a.npz", files[0].FileName);
    }

    [Theory]
    [InlineData("{\"error\": \"Repository not found\"}", "not an array")]
    [InlineData("[{\"type\": \"file\", \"path\": \"public/a.npz\"}]", "no size for public/a.npz")]
    [InlineData("[{\"type\": \"file\", \"size\": 1, \"path\": \"p/a.npz\", \"lfs\": {\"oid\": \"xyz\"}}]", "not a SHA-256")]
    [InlineData("<html>", "not JSON")]
    public void AListingThatIsNotTheHubsShapeIsOneLineNamingTheUrl(string json, string expected)
    {
        var error = Assert.Throws<HubException>(() => HubClient.ParseTree(json, Hub));

        Assert.StartsWith($"GET {Hub}: ", error.Message);
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.False(error.IsTransient);
    }

    [Theory]
    [InlineData("<https://hub.test/api/datasets/o/r/tree/main/public?cursor=abc>; rel=\"next\"", "https://hub.test/api/datasets/o/r/tree/main/public?cursor=abc")]
    [InlineData("<https://hub.test/p?cursor=1>; rel=\"prev\", <https://hub.test/p?cursor=3>; rel=\"next\"", "https://hub.test/p?cursor=3")]
    [InlineData("</api/next-page?cursor=2>; rel=next", "https://hub.test/api/next-page?cursor=2")]
    [InlineData("<https://hub.test/last>; rel=\"last\"", null)]
    public void TheNextPageComesFromTheLinkHeader(string header, string? expected)
    {
        Assert.Equal(expected, HubClient.ParseNextLink([header], new Uri(Hub, "api/datasets/o/r/tree/main/public"))?.AbsoluteUri);
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound, false)]
    [InlineData(HttpStatusCode.Unauthorized, false)]
    [InlineData(HttpStatusCode.Forbidden, false)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.RequestTimeout, true)]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.BadGateway, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    public void OnlyServerErrorsTimeoutsAndThrottlingAreRetried(HttpStatusCode status, bool transient)
    {
        var error = HubClient.StatusError(Hub, status, null);

        Assert.Equal(transient, error.IsTransient);
        Assert.Contains(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message);
    }

    [Fact]
    public void RetryWaitsDoubleUpToTheCap()
    {
        var policy = new HubRetryPolicy { FirstDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(5) };

        Assert.Equal([1, 2, 4, 5, 5], new[] { 2, 3, 4, 5, 6 }.Select(a => policy.DelayBefore(a).TotalSeconds));
    }

    [Fact]
    public async Task ListingRetriesAServerErrorAndFollowsEveryPage()
    {
        var handler = new ScriptedHandler((request, call) => call switch
        {
            1 => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable),
            2 => Json($$$"""[{"type": "file", "size": 1, "path": "public/a.npz", "lfs": {"oid": "{{{Sha}}}", "size": 1}}]""",
                link: "<https://hub.test/api/datasets/MacrOData-CMU/OddBench/tree/main/public?cursor=2>; rel=\"next\""),
            _ => Json("""[{"type": "file", "size": 2, "path": "public/b.npz"}]"""),
        });
        var client = new HubClient(new HttpClient(handler), Hub, Quick);

        var files = await client.ListFilesAsync("MacrOData-CMU/OddBench", "public");

        Assert.Equal(["public/a.npz", "public/b.npz"], files.Select(f => f.Path));
        Assert.Equal(
            ["https://hub.test/api/datasets/MacrOData-CMU/OddBench/tree/main/public",
             "https://hub.test/api/datasets/MacrOData-CMU/OddBench/tree/main/public",
             "https://hub.test/api/datasets/MacrOData-CMU/OddBench/tree/main/public?cursor=2"],
            handler.Requests.Select(r => r.RequestUri!.AbsoluteUri));
    }

    [Fact]
    public async Task ANotFoundListingFailsAtOnceAndAPersistentServerErrorAfterEveryAttempt()
    {
        var missing = new ScriptedHandler((_, _) => new HttpResponseMessage(HttpStatusCode.NotFound));
        var notFound = await Assert.ThrowsAsync<HubException>(() => new HubClient(new HttpClient(missing), Hub, Quick).ListFilesAsync("o/r", "public"));
        Assert.Single(missing.Requests);
        Assert.Equal("GET https://hub.test/api/datasets/o/r/tree/main/public: 404 Not Found: no such repository, folder or file.", notFound.Message);

        var broken = new ScriptedHandler((_, _) => new HttpResponseMessage(HttpStatusCode.InternalServerError));
        var serverError = await Assert.ThrowsAsync<HubException>(() => new HubClient(new HttpClient(broken), Hub, Quick).ListFilesAsync("o/r", "public"));
        Assert.Equal(Quick.MaxAttempts, broken.Requests.Count);
        Assert.True(serverError.IsTransient);
    }

    [Fact]
    public async Task AResumedDownloadAsksForTheRestAndAppendsIt()
    {
        byte[] whole = Encoding.ASCII.GetBytes("0123456789");
        string part = Path.Combine(TestPaths.NewTempFolder(), "a.npz.part");
        File.WriteAllBytes(part, whole[..4]);
        var handler = new ScriptedHandler((request, _) =>
        {
            long from = request.Headers.Range!.Ranges.Single().From!.Value;
            var answer = new HttpResponseMessage(HttpStatusCode.PartialContent) { Content = new ByteArrayContent(whole[(int)from..]) };
            answer.Content.Headers.ContentRange = new System.Net.Http.Headers.ContentRangeHeaderValue(from, whole.Length - 1, whole.Length);
            return answer;
        });
        var client = new HubClient(new HttpClient(handler), Hub, Quick);

        var attempt = await client.DownloadAsync(client.FileUrl("o/r", "public/a.npz"), part);

        Assert.Equal(new DownloadAttempt(4, 6), attempt);
        Assert.Equal(whole, File.ReadAllBytes(part));
        Assert.Equal("https://hub.test/datasets/o/r/resolve/main/public/a.npz", handler.Requests.Single().RequestUri!.AbsoluteUri);
    }

    [Fact]
    public async Task AStalledBodyIsATransientTimeout()
    {
        var handler = new ScriptedHandler((_, _) => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new StallingStream()) });
        var client = new HubClient(new HttpClient(handler), Hub, Quick, readTimeout: TimeSpan.FromMilliseconds(50));
        string part = Path.Combine(TestPaths.NewTempFolder(), "a.npz.part");

        var error = await Assert.ThrowsAsync<HubException>(() => client.DownloadAsync(client.FileUrl("o/r", "public/a.npz"), part));

        Assert.True(error.IsTransient);
        Assert.Contains("stalled", error.Message);
    }

    private static HttpResponseMessage Json(string body, string? link = null)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (link is not null)
        {
            response.Headers.Add("Link", link);
        }
        return response;
    }

    /// <summary>Answers each request with the script's response for that call number (1-based).</summary>
    private sealed class ScriptedHandler(Func<HttpRequestMessage, int, HttpResponseMessage> script) : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (Requests)
            {
                Requests.Add(request);
                return Task.FromResult(script(request, Requests.Count));
            }
        }
    }

    /// <summary>A body whose first read never completes until cancelled.</summary>
    private sealed class StallingStream : MemoryStream
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
