namespace Pipeline.Core.Tests;

/// <summary>Locates the repository root (Pipeline.sln) and its fixtures, <c>tests/fixtures/</c> (see PROVENANCE.md there).</summary>
internal static class Fixtures
{
    public static string RepoRoot { get; } = FindRoot();

    /// <summary>The fixtures inside the repository: a plain clone needs nothing beside it.</summary>
    public static string Dir { get; } = Path.Combine(RepoRoot, "tests", "fixtures");

    public static string Path_(string name) => Path.Combine(Dir, name);

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(Dir, name));

    public static string TestData(params string[] parts) => Path.Combine([RepoRoot, "tests", "Pipeline.Core.Tests", .. parts]);

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
