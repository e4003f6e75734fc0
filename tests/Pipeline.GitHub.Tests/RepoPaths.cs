namespace Pipeline.GitHub.Tests;

/// <summary>The repository root (found by walking up to Pipeline.sln) and the shared fixtures beside it.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// <c>../shared/fixtures</c> beside the repository (CI's layout); a worktree nested one level deeper finds it by
    /// walking further up.
    /// </summary>
    public static string Fixture(params string[] parts) => Path.Combine([Fixtures, .. parts]);

    private static string Fixtures { get; } = FindFixtures();

    private static string FindFixtures()
    {
        for (var dir = Directory.GetParent(Root); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "fixtures");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("shared/fixtures not found beside " + Root);
    }

    public static string At(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>The CLI built beside this test assembly's configuration (the project reference builds it first).</summary>
    public static string CliDll
    {
        get
        {
            var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var framework = bin.Name;
            var configuration = bin.Parent!.Name;
            var dll = At("src", "Pipeline.Cli", "bin", configuration, framework, "pipeline.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException("build src/Pipeline.Cli first", dll);
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pipeline.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Pipeline.sln not found above " + AppContext.BaseDirectory);
    }
}
