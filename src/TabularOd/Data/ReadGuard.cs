namespace TabularOd.Data;

/// <summary>
/// The last line of defence of the binary readers: whatever low-level exception escapes the format code
/// becomes a one-line <see cref="DataFileException"/> naming the file, so that no stack trace reaches a user.
/// </summary>
internal static class ReadGuard
{
    /// <summary>Runs <paramref name="read"/>, translating low-level failures into <see cref="DataFileException"/>.</summary>
    public static T Run<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (DataFileException)
        {
            throw;
        }
        catch (EndOfStreamException e)
        {
            throw new DataFileException(path, "the file ends early; it is truncated or damaged.", e);
        }
        catch (InvalidDataException e)
        {
            throw new DataFileException(path, $"the file is damaged or not in the expected format ({OneLine(e.Message)}).", e);
        }
        catch (IOException e)
        {
            throw new DataFileException(path, $"could not be read: {OneLine(e.Message)}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new DataFileException(path, $"could not be read: {OneLine(e.Message)}", e);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException or NotSupportedException
                                      or InvalidOperationException or IndexOutOfRangeException or InvalidCastException)
        {
            // These mean the file held something the format code did not anticipate; say so plainly.
            throw new DataFileException(path, $"the file could not be interpreted ({OneLine(e.Message)}).", e);
        }
    }

    /// <summary>A message squeezed onto one line, as <see cref="DataFileException"/> promises.</summary>
    public static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).TrimEnd('.');
}
