using System.Diagnostics;
using System.Text;

namespace TabularOd.Cli.Tests.Support;

/// <summary>What a finished (or abandoned) external process printed, and how it ended.</summary>
public sealed record ProcessResult(string Command, int ExitCode, string Output, string Error, bool TimedOut, TimeSpan Elapsed)
{
    /// <summary>Exited by itself with code 0.</summary>
    public bool Succeeded => !TimedOut && ExitCode == 0;

    /// <summary>The command, how it ended and both streams, for a failure message.</summary>
    public string Describe()
    {
        string ending = TimedOut ? $"was killed after {Elapsed.TotalSeconds:0} s" : $"exited with code {ExitCode} after {Elapsed.TotalSeconds:0.0} s";
        return $"{Command} {ending}.\n--- stdout:\n{Output.TrimEnd()}\n--- stderr:\n{Error.TrimEnd()}";
    }
}

/// <summary>
/// Runs system tools (shell scripts, Slurm's commands) from tests, with a deadline, so that a hung tool fails the
/// test with its output instead of hanging the test run.
/// </summary>
public static class ExternalProcess
{
    // After the process exits, its output is read to the end; a background child that inherited the pipes (a daemon
    // that did not detach them) would keep that read open forever, so it gets only this long.
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Runs <paramref name="fileName"/> with <paramref name="arguments"/> (each passed as one argument, no shell) and
    /// waits at most <paramref name="timeout"/>, then kills its process tree. <paramref name="environment"/> adds or,
    /// with a null value, removes variables.
    /// </summary>
    public static ProcessResult Run(string fileName, IEnumerable<string> arguments, TimeSpan timeout,
        string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }
        string command = string.Join(' ', new[] { fileName }.Concat(start.ArgumentList).Select(Quote));

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {command}.");
        // Nothing here answers prompts; a closed stdin makes a tool that asks fail instead of waiting.
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        bool exited = process.WaitForExit(timeout);
        if (!exited)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited between the wait and the kill.
            }
            process.WaitForExit(DrainGrace);
        }
        Task.WaitAll([stdout, stderr], DrainGrace);
        watch.Stop();
        string output = stdout.IsCompletedSuccessfully ? stdout.Result : "(stdout not closed: a child process kept it open)";
        string error = stderr.IsCompletedSuccessfully ? stderr.Result : "(stderr not closed: a child process kept it open)";
        return new ProcessResult(command, exited ? process.ExitCode : -1, output, error, !exited, watch.Elapsed);
    }

    private static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,%@+".Contains(c)) ? word : $"'{word.Replace("'", "'\\''")}'";
}
