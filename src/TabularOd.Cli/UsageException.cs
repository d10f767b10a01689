namespace TabularOd.Cli;

/// <summary>A command line that parsed but asks for something impossible; exits with <see cref="ExitCodes.Usage"/>.</summary>
public sealed class UsageException(string message) : Exception(message);
