using System.CommandLine;
using System.Globalization;
using TabularOd.Benchmarking.Catalog.Pull;

namespace TabularOd.Cli.Commands.Data;

/// <summary>
/// <c>tabod data pull oddbench|ovrbench [--subset public|representative] --to DIR [--hub URL] [--jobs N]</c>
/// mirrors a published MacrOData suite from the Hugging Face Hub: resumable, checked against each file's SHA-256,
/// and finished with a suite manifest <c>DIR/&lt;suite&gt;-&lt;subset&gt;.json</c>. Running it again fetches only
/// what is missing or changed.
/// </summary>
public static class DataPullCommand
{
    /// <summary>Most parallel downloads accepted; more only annoys the hub.</summary>
    public const int MaxJobs = 32;

    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console)
    {
        var suite = new Argument<string>("suite") { Description = "The published suite: oddbench or ovrbench." };
        suite.AcceptOnlyFromAmong([.. PublishedSuite.All.Select(s => s.Name)]);
        var subset = new Option<string>("--subset")
        {
            Description = "Which folder of the repository: all public datasets, or the authors' 50-dataset representative subset.",
            DefaultValueFactory = _ => PublishedSuite.PublicSubset,
        };
        subset.AcceptOnlyFromAmong([.. PublishedSuite.Subsets]);
        var to = new Option<string>("--to") { Description = "Folder to download into (created if needed).", Required = true, HelpName = "DIR" };
        var hub = new Option<string>("--hub")
        {
            Description = "Base URL of the hub, or of a mirror serving its API layout.",
            DefaultValueFactory = _ => HubClient.DefaultHub.AbsoluteUri,
            HelpName = "URL",
        };
        var jobs = new Option<int>("--jobs") { Description = "Parallel downloads.", DefaultValueFactory = _ => SuitePuller.DefaultJobs, HelpName = "N" };
        var retries = new Option<int>("--retries")
        {
            Description = "Retries of a request after a server error, timeout or broken connection (waiting 1 s, 2 s, 4 s, … between).",
            DefaultValueFactory = _ => HubRetryPolicy.Default.MaxAttempts - 1,
            HelpName = "N",
        };
        var command = new Command("pull", "Download a published MacrOData suite (OddBench, OvRBench) from the Hugging Face Hub, resumably, and write its manifest.")
        {
            suite, subset, to, hub, jobs, retries,
        };
        command.SetAction(async (parsed, cancel) =>
        {
            var published = PublishedSuite.Find(parsed.GetValue(suite)!)!;
            string folder = parsed.GetValue(to)!;
            string hubText = parsed.GetValue(hub)!;
            if (!Uri.TryCreate(hubText, UriKind.Absolute, out var hubUrl) || hubUrl.Scheme is not ("http" or "https"))
            {
                throw new UsageException($"--hub must be an absolute http or https URL; got '{hubText}'.");
            }
            int parallel = parsed.GetValue(jobs);
            if (parallel is < 1 or > MaxJobs)
            {
                throw new UsageException($"--jobs must be between 1 and {MaxJobs}; got {parallel}.");
            }
            int again = parsed.GetValue(retries);
            if (again is < 0 or > 20)
            {
                throw new UsageException($"--retries must be between 0 and 20; got {again}.");
            }
            if (File.Exists(folder))
            {
                throw new UsageException($"--to {folder} is a file; give a folder.");
            }
            return await PullAsync(console, published, parsed.GetValue(subset)!, folder, hubUrl, parallel,
                HubRetryPolicy.Default with { MaxAttempts = again + 1 }, cancel);
        });
        return command;
    }

    private static async Task<int> PullAsync(CliConsole console, PublishedSuite suite, string subset, string folder, Uri hubUrl,
        int jobs, HubRetryPolicy retry, CancellationToken cancel)
    {
        using var http = HubClient.CreateHttpClient(jobs);
        var puller = new SuitePuller(new HubClient(http, hubUrl, retry));
        string label = $"{suite.Name}/{subset}";
        console.Error.WriteLine($"{label}: listing {puller.Hub.TreeUrl(suite.Repository, subset)}");
        IReadOnlyList<HubFile> files;
        try
        {
            files = await puller.ListAsync(suite, subset, cancel);
        }
        catch (HubException e)
        {
            // Nothing was downloaded; the one line names the URL that failed.
            console.Fail(e.Message);
            return ExitCodes.Failure;
        }
        int done = 0, total = files.Count, width = total.ToString(CultureInfo.InvariantCulture).Length;
        var progress = new SyncProgress<PullFileResult>(result =>
        {
            done++;
            string counter = $"[{done.ToString(CultureInfo.InvariantCulture).PadLeft(width)}/{total}]";
            if (result.Outcome == PullOutcome.Failed)
            {
                console.Fail($"{counter} {result.Error}");
            }
            else
            {
                console.Error.WriteLine($"{counter} {result.File.FileName}: {Describe(result)}");
            }
        });
        PullReport report;
        try
        {
            report = await puller.PullAsync(suite, subset, files, folder, jobs, progress, cancel);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            console.Fail($"{label}: stopped; what arrived is kept in {folder} (partial files as *{SuitePuller.PartSuffix}). Run the same command again to resume.");
            return ExitCodes.Failure;
        }
        console.Out.WriteLine($"{label}: {report.Files.Count} files; {report.Downloaded} downloaded ({Bytes(report.BytesReceived)}), "
            + $"{report.UpToDate} up to date, {report.Failed} failed.");
        if (!report.Complete)
        {
            console.Fail($"{report.Failed} of {report.Files.Count} files failed; the others are kept in {folder}. "
                + "Run the same command again to resume; no manifest was written.");
            return ExitCodes.Failure;
        }
        string manifest = SuitePuller.WriteManifest(report);
        console.Out.WriteLine($"wrote {manifest}: {report.Files.Count} datasets.");
        return ExitCodes.Ok;
    }

    private static string Describe(PullFileResult result)
    {
        string text = result.Outcome == PullOutcome.UpToDate ? "up to date" : $"downloaded {Bytes(result.BytesReceived)}";
        if (result.ResumedFrom > 0)
        {
            text += $" (resumed at {Bytes(result.ResumedFrom)})";
        }
        if (result.Replaced)
        {
            text += ", replacing a file that did not match";
        }
        if (result.SizeCheckedOnly)
        {
            text += "; size checked only, the hub lists no SHA-256 for it";
        }
        return text;
    }

    internal static string Bytes(long bytes)
    {
        string[] units = ["B", "KB", "MB", "GB", "TB"];
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return unit == 0
            ? $"{bytes.ToString(CultureInfo.InvariantCulture)} B"
            : $"{value.ToString(value < 10 ? "0.0" : "0", CultureInfo.InvariantCulture)} {units[unit]}";
    }
}
