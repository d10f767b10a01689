namespace TabularOd.Data;

/// <summary>Writes a table or a train/test pair in the format the target file's extension names.</summary>
public static class DataWriter
{
    /// <summary>The file extensions <see cref="Write"/> can produce.</summary>
    public static IReadOnlyList<string> SupportedExtensions { get; } = [".npz", ".csv"];

    /// <summary>
    /// Writes <paramref name="file"/> to <paramref name="path"/> (<c>.npz</c> or <c>.csv</c>). The file is written
    /// to a temporary name beside the target and moved into place, so a failed write never leaves half a file.
    /// </summary>
    public static void Write(DataFile file, string path)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(path);
        string extension = Path.GetExtension(path).ToLowerInvariant();
        Action<DataFile, string> writer = extension switch
        {
            ".npz" => NpzDatasetWriter.Write,
            ".csv" => CsvDatasetWriter.Write,
            _ => throw new DataFileException(path, $"cannot write '{extension}' files; expected one of {string.Join(", ", SupportedExtensions)}."),
        };
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new DataFileException(path, $"the folder '{folder}' does not exist.");
        }
        string temporary = path + ".partial";
        try
        {
            writer(file, temporary);
            File.Move(temporary, path, overwrite: true);
        }
        catch (DataFileException e)
        {
            // Writers see the temporary name; the user should see the file they asked for.
            throw new DataFileException(path, e.Problem, e);
        }
        catch (IOException e)
        {
            throw new DataFileException(path, $"could not be written: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new DataFileException(path, $"could not be written: {e.Message}", e);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
