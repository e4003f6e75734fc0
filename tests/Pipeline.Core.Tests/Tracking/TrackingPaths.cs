namespace Pipeline.Core.Tests.Tracking;

/// <summary>Locates the repository (walks up to Pipeline.sln) and the tracking fixtures; makes throw-away folders.</summary>
internal static class TrackingPaths
{
    public static string RepoRoot { get; } = FindRoot();

    public static string Fixture(params string[] parts) => Path.Combine([RepoRoot, "tests", "fixtures", "tracking", .. parts]);

    public static string Schema(string name) => Path.Combine(RepoRoot, "schemas", name);

    public static string TempFolder()
    {
        var dir = Path.Combine(Path.GetTempPath(), "pipeline-tracking-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string FindRoot()
    {
        for (var dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "Pipeline.sln")))
            {
                return dir;
            }
        }

        throw new InvalidOperationException("Pipeline.sln not found above " + AppContext.BaseDirectory);
    }
}
