using System.Security.Cryptography;

namespace TabularOd.Benchmarking.Catalog.Pull;

/// <summary>
/// Mirrors one folder of a published suite into a local folder: lists it on the hub, skips files already present
/// with the listed SHA-256, downloads the rest in parallel into <c>&lt;name&gt;.part</c> files (resuming those a
/// previous run left), checks each against its SHA-256 and renames it into place, then writes a suite manifest.
/// </summary>
public sealed class SuitePuller(HubClient hub)
{
    /// <summary>Parallel downloads when the caller does not say.</summary>
    public const int DefaultJobs = 4;

    /// <summary>The suffix of a download in progress.</summary>
    public const string PartSuffix = ".part";

    /// <summary>The hub client used.</summary>
    public HubClient Hub { get; } = hub ?? throw new ArgumentNullException(nameof(hub));

    /// <summary>
    /// Pulls <paramref name="subset"/> of <paramref name="suite"/> into <paramref name="folder"/>: lists it, then
    /// fetches what is missing (see <see cref="ListAsync"/> and the overload taking the listing).
    /// </summary>
    public async Task<PullReport> PullAsync(PublishedSuite suite, string subset, string folder, int jobs = DefaultJobs,
        IProgress<PullFileResult>? progress = null, CancellationToken cancel = default)
    {
        var files = await ListAsync(suite, subset, cancel).ConfigureAwait(false);
        return await PullAsync(suite, subset, files, folder, jobs, progress, cancel).ConfigureAwait(false);
    }

    /// <summary>
    /// The <c>.npz</c> files of a suite's folder on the hub, sorted by name. Throws <see cref="HubException"/> when
    /// the listing fails or holds no data files.
    /// </summary>
    public async Task<IReadOnlyList<HubFile>> ListAsync(PublishedSuite suite, string subset, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(suite);
        var listed = await Hub.ListFilesAsync(suite.Repository, subset, cancel).ConfigureAwait(false);
        var files = listed
            .Where(f => f.FileName.EndsWith(".npz", StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => f.FileName, StringComparer.Ordinal)
            .ToArray();
        if (files.Length == 0)
        {
            throw new HubException(Hub.TreeUrl(suite.Repository, subset), $"the folder lists no .npz files ({listed.Count} other files).", transient: false);
        }
        return files;
    }

    /// <summary>
    /// Fetches the listed <paramref name="files"/> into <paramref name="folder"/>. A failed file is reported in its
    /// result (and through <paramref name="progress"/>, called on the downloading thread as each file finishes)
    /// and the others go on.
    /// </summary>
    public async Task<PullReport> PullAsync(PublishedSuite suite, string subset, IReadOnlyList<HubFile> files, string folder,
        int jobs = DefaultJobs, IProgress<PullFileResult>? progress = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(files);
        ArgumentOutOfRangeException.ThrowIfLessThan(jobs, 1);
        Directory.CreateDirectory(folder);
        var results = new PullFileResult[files.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = jobs, CancellationToken = cancel };
        await Parallel.ForEachAsync(Enumerable.Range(0, files.Count), options, async (i, token) =>
        {
            results[i] = await PullFileAsync(suite, files[i], folder, token).ConfigureAwait(false);
            progress?.Report(results[i]);
        }).ConfigureAwait(false);
        return new PullReport(suite, subset, Path.GetFullPath(folder), Hub.TreeUrl(suite.Repository, subset), results);
    }

    /// <summary>
    /// Writes <c>&lt;suite&gt;-&lt;subset&gt;.json</c> into the pulled folder, listing the pulled files (not whatever
    /// else the folder holds), so that the folder can be named as a benchmark suite. Returns its path.
    /// </summary>
    public static string WriteManifest(PullReport report, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (!report.Complete)
        {
            throw new InvalidOperationException($"{report.Failed} files failed; a manifest would describe a partial suite.");
        }
        var entries = new ManifestEntry[report.Files.Count];
        Parallel.For(0, entries.Length, i =>
        {
            var file = report.Files[i];
            progress?.Report(file.LocalPath);
            entries[i] = ManifestFile.Describe(file.LocalPath, report.Folder, report.Suite.Name, file.Sha256);
        });
        var manifest = new SuiteManifest
        {
            Name = report.Suite.Name,
            Description = $"{report.Suite.Title}, {report.Subset} datasets, pulled from {new Uri(report.Source, "/")}datasets/{report.Suite.Repository}.",
            License = $"See the dataset card of {report.Suite.Repository}.",
            Partition = "public",
            Datasets = entries,
        };
        string path = Path.Combine(report.Folder, report.Suite.ManifestFileName(report.Subset));
        ManifestFile.Save(manifest, path);
        return path;
    }

    private async Task<PullFileResult> PullFileAsync(PublishedSuite suite, HubFile file, string folder, CancellationToken cancel)
    {
        string target = Path.Combine(folder, file.FileName);
        string part = target + PartSuffix;
        var url = Hub.FileUrl(suite.Repository, file.Path);
        var result = new PullFileResult { File = file, LocalPath = target, Outcome = PullOutcome.Failed, SizeCheckedOnly = file.Sha256 is null };
        try
        {
            if (File.Exists(target))
            {
                var (matches, sha) = await CheckAsync(target, file, cancel).ConfigureAwait(false);
                if (matches)
                {
                    // A part left beside a good file is a leftover from an interrupted replacement.
                    File.Delete(part);
                    return result with { Outcome = PullOutcome.UpToDate, Sha256 = sha };
                }
                result = result with { Replaced = true };
            }
            return await DownloadAsync(url, file, target, part, result, cancel).ConfigureAwait(false);
        }
        catch (HubException e)
        {
            return result with { Error = $"{file.FileName}: {e.Message}" };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return result with { Error = $"{target}: {e.Message.ReplaceLineEndings(" ")}" };
        }
    }

    private async Task<PullFileResult> DownloadAsync(Uri url, HubFile file, string target, string part, PullFileResult result, CancellationToken cancel)
    {
        long received = 0, resumedFrom = 0;
        bool restartedAfterMismatch = false;
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                long have = File.Exists(part) ? new FileInfo(part).Length : 0;
                if (have > file.Size)
                {
                    File.Delete(part);
                    have = 0;
                }
                long startedAt = have;
                // A part that is already complete (the previous run stopped before renaming) needs no request.
                if (have < file.Size || !File.Exists(part))
                {
                    var got = await Hub.DownloadAsync(url, part, cancel).ConfigureAwait(false);
                    received += got.BytesReceived;
                    startedAt = got.ResumedFrom;
                    resumedFrom = resumedFrom == 0 ? got.ResumedFrom : resumedFrom;
                }
                long length = new FileInfo(part).Length;
                if (length < file.Size)
                {
                    throw new HubException(url, $"the connection ended after {length} of {file.Size} bytes.", transient: true);
                }
                if (length > file.Size)
                {
                    File.Delete(part);
                    return result with { BytesReceived = received, Error = $"{file.FileName}: the download is {length} bytes, the hub lists {file.Size}; the partial file was deleted." };
                }
                string? sha = null;
                if (file.Sha256 is { } expected)
                {
                    sha = await HashAsync(part, cancel).ConfigureAwait(false);
                    if (sha != expected)
                    {
                        File.Delete(part);
                        if (startedAt > 0 && !restartedAfterMismatch)
                        {
                            // The bytes kept from an earlier run may be of an older version of the file: one clean try.
                            restartedAfterMismatch = true;
                            resumedFrom = 0;
                            continue;
                        }
                        return result with
                        {
                            BytesReceived = received,
                            Error = $"{file.FileName}: SHA-256 of the download is {sha}, the hub lists {expected}; the partial file was deleted.",
                        };
                    }
                }
                // Same folder, so the rename is atomic: the file is either the old one or the checked new one.
                File.Move(part, target, overwrite: true);
                return result with { Outcome = PullOutcome.Downloaded, BytesReceived = received, ResumedFrom = resumedFrom, Sha256 = sha };
            }
            catch (HubException e) when (e.IsTransient && attempt < Hub.Retry.MaxAttempts)
            {
                await Task.Delay(Hub.Retry.DelayBefore(attempt + 1), cancel).ConfigureAwait(false);
            }
            catch (HubException e)
            {
                return result with { BytesReceived = received, Error = $"{file.FileName}: {e.Message}" };
            }
        }
    }

    private static async Task<(bool Matches, string? Sha256)> CheckAsync(string path, HubFile file, CancellationToken cancel)
    {
        if (new FileInfo(path).Length != file.Size)
        {
            return (false, null);
        }
        if (file.Sha256 is null)
        {
            return (true, null);
        }
        string sha = await HashAsync(path, cancel).ConfigureAwait(false);
        return (sha == file.Sha256, sha);
    }

    private static async Task<string> HashAsync(string path, CancellationToken cancel)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancel).ConfigureAwait(false));
    }
}
