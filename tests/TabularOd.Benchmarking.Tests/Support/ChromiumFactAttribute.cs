namespace TabularOd.Benchmarking.Tests.Support;

/// <summary>
/// A fact that needs headless Chromium: skipped, visibly, where no Chromium binary is installed (a developer
/// machine without it); run everywhere it is, including CI, whose script installs Debian's <c>chromium</c>.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (HeadlessChromium.BinaryPath is null)
        {
            Skip = "needs Debian chromium (installed by .ci/run)";
        }
    }
}
