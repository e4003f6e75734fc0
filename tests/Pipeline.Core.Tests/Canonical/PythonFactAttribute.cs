namespace Pipeline.Core.Tests.Canonical;

/// <summary>A fact that needs python3 on PATH; skipped (not failed, not passed silently) where it is missing.</summary>
public sealed class PythonFactAttribute : FactAttribute
{
    public PythonFactAttribute()
    {
        if (Python3 is null) Skip = "python3 is not on PATH";
    }

    public static string? Python3 { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => Path.Combine(dir, OperatingSystem.IsWindows() ? "python3.exe" : "python3"))
        .FirstOrDefault(File.Exists);
}
