namespace TabularOd.Data;

/// <summary>
/// Reads a lone <c>.npy</c> file holding one 2-D numeric array (C or Fortran order, any supported element type)
/// as a table without labels.
/// </summary>
public static class NpyDatasetReader
{
    /// <summary>Reads <paramref name="path"/>; every failure is a <see cref="DataFileException"/> naming the file.</summary>
    public static DataFile Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return ReadGuard.Run(path, () =>
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
            string name = Path.GetFileNameWithoutExtension(path);
            NpyArray array = NpyReader.Read(stream, path, name, "the file", stream.Length);
            var table = new Dataset(name, array.ToMatrix());
            return DataFile.OfTable(path, table) with { StoredTypes = [KeyValuePair.Create(name, array.Header.Describe())] };
        });
    }
}
