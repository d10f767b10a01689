using TabularOd.Data;
using TabularOd.Tests.Support;

namespace TabularOd.Tests.Data.Csv;

internal static class CsvTestFiles
{
    /// <summary>Writes <paramref name="text"/> to a fresh file and returns its path.</summary>
    public static string Write(string text, string name = "data.csv")
    {
        string path = Path.Combine(TestPaths.NewTempFolder(), name);
        File.WriteAllText(path, text);
        return path;
    }

    public static DataFile Read(string text, DataReadOptions? options = null) =>
        CsvDatasetReader.Read(Write(text), options ?? DataReadOptions.Default);

    /// <summary>Reading fails with a one-line message that starts with the path; returns the problem part.</summary>
    public static string ReadFails(string text, DataReadOptions? options = null)
    {
        string path = Write(text);
        var error = Assert.Throws<DataFileException>(() => CsvDatasetReader.Read(path, options ?? DataReadOptions.Default));
        Assert.StartsWith(path + ": ", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain('\r', error.Message);
        Assert.Equal(path, error.FilePath);
        return error.Problem;
    }

    public static double[] Column(Dataset table, int column) => table.Features.Column(column).ToArray();
}
