namespace Pipeline.Tasks.Tests.Support;

internal static class Paths
{
    /// <summary>The repository root: the folder holding Pipeline.sln, found by walking up from the test output.</summary>
    public static string RepoRoot { get; } = FindRoot();

    /// <summary>The real CLI, built into this test project's output by its project reference.</summary>
    public static string RealCli => Path.Combine(AppContext.BaseDirectory, "pipeline.dll");

    public static string Fixtures => Path.Combine(RepoRoot, "tests", "fixtures");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Pipeline.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Pipeline.sln not found above " + AppContext.BaseDirectory);
    }
}
