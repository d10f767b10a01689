namespace TabularOd.Data;

// PLACEHOLDER: replaced by the real reader.
public static class CsvDatasetReader
{
    public static DataFile Read(string path, DataReadOptions options) => throw new NotImplementedException(path);
}
