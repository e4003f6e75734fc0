namespace Pipeline.Core.Tests;

/// <summary>Locates the repository (the folder holding Pipeline.sln) and its fixtures.</summary>
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

    /// <summary>A file under <c>tests/fixtures/</c>, inside the repository (see PROVENANCE.md there).</summary>
    public static string Fixture(params string[] parts) => Path.Combine([Root, "tests", "fixtures", .. parts]);
}
