namespace Pipeline.Core.Tests.Canonical;

/// <summary>
/// A fact that needs python3 on PATH. On a developer machine without it the fact is skipped, with the reason; in CI
/// (<c>CI=true</c>) it runs and fails, because a reference check that silently stops running is no check.
/// </summary>
public sealed class PythonFactAttribute : FactAttribute
{
    public PythonFactAttribute()
    {
        if (Python3 is null && !InCi)
        {
            Skip = "python3 is not on PATH (in CI, CI=true, this fails instead)";
        }
    }

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string? Python3 { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => Path.Combine(dir, OperatingSystem.IsWindows() ? "python3.exe" : "python3"))
        .FirstOrDefault(File.Exists);

    /// <summary>python3's path; in CI without it, the failure that says so.</summary>
    public static string RequirePython3() =>
        Python3 ?? throw new InvalidOperationException("python3 is not on PATH: the CI job must install it (CI=true turns this skip into a failure)");
}
