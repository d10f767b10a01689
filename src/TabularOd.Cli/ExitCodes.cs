namespace TabularOd.Cli;

/// <summary>The process exit codes every tabod command uses.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Ok = 0;

    /// <summary>The command ran but failed (bad data, I/O error); the message says why.</summary>
    public const int Failure = 1;

    /// <summary>The command line itself was wrong (unknown option, missing argument, bad value).</summary>
    public const int Usage = 2;
}
