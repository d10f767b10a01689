namespace TabularOd.Cli.Tests.Support;

/// <summary>
/// A fact that runs a real Slurm cluster on this machine: skipped, visibly, where Slurm and munge are not installed
/// (a developer machine without them); run everywhere they are, including CI, whose script installs Debian's
/// <c>slurm-wlm</c> and <c>munge</c> and runs as root, as starting the daemons requires.
/// </summary>
public sealed class SlurmFactAttribute : FactAttribute
{
    public SlurmFactAttribute()
    {
        if (FindTool("sbatch") is null || FindTool("slurmctld") is null || FindTool("munged") is null)
        {
            Skip = "needs Debian slurm-wlm and munge (installed by .ci/run)";
        }
    }

    /// <summary>
    /// The full path of an installed program, searched on PATH and then in the sbin folders, where Debian puts the
    /// daemons and which a non-login shell's PATH often lacks; null when absent.
    /// </summary>
    public static string? FindTool(string name)
    {
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/sbin", "/usr/bin", "/usr/local/bin", "/usr/local/sbin"]);
        return folders.Select(folder => Path.Combine(folder, name)).FirstOrDefault(IsExecutable);
    }

    private static bool IsExecutable(string path) =>
        File.Exists(path) && (OperatingSystem.IsWindows()
            || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0);
}
