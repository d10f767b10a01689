using TabularOd.Data;

namespace TabularOd.Tests.Data.Npy;

/// <summary>Checks the promise every reader makes about failures: one line, starting with the file's path.</summary>
internal static class DataFileAssert
{
    /// <summary>Reads <paramref name="path"/> through <see cref="DataReader"/> and expects a well-formed refusal.</summary>
    public static DataFileException ReadFails(string path, params string[] fragments)
    {
        var error = Assert.Throws<DataFileException>(() => DataReader.Read(path));
        IsUserFacing(error, path, fragments);
        return error;
    }

    public static void IsUserFacing(DataFileException error, string path, params string[] fragments)
    {
        Assert.StartsWith(path + ": ", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain('\r', error.Message);
        foreach (string fragment in fragments)
        {
            Assert.Contains(fragment, error.Message);
        }
    }
}
