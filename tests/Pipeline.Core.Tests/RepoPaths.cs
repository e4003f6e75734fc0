namespace Pipeline.Core.Tests;

/// <summary>Locates the repository (the folder holding Pipeline.sln) and the shared fixtures beside it.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Pipeline.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Pipeline.sln not found above " + AppContext.BaseDirectory);
    });

    public static string Root => RootPath.Value;

    public static string Vectors => Path.Combine(Root, "tests", "vectors");

    /// <summary>
    /// A file under shared/fixtures: beside the repository (../shared, the layout of main and of CI), or beside an
    /// ancestor folder when the repository is a worktree nested deeper (e.g. /work/wt/NAME next to /work/shared).
    /// </summary>
    public static string Fixture(params string[] parts) => Path.Combine([FixturesRoot.Value, .. parts]);

    private static readonly Lazy<string> FixturesRoot = new(() =>
    {
        for (var dir = Directory.GetParent(Root); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "fixtures");
            if (Directory.Exists(candidate)) return candidate;
        }

        return Path.Combine(Root, "..", "shared", "fixtures");
    });
}
