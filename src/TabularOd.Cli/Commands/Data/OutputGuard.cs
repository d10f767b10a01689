namespace TabularOd.Cli.Commands.Data;

/// <summary>Refuses to overwrite an existing output file unless asked, before any work is done.</summary>
internal static class OutputGuard
{
    public static void Check(string path, bool force)
    {
        if (File.Exists(path) && !force)
        {
            throw new UsageException($"{path} already exists; pass --force to overwrite it.");
        }
    }
}
