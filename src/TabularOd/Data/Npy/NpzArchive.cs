using System.IO.Compression;

namespace TabularOd.Data;

/// <summary>
/// Reads every array of a <c>.npz</c> file (a ZIP of <c>.npy</c> entries, stored or deflated, ZIP64 included)
/// in archive order. Entries that are not <c>.npy</c> files are skipped with a warning.
/// </summary>
internal static class NpzArchive
{
    // Below this size the whole file is read with one call and the archive parsed from memory, instead of
    // through the small seeks and reads ZipArchive makes per entry; larger files are streamed.
    private const long InMemoryLimit = 64L << 20;

    /// <summary>Reads all arrays of <paramref name="path"/>; keys are entry names without <c>.npy</c>.</summary>
    public static IReadOnlyList<NpyArray> ReadAll(string path, List<string> warnings)
    {
        using Stream stream = Open(path);
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new DataFileException(path, $"is not a readable .npz file (a ZIP archive of .npy arrays); it may be truncated or of another type ({ReadGuard.OneLine(e.Message)}).", e);
        }
        using (archive)
        {
            var arrays = new List<NpyArray>(archive.Entries.Count);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (ZipArchiveEntry entry in archive.Entries)
            {
                if (entry.FullName.EndsWith('/'))
                {
                    continue; // a folder entry holds nothing
                }
                if (!entry.FullName.EndsWith(".npy", StringComparison.Ordinal))
                {
                    warnings.Add($"skipped '{entry.FullName}': not a .npy array");
                    continue;
                }
                string name = entry.FullName[..^4];
                if (!seen.Add(name))
                {
                    throw new DataFileException(path, $"holds the array '{name}' twice.");
                }
                arrays.Add(ReadEntry(path, entry, name, stream.Length));
            }
            return arrays;
        }
    }

    /// <summary>
    /// The shape of every <c>.npy</c> entry, read from the headers alone (no array data), so that a caller can size
    /// work on thousands of files without loading them.
    /// </summary>
    public static IReadOnlyDictionary<string, long[]> ReadShapes(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 12);
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new DataFileException(path, $"is not a readable .npz file (a ZIP archive of .npy arrays); it may be truncated or of another type ({ReadGuard.OneLine(e.Message)}).", e);
        }
        using (archive)
        {
            var shapes = new Dictionary<string, long[]>(StringComparer.Ordinal);
            foreach (ZipArchiveEntry entry in archive.Entries)
            {
                if (entry.FullName.EndsWith(".npy", StringComparison.Ordinal))
                {
                    string name = entry.FullName[..^4];
                    using Stream data = entry.Open();
                    shapes[name] = NpyHeader.Read(data, path, $"array '{name}'").Shape;
                }
            }
            return shapes;
        }
    }

    private static NpyArray ReadEntry(string path, ZipArchiveEntry entry, string name, long fileLength)
    {
        string label = $"array '{name}'";
        try
        {
            using Stream data = entry.Open();
            return NpyReader.Read(data, path, name, label, PlausibleLength(entry, fileLength));
        }
        catch (InvalidDataException e)
        {
            throw new DataFileException(path, $"{label} is damaged inside the archive ({ReadGuard.OneLine(e.Message)}).", e);
        }
        catch (EndOfStreamException e)
        {
            throw new DataFileException(path, $"{label} ends early; the archive is truncated or damaged.", e);
        }
        catch (NotSupportedException e)
        {
            // ZipArchive's answer to an unknown compression method (bzip2, LZMA, encryption).
            throw new DataFileException(path, $"{label} is stored in a way this reader cannot open ({ReadGuard.OneLine(e.Message)}); re-save it with numpy.savez.", e);
        }
    }

    // The size an entry can really have: a damaged directory may claim gigabytes, but deflate expands at most
    // about 1032:1 and the compressed bytes must fit in the file.
    private static long PlausibleLength(ZipArchiveEntry entry, long fileLength)
    {
        long compressed = Math.Min(entry.CompressedLength, fileLength);
        return entry.Length == entry.CompressedLength ? compressed : Math.Min(entry.Length, (compressed * 1032) + 64);
    }

    private static Stream Open(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        if (file.Length > InMemoryLimit)
        {
            return file;
        }
        using (file)
        {
            var bytes = new byte[file.Length];
            file.ReadExactly(bytes);
            return new MemoryStream(bytes, writable: false);
        }
    }
}
