namespace TabularOd.Data;

// PLACEHOLDER: replaced by the real writer.
public static class CsvDatasetWriter
{
    public static void Write(DataFile file, string path) => throw new NotImplementedException(path);
}
