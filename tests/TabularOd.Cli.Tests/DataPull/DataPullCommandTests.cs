using System.Text;
using TabularOd.Benchmarking.Catalog;
using TabularOd.Cli.Tests.Support;
using TabularOd.Tests.Support;

namespace TabularOd.Cli.Tests.DataPull;

/// <summary><c>tabod data pull</c> against a real HTTP server on 127.0.0.1 serving the Hub's layout.</summary>
public sealed class DataPullCommandTests : IDisposable
{
    private const string Repository = "MacrOData-CMU/OddBench";
    private readonly LocalHub _hub = new();
    private readonly string _to = Path.Combine(TestPaths.NewTempFolder(), "oddbench");
    private readonly Dictionary<string, byte[]> _files = new()
    {
        ["alpha.npz"] = Pair(seed: 1, datasetType: "ovo"),
        ["beta.npz"] = Pair(seed: 2, datasetType: "rvo"),
        ["gamma.npz"] = Pair(seed: 3, datasetType: null),
    };

    public DataPullCommandTests()
    {
        foreach (var (name, bytes) in _files)
        {
            _hub.Add(Repository, $"public/{name}", bytes);
        }
        // The Hub lists sub-folders beside the files; neither they nor other folders' files may be fetched.
        _hub.Add(Repository, "public/extra/nested.npz", [1, 2, 3]);
        _hub.Add(Repository, "private/hidden.npz", [4, 5, 6]);
    }

    public void Dispose() => _hub.Dispose();

    private CliRun Pull(params string[] extra) =>
        CliRun.Of(["data", "pull", "oddbench", "--to", _to, "--hub", _hub.Url, .. extra]);

    private string Manifest => Path.Combine(_to, "oddbench-public.json");

    [Fact]
    public void AFullPullFetchesEveryFileAcrossPagesAndWritesAManifestThatVerifies()
    {
        _hub.PageSize = 2;

        var run = Pull("--jobs", "2");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        foreach (var (name, bytes) in _files)
        {
            Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(_to, name)));
        }
        Assert.Empty(Directory.GetFiles(_to, "*.part"));
        Assert.Equal(2, _hub.Requests.Count(r => r.Contains("/tree/main/public", StringComparison.Ordinal)));
        Assert.Equal(3, _hub.Downloads.Length);
        Assert.Contains("3 files; 3 downloaded", run.Output);
        Assert.Contains($"wrote {Manifest}: 3 datasets.", run.Output);
        Assert.Equal(3, run.ErrorLines.Count(l => l.Contains(": downloaded ", StringComparison.Ordinal)));

        var manifest = ManifestFile.Load(Manifest);
        Assert.Equal("oddbench", manifest.Name);
        Assert.Null(manifest.Root);
        Assert.Equal(["alpha.npz", "beta.npz", "gamma.npz"], manifest.Datasets.Select(d => d.File));
        Assert.Equal(["oddbench", "ovo"], manifest.Datasets[0].Tags);
        Assert.Equal(["oddbench"], manifest.Datasets[2].Tags);
        Assert.Equal((7, 2, 2), (manifest.Datasets[0].Rows, manifest.Datasets[0].Features, manifest.Datasets[0].Outliers));
        Assert.Equal(ExitCodes.Ok, CliRun.Of("data", "manifest", Manifest, "--verify").ExitCode);
    }

    [Fact]
    public void PullingAgainFindsEverythingUpToDateAndDownloadsNothing()
    {
        Assert.Equal(ExitCodes.Ok, Pull().ExitCode);
        _hub.Requests.Clear();

        var again = Pull();

        Assert.Equal(ExitCodes.Ok, again.ExitCode);
        Assert.Empty(_hub.Downloads);
        Assert.Single(_hub.Requests);
        Assert.Contains("0 downloaded (0 B), 3 up to date, 0 failed", again.Output);
        Assert.Equal(3, again.ErrorLines.Count(l => l.EndsWith(": up to date", StringComparison.Ordinal)));
    }

    [Fact]
    public void ATruncatedPartIsResumedWithARangeRequest()
    {
        Directory.CreateDirectory(_to);
        byte[] beta = _files["beta.npz"];
        int half = beta.Length / 2;
        File.WriteAllBytes(Path.Combine(_to, "beta.npz.part"), beta[..half]);

        var run = Pull();

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal(beta, File.ReadAllBytes(Path.Combine(_to, "beta.npz")));
        Assert.False(File.Exists(Path.Combine(_to, "beta.npz.part")));
        string download = Assert.Single(_hub.Downloads, d => d.Contains("beta.npz", StringComparison.Ordinal));
        Assert.EndsWith($" Range=bytes={half}-", download);
        Assert.All(_hub.Downloads.Where(d => !d.Contains("beta", StringComparison.Ordinal)), d => Assert.DoesNotContain("Range", d));
        Assert.Contains(run.ErrorLines, l => l.Contains("beta.npz: downloaded", StringComparison.Ordinal) && l.Contains("(resumed at", StringComparison.Ordinal));
    }

    [Fact]
    public void AServerThatIgnoresRangeRestartsTheFileFromZero()
    {
        _hub.IgnoreRange = true;
        Directory.CreateDirectory(_to);
        File.WriteAllBytes(Path.Combine(_to, "alpha.npz.part"), Encoding.ASCII.GetBytes("stale bytes of another version"));

        var run = Pull();

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains(_hub.Downloads, d => d.Contains("alpha.npz Range=bytes=", StringComparison.Ordinal));
        Assert.Equal(_files["alpha.npz"], File.ReadAllBytes(Path.Combine(_to, "alpha.npz")));
    }

    [Fact]
    public void AResumedPartOfAnotherVersionIsRetriedOnceFromZero()
    {
        Directory.CreateDirectory(_to);
        byte[] gamma = _files["gamma.npz"];
        File.WriteAllBytes(Path.Combine(_to, "gamma.npz.part"), new byte[gamma.Length / 2]);

        var run = Pull();

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal(gamma, File.ReadAllBytes(Path.Combine(_to, "gamma.npz")));
        var downloads = _hub.Downloads.Where(d => d.Contains("gamma", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, downloads.Length);
        Assert.Contains(downloads, d => d.Contains("Range=", StringComparison.Ordinal));
        Assert.Contains(downloads, d => !d.Contains("Range=", StringComparison.Ordinal));
    }

    [Fact]
    public void AServerErrorAndADroppedConnectionAreRetriedTheLatterByResuming()
    {
        _hub.FailOnce["public/alpha.npz"] = "503";
        _hub.FailOnce["public/beta.npz"] = "cut";

        var run = Pull("--retries", "1");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal(_files["alpha.npz"], File.ReadAllBytes(Path.Combine(_to, "alpha.npz")));
        Assert.Equal(_files["beta.npz"], File.ReadAllBytes(Path.Combine(_to, "beta.npz")));
        Assert.Equal(2, _hub.Downloads.Count(d => d.Contains("alpha", StringComparison.Ordinal)));
        var beta = _hub.Downloads.Where(d => d.Contains("beta", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, beta.Length);
        Assert.Contains(beta, d => d.Contains("Range=bytes=", StringComparison.Ordinal));
    }

    [Fact]
    public void AServerErrorWithoutRetriesFailsThatFileNamingTheUrl()
    {
        _hub.FailOnce["public/alpha.npz"] = "503";

        var run = Pull("--retries", "0");

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        string error = Assert.Single(run.ErrorLines, l => l.Contains("alpha.npz", StringComparison.Ordinal));
        Assert.Contains($"GET {_hub.Url}datasets/{Repository}/resolve/main/public/alpha.npz: 503", error);
        Assert.True(File.Exists(Path.Combine(_to, "beta.npz")));
    }

    [Fact]
    public void AFileCorruptedOnDiskIsReplacedAndTheOthersLeftAlone()
    {
        Assert.Equal(ExitCodes.Ok, Pull().ExitCode);
        string alpha = Path.Combine(_to, "alpha.npz");
        byte[] damaged = File.ReadAllBytes(alpha);
        damaged[^10] ^= 0xFF;
        File.WriteAllBytes(alpha, damaged);
        _hub.Requests.Clear();

        var run = Pull();

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal(_files["alpha.npz"], File.ReadAllBytes(alpha));
        Assert.Contains("alpha.npz", Assert.Single(_hub.Downloads));
        Assert.Contains("1 downloaded", run.Output);
        Assert.Contains("2 up to date", run.Output);
        Assert.Contains(run.ErrorLines, l => l.Contains("alpha.npz: downloaded", StringComparison.Ordinal) && l.Contains("replacing", StringComparison.Ordinal));
    }

    [Fact]
    public void AWrongBodyFailsThatFileByItsHashKeepsTheOthersAndWritesNoManifest()
    {
        _hub.Corrupt["public/beta.npz"] = true;

        var run = Pull();

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        string error = Assert.Single(run.ErrorLines, l => l.Contains("beta.npz", StringComparison.Ordinal));
        Assert.StartsWith("error: ", error);
        Assert.Contains("SHA-256 of the download is", error);
        Assert.False(File.Exists(Path.Combine(_to, "beta.npz")));
        Assert.False(File.Exists(Path.Combine(_to, "beta.npz.part")));
        Assert.Equal(_files["alpha.npz"], File.ReadAllBytes(Path.Combine(_to, "alpha.npz")));
        Assert.Equal(_files["gamma.npz"], File.ReadAllBytes(Path.Combine(_to, "gamma.npz")));
        Assert.False(File.Exists(Manifest));
        Assert.Contains("2 downloaded", run.Output);
        Assert.Contains("1 failed", run.Output);
        // A hash mismatch from byte zero is not worth retrying: one request only.
        Assert.Single(_hub.Downloads, d => d.Contains("beta", StringComparison.Ordinal));
    }

    [Fact]
    public void AMissingSubsetIsOneLineNamingTheUrl()
    {
        var run = Pull("--subset", "representative");

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        string line = Assert.Single(run.ErrorLines, l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Equal($"error: GET {_hub.Url}api/datasets/{Repository}/tree/main/representative: 404 Not Found: no such repository, folder or file.", line);
        Assert.Empty(_hub.Downloads);
        Assert.False(Directory.Exists(_to));
    }

    [Fact]
    public void AFileWithoutAnLfsHashIsCheckedBySizeAndSaysSo()
    {
        _hub.Add(Repository, "public/delta.npz", Pair(seed: 4, datasetType: null), lfs: false);

        var run = Pull();

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains(run.ErrorLines, l => l.Contains("delta.npz: downloaded", StringComparison.Ordinal) && l.Contains("size checked only", StringComparison.Ordinal));
        Assert.Equal(ExitCodes.Ok, CliRun.Of("data", "manifest", Manifest, "--verify").ExitCode);
    }

    [Theory]
    [InlineData("--hub", "ftp://example.org", "--hub must be an absolute http or https URL")]
    [InlineData("--jobs", "0", "--jobs must be between 1 and 32")]
    [InlineData("--retries", "-1", "--retries must be between 0 and 20")]
    [InlineData("--subset", "private", "private")]
    public void BadOptionsAreUsageErrors(string option, string value, string expected)
    {
        var run = CliRun.Of("data", "pull", "oddbench", "--to", _to, option, value);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(expected, run.Error);
        Assert.Empty(_hub.Requests);
    }

    /// <summary>A small MacrOData-shaped pair: 3 train inliers, 4 test rows of which 2 outliers, 2 features.</summary>
    private static byte[] Pair(int seed, string? datasetType)
    {
        var builder = new NpzBuilder()
            .Float64("train", 3, 2, seed, 1, 2, 3, 4, 5)
            .Int64Vector("train_labels", 0, 0, 0)
            .Float64("test", 4, 2, 1, 1, 2, seed, 9, 9, -9, 9)
            .Int64Vector("test_labels", 0, 0, 1, 1);
        if (datasetType is not null)
        {
            byte[] utf32 = Encoding.UTF32.GetBytes(datasetType);
            builder.Raw("dataset_type", NpzBuilder.NpyWithHeader($"{{'descr': '<U{datasetType.Length}', 'fortran_order': False, 'shape': (), }}", utf32));
        }
        return builder.ToBytes();
    }
}
