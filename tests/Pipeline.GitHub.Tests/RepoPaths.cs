namespace Pipeline.GitHub.Tests;

/// <summary>The repository root (found by walking up to Pipeline.sln) and its fixtures.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>A file under <c>tests/fixtures/</c>, inside the repository (see PROVENANCE.md there).</summary>
    public static string Fixture(params string[] parts) => Path.Combine([Root, "tests", "fixtures", .. parts]);

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
