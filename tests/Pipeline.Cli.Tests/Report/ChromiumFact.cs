namespace Pipeline.Cli.Tests.Report;

/// <summary>
/// A browser test. Without Chromium it is skipped on a developer's machine, but never in CI (<c>CI=true</c>): there a
/// missing browser must fail the run, since .ci/run installs it.
/// </summary>
internal sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Executable is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = "Chromium is not installed (apt-get install chromium; .ci/run does it and runs these tests)";
        }
    }
}
