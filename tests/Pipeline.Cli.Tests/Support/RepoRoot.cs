namespace Pipeline.Cli.Tests.Support;

/// <summary>The checkout's root (the folder holding Pipeline.sln), found from the test binaries.</summary>
internal static class RepoRoot
{
    public static string Path { get; } = Find();

    public static string Fixtures => System.IO.Path.Combine(Path, "tests", "fixtures");

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Pipeline.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Pipeline.sln not found above " + AppContext.BaseDirectory);
    }
}
