namespace TabularOd.Benchmarking.Catalog.Pull;

/// <summary>What became of one file of a pull.</summary>
public enum PullOutcome
{
    /// <summary>Fetched (in full or resumed), checked and moved into place.</summary>
    Downloaded,

    /// <summary>Already on disk with the listed SHA-256 (or size, when the hub gave no hash); nothing fetched.</summary>
    UpToDate,

    /// <summary>Could not be fetched or did not check out; <see cref="PullFileResult.Error"/> says why.</summary>
    Failed,
}

/// <summary>One file's result.</summary>
public sealed record PullFileResult
{
    /// <summary>The file as the hub listed it.</summary>
    public required HubFile File { get; init; }

    /// <summary>Where it lives (or would live) on disk.</summary>
    public required string LocalPath { get; init; }

    /// <summary>What happened.</summary>
    public required PullOutcome Outcome { get; init; }

    /// <summary>Bytes that came over the network for this file, across every attempt.</summary>
    public long BytesReceived { get; init; }

    /// <summary>The byte a resumed download continued from; 0 when it started from the beginning.</summary>
    public long ResumedFrom { get; init; }

    /// <summary>A file was on disk with other contents and has been replaced.</summary>
    public bool Replaced { get; init; }

    /// <summary>The hub gave no SHA-256, so only the size was checked.</summary>
    public bool SizeCheckedOnly { get; init; }

    /// <summary>The checked SHA-256 of the file on disk, when one was computed.</summary>
    public string? Sha256 { get; init; }

    /// <summary>One line on why the file failed, naming it.</summary>
    public string? Error { get; init; }
}

/// <summary>The result of pulling one subset of a suite.</summary>
/// <param name="Suite">The suite pulled.</param>
/// <param name="Subset">The repository folder pulled ("public", "representative").</param>
/// <param name="Folder">The local folder the files went to.</param>
/// <param name="Source">The listing URL.</param>
/// <param name="Files">Every listed file's result, sorted by file name.</param>
public sealed record PullReport(PublishedSuite Suite, string Subset, string Folder, Uri Source, IReadOnlyList<PullFileResult> Files)
{
    /// <summary>Files fetched.</summary>
    public int Downloaded => Files.Count(f => f.Outcome == PullOutcome.Downloaded);

    /// <summary>Files already present and correct.</summary>
    public int UpToDate => Files.Count(f => f.Outcome == PullOutcome.UpToDate);

    /// <summary>Files that failed.</summary>
    public int Failed => Files.Count(f => f.Outcome == PullOutcome.Failed);

    /// <summary>Bytes that came over the network.</summary>
    public long BytesReceived => Files.Sum(f => f.BytesReceived);

    /// <summary>Every file is on disk and checked.</summary>
    public bool Complete => Failed == 0;
}
