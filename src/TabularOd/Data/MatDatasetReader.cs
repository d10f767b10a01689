namespace TabularOd.Data;

// PLACEHOLDER: replaced by the real reader.
public static class MatDatasetReader
{
    public static DataFile Read(string path) => throw new NotImplementedException(path);
}
