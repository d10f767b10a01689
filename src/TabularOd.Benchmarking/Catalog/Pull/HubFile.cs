namespace TabularOd.Benchmarking.Catalog.Pull;

/// <summary>One file a hub repository lists.</summary>
/// <param name="Path">Path inside the repository, e.g. "public/abalone.npz".</param>
/// <param name="Size">Size in bytes.</param>
/// <param name="Sha256">
/// Lower-case hex SHA-256 (the LFS object id), or null for a file stored in plain git, which can then only be
/// checked by size.
/// </param>
public sealed record HubFile(string Path, long Size, string? Sha256)
{
    /// <summary>The file's name without its folder.</summary>
    public string FileName => Path[(Path.LastIndexOf('/') + 1)..];
}
